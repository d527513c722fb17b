// The behaviour suite's Kotlin runner: every tests/scenarios/*.json file (format in
// tests/scenarios/README.md) against a fresh foxy-sandbox, through the uniffi binding.
// Raw calls go through FoxyClient's get/post/put/patch/delete and follow; `list` and
// `all` through the typed navigation (`client.store().coupons().pages(query).next()`).
// Run by `cargo xtask uniffi` after the Kotlin tests (`io.foxy.sdk.test.Scenarios`, given the
// absolute tests/scenarios folder as its argument, or in FOXY_SCENARIOS_DIR); prints
// `scenarios: N passed`.
package io.foxy.sdk.test

import io.foxy.sdk.*
import java.io.File
import java.math.BigDecimal
import kotlin.coroutines.intrinsics.suspendCoroutineUninterceptedOrReturn
import kotlinx.coroutines.runBlocking

/** A tiny JSON reader: objects as LinkedHashMap, numbers as BigDecimal (exact). */
class JsonReader(private val text: String) {
    private var at = 0

    fun read(): Any? = value().also { space(); if (at != text.length) fail("trailing text") }

    private fun fail(what: String): Nothing = throw IllegalArgumentException("JSON: $what at $at")
    private fun space() { while (at < text.length && text[at].isWhitespace()) at++ }
    private fun take(c: Char) { space(); if (at >= text.length || text[at] != c) fail("expected $c"); at++ }

    private fun value(): Any? {
        space()
        if (at >= text.length) fail("unexpected end")
        return when (val c = text[at]) {
            '{' -> {
                at++
                val map = LinkedHashMap<String, Any?>()
                space()
                if (text[at] == '}') { at++; return map }
                while (true) {
                    space()
                    val key = string()
                    take(':')
                    map[key] = value()
                    space()
                    if (text[at] == ',') { at++; continue }
                    take('}')
                    return map
                }
                @Suppress("UNREACHABLE_CODE") map
            }
            '[' -> {
                at++
                val list = mutableListOf<Any?>()
                space()
                if (text[at] == ']') { at++; return list }
                while (true) {
                    list.add(value())
                    space()
                    if (text[at] == ',') { at++; continue }
                    take(']')
                    return list
                }
                @Suppress("UNREACHABLE_CODE") list
            }
            '"' -> string()
            't' -> { at += 4; true }
            'f' -> { at += 5; false }
            'n' -> { at += 4; null }
            else -> {
                val start = at
                while (at < text.length && (text[at] in "+-.eE" || text[at].isDigit())) at++
                if (start == at) fail("unexpected $c")
                BigDecimal(text.substring(start, at))
            }
        }
    }

    private fun string(): String {
        if (text[at] != '"') fail("expected a string")
        at++
        val out = StringBuilder()
        while (text[at] != '"') {
            val c = text[at++]
            if (c != '\\') { out.append(c); continue }
            when (val e = text[at++]) {
                'n' -> out.append('\n'); 't' -> out.append('\t'); 'r' -> out.append('\r')
                'b' -> out.append('\b'); 'f' -> out.append('\u000c')
                'u' -> { out.append(text.substring(at, at + 4).toInt(16).toChar()); at += 4 }
                else -> out.append(e)
            }
        }
        at++
        return out.toString()
    }
}

/** JSON text of a value the reader produced. */
fun jsonText(value: Any?): String = when (value) {
    null -> "null"
    is String -> "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\""
    is BigDecimal -> value.toPlainString()
    is Boolean -> value.toString()
    is Map<*, *> -> value.entries.joinToString(",", "{", "}") { jsonText(it.key as String) + ":" + jsonText(it.value) }
    is List<*> -> value.joinToString(",", "[", "]") { jsonText(it) }
    else -> jsonText(value.toString())
}

/** What a step produced, in the suite's terms. */
class Outcome(val document: Map<String, Any?>, val members: List<String>, val totalItems: Any?) {
    @Suppress("UNCHECKED_CAST")
    val links: Map<String, Any?> get() = (document["_links"] as? Map<String, Any?>) ?: emptyMap()
    @Suppress("UNCHECKED_CAST")
    val embedded: Map<String, Any?> get() = (document["_embedded"] as? Map<String, Any?>) ?: emptyMap()
    val props: Map<String, Any?> get() = document.filterKeys { it != "_links" && it != "_embedded" }

    fun link(rel: String): String? = when (val l = links[rel]) {
        is Map<*, *> -> l["href"] as? String
        is List<*> -> (l.firstOrNull() as? Map<*, *>)?.get("href") as? String
        else -> null
    }

    fun embeddedCount(rel: String): Int = when (val e = embedded[rel]) {
        null -> 0
        is List<*> -> e.size
        else -> 1
    }

    val count: Int get() = if (members.isNotEmpty() || embedded.isEmpty()) members.size else embedded.keys.sumOf { embeddedCount(it) }
}

@Suppress("UNCHECKED_CAST")
fun outcomeOf(doc: Document): Outcome {
    val parsed = JsonReader(doc.json).read() as Map<String, Any?>
    val outcome = Outcome(parsed, emptyList(), parsed["total_items"])
    val members = outcome.embedded.values.flatMap { (it as? List<*>) ?: listOf(it) }
        .mapNotNull { ((it as? Map<*, *>)?.get("_links") as? Map<*, *>)?.let { l -> (l["self"] as? Map<*, *>)?.get("href") as? String } }
    return Outcome(parsed, members, parsed["total_items"])
}

/** Calls a suspend function found by reflection (the generated pagers' `next`). */
suspend fun callSuspend(target: Any, name: String): Any? = suspendCoroutineUninterceptedOrReturn { cont ->
    target.javaClass.methods.first { it.name == name && it.parameterCount == 1 }.invoke(target, cont)
}

/** The pager of the store's collection `rel` (`fx:coupons`), through typed navigation. */
fun pagerOf(api: FoxyClient, rels: List<String>, query: Query?): Any {
    require(rels.size == 2 && rels[0] == "fx:store") { "typed navigation starts at fx:store: $rels" }
    val name = rels[1].removePrefix("fx:").split('_').mapIndexed { i, w -> if (i == 0) w else w.replaceFirstChar { it.uppercase() } }.joinToString("")
    val store = api.store()
    val path = store.javaClass.methods.firstOrNull { it.name == name && it.parameterCount == 0 }?.invoke(store)
        ?: error("the store has no typed relation ${rels[1]}")
    return path.javaClass.methods.first { it.name == "pages" && it.parameterCount == 1 }.invoke(path, query)
}

/** A page record of the generated bindings, as an outcome. */
fun outcomeOfPage(page: Any): Outcome {
    val members = page.javaClass.getMethod("getMembers").invoke(page) as List<*>
    val hrefs = members.mapNotNull { m -> m!!.javaClass.getMethod("href").invoke(m) as String? }
    val total = page.javaClass.methods.first { it.name.startsWith("getTotalItems") }.invoke(page)
    val links = linkedMapOf<String, Any?>()
    (page.javaClass.getMethod("getHref").invoke(page) as String?)?.let { links["self"] = mapOf("href" to it) }
    (page.javaClass.getMethod("getNextHref").invoke(page) as String?)?.let { links["next"] = mapOf("href" to it) }
    val document = mapOf("_links" to links, "total_items" to total?.toString()?.let { BigDecimal(it) })
    return Outcome(document, hrefs, total)
}

/** Foxy's filter operators (`total_order:greaterthan`) as the binding's. */
val OPERATORS = mapOf(
    "not" to FilterOperator.NOT, "greaterthan" to FilterOperator.GREATER_THAN, "greaterthanorequal" to FilterOperator.GREATER_THAN_OR_EQUAL,
    "lessthan" to FilterOperator.LESS_THAN, "lessthanorequal" to FilterOperator.LESS_THAN_OR_EQUAL, "isdefined" to FilterOperator.IS_DEFINED,
    "in" to FilterOperator.IN,
)

/** Scenarios the binding cannot express yet, each with the gap (counted and printed as skipped). */
val GAPS = mapOf<String, String>()

/** The suite's error code of a binding error. */
fun codeOf(e: FoxyException): String = when (e) {
    is FoxyException.Api -> "api"
    is FoxyException.Auth, is FoxyException.TokenRejected -> "auth"
    is FoxyException.InvalidInput -> "input"
    is FoxyException.Decode -> "decode"
    is FoxyException.Model -> "model"
    is FoxyException.MissingLink -> "missing_link"
    is FoxyException.Transport -> "transport"
    is FoxyException.Timeout -> "timeout"
    is FoxyException.Policy -> "policy"
    is FoxyException.Ambiguous -> "ambiguous"
    is FoxyException.Config -> e.code
    is FoxyException.Internal -> e.code
    is FoxyException.Rejected -> "rejected"
}

fun isDecimal(v: Any?) = v is BigDecimal || (v is String && Regex("-?[0-9]+(\\.[0-9]*)?").matches(v))

/** The suite's equality: decimals by value, everything else as JSON. */
fun same(actual: Any?, expected: Any?): Boolean = when {
    isDecimal(actual) && isDecimal(expected) -> BigDecimal(actual.toString()).compareTo(BigDecimal(expected.toString())) == 0
    actual is Map<*, *> && expected is Map<*, *> -> actual.keys == expected.keys && actual.keys.all { same(actual[it], expected[it]) }
    actual is List<*> && expected is List<*> -> actual.size == expected.size && actual.indices.all { same(actual[it], expected[it]) }
    else -> actual == expected
}

class ScenarioFailure(message: String) : Exception(message)

/** Runs one scenario file against a fresh sandbox. */
@Suppress("UNCHECKED_CAST")
fun runScenario(file: File) {
    val scenario = JsonReader(file.readText()).read() as Map<String, Any?>
    for (key in scenario.keys) if (key !in setOf("name", "sandbox", "client", "steps")) throw ScenarioFailure("unknown key $key")
    val sandboxOptions = (scenario["sandbox"] as? Map<String, Any?>) ?: emptyMap()
    val flags = sandboxOptions.flatMap { (k, v) ->
        when (k) {
            "token_lifetime" -> listOf("--token-lifetime", (v as BigDecimal).toPlainString())
            else -> throw ScenarioFailure("unknown sandbox option $k")
        }
    }
    val clientOptions = (scenario["client"] as? Map<String, Any?>) ?: emptyMap()
    var format: MediaFormat? = null
    for ((k, v) in clientOptions) {
        if (k != "media_type") throw ScenarioFailure("unknown client option $k")
        format = when (v) {
            "hal+json" -> MediaFormat.HAL_JSON
            "hal+xml" -> MediaFormat.HAL_XML
            "siren" -> MediaFormat.SIREN
            else -> throw ScenarioFailure("unknown media type $v")
        }
    }
    Sandbox(*flags.toTypedArray()).use { sandbox ->
        val api = FoxyClient(ClientConfig(baseUrl = sandbox.baseUrl, mediaFormat = format), sandbox.credentials(), null)
        val saved = mutableMapOf<String, Outcome>()
        fun resolve(value: Any?): Any? = when (value) {
            is String -> if (!value.startsWith("$")) value else {
                val name = value.drop(1).substringBefore('.')
                val outcome = saved[name] ?: throw ScenarioFailure("no saved result $name")
                val rest = value.drop(1).substringAfter('.', "")
                when {
                    rest.isEmpty() -> outcome.link("self") ?: throw ScenarioFailure("$name has no self link")
                    rest.startsWith("link:") -> outcome.link(rest.removePrefix("link:")) ?: throw ScenarioFailure("$name has no link ${rest.removePrefix("link:")}")
                    rest.startsWith("prop:") -> outcome.props[rest.removePrefix("prop:")].also {
                        if (rest.removePrefix("prop:") !in outcome.props) throw ScenarioFailure("$name has no property ${rest.removePrefix("prop:")}")
                    }
                    rest.startsWith("member:") -> outcome.members.getOrNull(rest.removePrefix("member:").toInt()) ?: throw ScenarioFailure("$name has no member $rest")
                    else -> throw ScenarioFailure("bad reference $value")
                }
            }
            is Map<*, *> -> value.mapValues { resolve(it.value) }
            is List<*> -> value.map { resolve(it) }
            else -> value
        }
        fun to(step: Map<String, Any?>): String {
            val to = resolve(step["to"]) as? String ?: throw ScenarioFailure("no `to`")
            return if (to.startsWith("/")) sandbox.baseUrl + to.drop(1) else to
        }
        fun query(step: Map<String, Any?>): Query? {
            val q = resolve(step["query"]) as? Map<String, Any?> ?: return null
            fun strings(key: String) = (q[key] as? List<*>)?.map { it as String } ?: emptyList()
            val filters = ((q["filters"] as? Map<String, Any?>) ?: emptyMap()).map { (key, raw) ->
                val value = raw as String
                val suffix = key.substringAfterLast(':', "")
                val operator = OPERATORS[suffix]
                val property = if (operator != null) key.substringBeforeLast(':') else key.substringAfterLast(':')
                val on = if (operator == null && ':' in key) key.substringBeforeLast(':') else null
                val condition = when {
                    operator != null -> Condition.Compare(operator, value)
                    // A two-sided range; an open-ended one (`..b`, `a..`) goes as the text the API reads,
                    // as the Rust query parser sends it.
                    ".." in value && value.substringBefore("..").isNotEmpty() && value.substringAfter("..").isNotEmpty() ->
                        Condition.Between(value.substringBefore(".."), value.substringAfter(".."))
                    "*" in value -> Condition.Matches(value)
                    else -> Condition.Equals(value)
                }
                Filter(property = property, condition = condition, on = on)
            }
            return Query(
                zoom = strings("zoom"), filters = filters, order = strings("order"), fields = strings("fields"),
                limit = (q["limit"] as? BigDecimal)?.toLong()?.toULong(), offset = (q["offset"] as? BigDecimal)?.toLong()?.toULong(),
            )
        }
        val steps = scenario["steps"] as List<Map<String, Any?>>
        for ((index, step) in steps.withIndex()) {
            val op = step["do"] as? String ?: throw ScenarioFailure("step $index has no `do`")
            fun fail(what: String): Nothing = throw ScenarioFailure("${file.nameWithoutExtension} step $index ($op): $what")
            val known = setOf("do", "save", "expect", "rels", "query", "to", "body", "from", "set", "ms")
            for (key in step.keys) if (key !in known) fail("unknown key $key")
            val expect = (step["expect"] as? Map<String, Any?>) ?: emptyMap()
            val outcome: Outcome? = try {
                runBlocking {
                    when (op) {
                        "home" -> outcomeOf(api.home())
                        "follow" -> outcomeOf(api.follow((step["rels"] as List<*>).map { it as String }).get(query(step)))
                        "get" -> outcomeOf(api.get(to(step), query(step)))
                        "post" -> outcomeOf(api.post(to(step), jsonText(resolve(step["body"]))))
                        "put" -> if (step["from"] != null) {
                            val from = saved[step["from"] as String] ?: fail("no saved result ${step["from"]}")
                            val document = LinkedHashMap(from.document)
                            ((resolve(step["set"]) as? Map<String, Any?>) ?: emptyMap()).forEach { (k, v) -> document[k] = v }
                            outcomeOf(api.put(to(step), jsonText(document)))
                        } else {
                            outcomeOf(api.put(to(step), jsonText(resolve(step["body"]))))
                        }
                        "patch" -> outcomeOf(api.patch(to(step), jsonText(resolve(step["body"]))))
                        "delete" -> outcomeOf(api.delete(to(step)))
                        "list" -> {
                            val pager = pagerOf(api, (step["rels"] as List<*>).map { it as String }, query(step))
                            outcomeOfPage(callSuspend(pager, "next") ?: fail("no page"))
                        }
                        "all" -> {
                            val pager = pagerOf(api, (step["rels"] as List<*>).map { it as String }, query(step))
                            val hrefs = mutableListOf<String>()
                            while (true) {
                                val page = callSuspend(pager, "next") ?: break
                                hrefs.addAll(outcomeOfPage(page).members)
                            }
                            Outcome(emptyMap(), hrefs, null)
                        }
                        "wait" -> { Thread.sleep((step["ms"] as BigDecimal).toLong()); null }
                        else -> fail("unknown operation")
                    }
                }
            } catch (e: java.lang.reflect.InvocationTargetException) {
                val cause = e.targetException
                if (cause is FoxyException) { checkError(cause, expect, ::fail); continue }
                throw cause
            } catch (e: FoxyException) {
                checkError(e, expect, ::fail)
                continue
            }
            if (expect["error"] != null) fail("expected a ${expect["error"]} error, got a success")
            for ((key, value) in expect) {
                val result = outcome ?: fail("nothing to check")
                when (key) {
                    "props" -> for ((p, v) in value as Map<String, Any?>) {
                        val want = resolve(v)
                        if (p !in result.props || !same(result.props[p], want)) fail("$p is ${result.props[p]}, expected $want")
                    }
                    "no_props" -> for (p in value as List<*>) if (p in result.props) fail("$p is present")
                    "links" -> for (l in value as List<*>) if (result.link(l as String) == null) fail("no $l link")
                    "no_links" -> for (l in value as List<*>) if (result.link(l as String) != null) fail("a $l link")
                    "embedded" -> for ((rel, n) in value as Map<String, Any?>) {
                        if (result.embeddedCount(rel) != (n as BigDecimal).toInt()) fail("$rel embeds ${result.embeddedCount(rel)}, expected $n")
                    }
                    "count" -> if (result.count != (value as BigDecimal).toInt()) fail("count ${result.count}, expected $value")
                    "total_items" -> if (!same(result.totalItems?.toString(), value)) fail("total_items ${result.totalItems}, expected $value")
                    "status" -> {}
                    else -> fail("unknown expect key $key")
                }
            }
            (step["save"] as? String)?.let { name -> outcome?.let { saved[name] = it } }
        }
    }
}

/** Checks a failure against `expect.error` and `expect.status`. */
fun checkError(e: FoxyException, expect: Map<String, Any?>, fail: (String) -> Nothing) {
    val want = expect["error"] ?: fail("failed: $e")
    if (codeOf(e) != want) fail("failed with ${codeOf(e)} ($e), expected $want")
    val status = expect["status"] as? BigDecimal
    if (status != null && (e !is FoxyException.Api || e.status.toInt() != status.toInt())) fail("status of $e, expected $status")
}

/** The scenarios folder: the first argument, else `FOXY_SCENARIOS_DIR`; a clear error when neither names a folder. */
fun scenariosDir(args: Array<String>): File {
    val given = args.firstOrNull() ?: System.getenv("FOXY_SCENARIOS_DIR")
        ?: throw IllegalArgumentException(
            "no scenarios folder: pass the absolute path of tests/scenarios as the first argument or in FOXY_SCENARIOS_DIR",
        )
    val dir = File(given)
    if (!dir.isDirectory) throw IllegalArgumentException("the scenarios folder $given (${dir.absolutePath}) does not exist")
    return dir
}

/** The runner's entry point (`java ... io.foxy.sdk.test.Scenarios /abs/path/tests/scenarios`). */
object Scenarios {
    @JvmStatic
    fun main(args: Array<String>) {
        val dir = scenariosDir(args)
        val files = dir.listFiles { f -> f.name.endsWith(".json") }?.sortedBy { it.name } ?: emptyList()
        if (files.size < 30) throw IllegalStateException("only ${files.size} scenario files in ${dir.absolutePath}")
        val failed = mutableListOf<String>()
        val skipped = mutableListOf<String>()
        for (file in files) {
            GAPS[file.nameWithoutExtension]?.let { gap ->
                skipped.add("${file.nameWithoutExtension}: $gap")
                continue
            }
            try {
                runScenario(file)
            } catch (e: Throwable) {
                failed.add(file.nameWithoutExtension)
                println("FAIL ${file.nameWithoutExtension}: ${e.message ?: e}")
            }
        }
        val passed = files.size - failed.size - skipped.size
        val skips = if (skipped.isEmpty()) "" else ", ${skipped.size} skipped (binding gaps: ${skipped.joinToString("; ")})"
        println("scenarios: $passed passed" + (if (failed.isEmpty()) "" else ", ${failed.size} failed") + skips)
        if (failed.isNotEmpty()) kotlin.system.exitProcess(1)
    }
}
