// Kotlin tests of the uniffi binding, against the foxy-sandbox binary on
// 127.0.0.1: helpers, the async client with the default Rust transport, and a
// transport written in Kotlin with java.net.http.HttpClient.
//
// Run by `cargo xtask uniffi` (kotlinc from the npm package kotlin-compiler,
// JNA from Debian's libjna-java). A plain `main` keeps the runner free of
// JUnit, which is not available here.
package io.foxy.sdk.test

import io.foxy.sdk.*
import java.io.File
import java.math.BigDecimal
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest as JavaRequest
import java.net.http.HttpResponse as JavaResponse
import java.util.concurrent.atomic.AtomicInteger
import kotlinx.coroutines.future.await
import kotlinx.coroutines.runBlocking

/** The sandbox binary on a free port, with what it printed. */
class Sandbox(vararg flags: String) : AutoCloseable {
    private val process: Process
    val fields = mutableMapOf<String, String>()

    init {
        val binary = System.getenv("FOXY_SANDBOX_BIN") ?: "target/debug/foxy-sandbox"
        process = ProcessBuilder(binary, "--addr", "127.0.0.1:0", *flags)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start()
        val lines = process.inputStream.bufferedReader()
        while ("customers" !in fields) {
            val line = lines.readLine()?.trim() ?: error("the sandbox exited before printing its credentials")
            if (line.startsWith("foxy-sandbox listening on ")) {
                fields["base_url"] = line.substringAfterLast(' ').trimEnd('/') + "/"
            } else if (':' in line) {
                fields[line.substringBefore(':').trim()] = line.substringAfter(':').trim()
            }
        }
    }

    val baseUrl get() = fields.getValue("base_url")

    fun credentials() = Credentials.refreshToken(
        fields.getValue("client_id"), fields.getValue("client_secret"), fields.getValue("refresh_token"),
    )

    override fun close() {
        process.destroy()
        process.waitFor()
    }
}

/** A transport written in Kotlin: java.net.http, no redirects, no retries. */
class JavaHttpTransport : HttpTransport {
    private val http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
    val sent = AtomicInteger()
    val urls = java.util.Collections.synchronizedList(mutableListOf<String>())
    val requests = java.util.Collections.synchronizedList(mutableListOf<HttpRequest>())

    override suspend fun send(request: HttpRequest): HttpResponse {
        sent.incrementAndGet()
        urls.add("${request.method} ${request.url}")
        requests.add(request)
        val builder = JavaRequest.newBuilder(URI.create(request.url))
            .method(request.method, JavaRequest.BodyPublishers.ofByteArray(request.body))
        for (header in request.headers) {
            // java.net.http sets these itself and refuses them.
            if (header.name.lowercase() !in setOf("host", "content-length", "connection")) {
                builder.header(header.name, header.value)
            }
        }
        val response = try {
            http.sendAsync(builder.build(), JavaResponse.BodyHandlers.ofByteArray()).await()
        } catch (e: java.net.http.HttpTimeoutException) {
            throw FoxyException.Timeout()
        } catch (e: java.net.ConnectException) {
            throw FoxyException.Transport(e.toString(), false)
        } catch (e: java.io.IOException) {
            throw FoxyException.Transport(e.toString(), true)
        }
        val headers = response.headers().map().flatMap { (name, values) -> values.map { HttpHeader(name, it) } }
        return HttpResponse(response.statusCode().toUShort(), headers, response.body())
    }
}

private var passed = 0
private val failures = mutableListOf<String>()

/** Runs one named test, timing it and recording a failure instead of stopping. */
fun test(name: String, body: suspend () -> Unit) {
    val started = System.nanoTime()
    try {
        runBlocking { body() }
        passed++
        println("ok   $name (${(System.nanoTime() - started) / 1_000_000} ms)")
    } catch (e: Throwable) {
        failures.add(name)
        println("FAIL $name: $e")
        e.printStackTrace()
    }
}

fun expect(condition: Boolean, message: () -> String) {
    if (!condition) throw AssertionError(message())
}

fun <T> expectEqual(actual: T, expected: T) = expect(actual == expected) { "expected <$expected>, got <$actual>" }

inline fun <reified E : Throwable> expectThrows(block: () -> Unit): E {
    try {
        block()
    } catch (e: Throwable) {
        if (e is E) return e
        throw AssertionError("expected ${E::class.simpleName}, got $e")
    }
    throw AssertionError("expected ${E::class.simpleName}, nothing thrown")
}

fun byEmail(email: String) = Query(filters = listOf(Filter(property = "email", condition = Condition.Equals(email))))

/** Two xl sprockets: an item with an embedded option, built from HAL+JSON (what the class does not type). */
fun sprocket() = Item.fromJson(
    """{"name":"Sprocket","price":"10.25","quantity":2,"code":"spr-1",
       "_embedded":{"fx:item_options":[{"name":"size","value":"xl","price_mod":"1.50"}]}}""",
)

/** The customer with `email`, through typed navigation. */
suspend fun customer(api: FoxyClient, email: String): Customer =
    api.store().customers().list(byEmail(email)).members.first()

/** A cart with two xl sprockets, read back with its items. */
suspend fun sprocketCart(api: FoxyClient, customerUri: String? = null): Cart {
    val carts = api.store().carts()
    val cart = Cart()
    cart.setCustomerUri(customerUri)
    val created = carts.createAndGet(cart)
    api.addItem(created, sprocket())
    return carts.member(created.href()!!).get(Query(zoom = listOf("items", "items:item_options")))
}

/** A port of 127.0.0.1 that nothing listens on (bound, then released). */
fun closedPort(): Int = java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()).use { it.localPort }

/** A local HTTP server answering every request with `body` as HAL+JSON; `stop(0)` ends it. */
fun serve(body: String): com.sun.net.httpserver.HttpServer {
    val server = com.sun.net.httpserver.HttpServer.create(java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0)
    server.createContext("/") { exchange ->
        val bytes = body.toByteArray()
        exchange.responseHeaders.add("Content-Type", "application/hal+json")
        exchange.sendResponseHeaders(200, bytes.size.toLong())
        exchange.responseBody.use { it.write(bytes) }
    }
    server.start()
    return server
}

fun main() {
    val started = System.nanoTime()
    Sandbox().use { sandbox ->
        fun client(transport: HttpTransport? = null, maxAttempts: UInt? = null) =
            FoxyClient(ClientConfig(baseUrl = sandbox.baseUrl, maxAttempts = maxAttempts), sandbox.credentials(), transport)

        test("helpers: cart signing, webhook, sso, codecs") {
            val signed = signCartUrl("1", "https://example.foxycart.com/cart?code=mycode&price=123.00")
            expect("price||aed2692b1b278b04b974c3c9822e597dc5da880561cf256ab20b2873a5346b66=123.00" in signed) { signed }
            expect(verifyCartUrl("1", signed).valid) { "signed link should verify" }
            val tampered = verifyCartUrl("1", signed.replace("=123.00", "=1.00"))
            expectEqual(tampered.failures.first().reason, SignatureFailure.MISMATCH)

            val body = "{\"id\":1}".toByteArray()
            val signature = webhookSignature("key", body)
            verifyWebhookSignature("key", body, signature)
            val headers = mapOf("Foxy-Webhook-Signature" to signature, "Foxy-Webhook-Event" to "transaction/created")
            expectEqual(verifyWebhook("key", headers, body), "transaction/created")
            val rejected = expectThrows<FoxyException.Rejected> { verifyWebhook("wrong-k3y", headers, body) }
            expect("wrong-k3y" !in rejected.message.orEmpty()) { "the key leaked into the message" }

            expectEqual(ssoAuthToken("yes, very", 12345uL, 1585405655uL), "fe55dd1299ce7db668bd43ee3284e823a84fe3b3")
            val url = ssoCheckoutUrl("example.foxycart.com", "yes, very", 12345uL, 1585405655uL, null)
            expectEqual(verifySsoCheckoutUrl("yes, very", url, 1585405000uL).customerId, 12345uL)
            expectThrows<FoxyException.Rejected> { verifySsoCheckoutUrl("yes, very", url, 1585405656uL) }

            val xml = convertDocument("{\"total_order\":19.990}", MediaFormat.HAL_JSON, MediaFormat.HAL_XML)
            expect("19.990" in xml) { xml }
            expectThrows<FoxyException.InvalidInput> { encodeQuery(Query(limit = 301uL)) }
            expect("zoom=items" in encodeQuery(Query(zoom = listOf("items"), limit = 5uL))) { "zoom missing" }
        }

        test("navigation by relation: follow returns a path") {
            val api = client()
            val store = api.follow(listOf("fx:store")).get()
            expect("Sandbox Store" in store.json) { store.json }
            expect(api.follow(listOf("fx:store", "fx:carts")).href().endsWith("/carts")) { "carts href" }
            expect(api.store().coupons().follow(listOf()).href().endsWith("/coupons")) { "coupons href" }
        }

        test("typed classes: getters and setters through the core resource") {
            val coupon = Coupon.fromJson("""{"name":"Ten off","number_of_uses_allowed":"5","x_extra":[1,2.50]}""")
            expectEqual(coupon.name(), "Ten off")
            expectEqual(coupon.numberOfUsesAllowed(), 5L)
            coupon.setNumberOfUsesAllowed(6L)
            // Written in the form the resource used (text stays text); the unknown property stays.
            expect("\"number_of_uses_allowed\":\"6\"" in coupon.toJson().replace(" ", "")) { coupon.toJson() }
            expect("2.50" in coupon.toJson()) { coupon.toJson() }
            coupon.setName(null)
            expectEqual(coupon.name(), null)
            val item = Item()
            item.setPrice("10.50")
            expectEqual(item.price(), "10.50") // money is exact decimal text
            expectThrows<FoxyException.InvalidInput> { item.setPrice("12,50") }
            expectThrows<FoxyException.InvalidInput> { Coupon.fromJson("{not json") }
        }

        test("typed navigation: coupons, subscriptions, customers, transactions") {
            val api = client()
            val coupons = api.store().coupons().list(Query(limit = 5uL))
            expect(coupons.members.isNotEmpty()) { "no coupon" }
            val first = coupons.members.first()
            expect(first.href()!!.contains("/coupons/")) { "${first.href()}" }
            val again = api.store().coupons().member(first.href()!!).get()
            expectEqual(again.name(), first.name())
            val codes = api.store().coupons().member(first.href()!!).couponCodes().list()
            expect(codes.totalItems != null) { "coupon codes page" }
            val subscriptions = api.store().subscriptions().list(Query(limit = 5uL))
            expect(subscriptions.members.all { it.href()!!.contains("/subscriptions/") }) { "subscriptions" }
            val grace = customer(api, "grace.hopper@sandbox.test")
            expectEqual(grace.email(), "grace.hopper@sandbox.test")
            val method = api.store().customers().member(grace.href()!!).defaultPaymentMethod().get()
            expectEqual(method.ccNumberMasked(), "xxxxxxxxxxxx4242")
            val refused = expectThrows<FoxyException.InvalidInput> {
                api.store().coupons().list(Query(filters = listOf(Filter(property = "colour", condition = Condition.Equals("red")))))
            }
            expect("colour" in refused.detail) { refused.detail }
        }

        test("meta: the status, headers, URL and time of the answer a handle or page was read from") {
            val api = client()
            val page = api.store().coupons().list(Query(limit = 2uL))
            val pageMeta = page.meta ?: error("a page read has meta")
            expectEqual(pageMeta.status, 200.toUShort())
            expect("limit=2" in pageMeta.url) { pageMeta.url }
            expectEqual(pageMeta.headers["content-type"], "application/hal+json")
            val first = page.members.first()
            expectEqual(first.meta(), null) // a member was not read on its own
            val coupon = api.store().coupons().member(first.href()!!).get()
            val meta = coupon.meta() ?: error("a resource read has meta")
            expectEqual(meta.status, 200.toUShort())
            expectEqual(meta.url, first.href())
            expect(meta.etag != null && meta.etag == meta.headers["etag"]) { "${meta.etag} ${meta.headers}" }
            expectEqual(meta.attempts, 1u)
            expect(!meta.elapsed.isNegative) { "${meta.elapsed}" }
            expect(meta.cache != CacheStatus.HIT) { "${meta.cache}" }
            expectEqual(meta.logref, null)
            coupon.setName("Renamed")
            expectEqual(coupon.meta(), meta) // changes keep what the server said
            expectEqual(Coupon().meta(), null)
            val cart = api.store().carts().createAndGet(Cart())
            expectEqual(cart.meta()?.status, 200.toUShort())
        }

        test("a PUT keeps the property and the link the class does not describe") {
            val transport = JavaHttpTransport()
            val api = client(transport)
            val carts = api.follow(listOf("fx:store", "fx:carts")).href()
            val href = api.post(carts, """{"billing_city":"Boston"}""").href!!
            val path = api.store().carts().member(href)
            // What the class does not describe: an unknown property and an unknown link, on the resource read.
            val read = path.get().toJson()
            val extended = read.replaceFirst("{", """{"x_partner_ref":"partner-42",""")
                .replaceFirst("\"_links\": {", """"_links": {"x:partner": {"href": "https://partner.example/carts/42"},""")
            val cart = Cart.fromJson(extended)
            expectEqual(cart.link("x:partner"), "https://partner.example/carts/42")
            cart.setBillingCity("Cambridge")
            path.put(cart)
            // The PUT sent the unknown property unchanged, with the change.
            val put = transport.requests.filter { it.method == "PUT" }
            expectEqual(put.size, 1)
            val sent = String(put.first().body)
            expect("\"x_partner_ref\":\"partner-42\"" in sent.replace(" ", "")) { sent }
            expect("Cambridge" in sent) { sent }
            // The sandbox holds the change, the unknown property (an extension property it keeps as
            // sent) and its links, unchanged; the handle keeps the unknown link.
            val again = path.get()
            expectEqual(again.billingCity(), "Cambridge")
            val held = again.toJson().replace(" ", "")
            expect("\"x_partner_ref\":\"partner-42\"" in held) { held }
            expectEqual(again.link("fx:items"), cart.link("fx:items"))
            expectEqual(cart.link("x:partner"), "https://partner.example/carts/42")
        }

        test("carts: items, options, session, delete") {
            val api = client()
            val cart = sprocketCart(api)
            expectEqual(BigDecimal(cart.totalItemPrice()).compareTo(BigDecimal("23.50")), 0)
            val gear = Item()
            gear.setName("Gear")
            gear.setPrice("0.10")
            gear.setQuantity(3L)
            api.addItem(cart, gear)
            val path = api.store().carts().member(cart.href()!!)
            val items = path.items().list()
            expectEqual(items.totalItems, 2uL)
            val session = api.createSession(cart)
            expect("session_id" in session.json) { session.json }
            path.delete()
            val gone = expectThrows<FoxyException.Api> { path.get() }
            expectEqual(gone.status, 404.toUShort())
        }

        test("charge, then the transaction through navigation") {
            val api = client()
            val grace = customer(api, "grace.hopper@sandbox.test")
            val transaction = api.charge(sprocketCart(api, grace.href()), grace)
            expectEqual(BigDecimal(transaction.totalOrder()).compareTo(BigDecimal("23.50")), 0)
            val items = api.store().transactions().member(transaction.href()!!).items().list()
            expectEqual(items.members.map { it.code() }, listOf<String?>("spr-1"))
            val ada = customer(api, "ada.lovelace@sandbox.test")
            val declined = expectThrows<FoxyException.Api> { api.charge(sprocketCart(api, ada.href()), ada) }
            expect(declined.messages.any { "declined" in it }) { declined.messages.toString() }
        }

        test("the pager walks a store page by page") {
            val api = client()
            repeat(3) {
                val cart = Cart()
                cart.setBillingCity("Pageville")
                api.store().carts().create(cart)
            }
            val pager = api.store().carts().pages(Query(limit = 2uL))
            val seen = mutableListOf<String>()
            var pages = 0
            var total: ULong? = null
            while (true) {
                val page = pager.next() ?: break
                pages++
                total = page.totalItems
                expect(page.members.size <= 2) { "a page of ${page.members.size}" }
                seen.addAll(page.members.map { it.href()!! })
            }
            expectEqual(seen.size.toULong(), total)
            expectEqual(seen.toSet().size, seen.size)
            expect(pages >= 2) { "$pages pages" }
            expectEqual(pager.next(), null)
        }

        test("the pager asks for the next page while the caller holds one, never two ahead") {
            val transport = JavaHttpTransport()
            val api = client(transport)
            repeat(5) { api.store().carts().create(Cart()) }
            fun pagesAsked() = transport.urls.toList()
                .filter { it.startsWith("GET ") && URI(it.removePrefix("GET ")).path.endsWith("/carts") }
            // A bound on failure, not a timing assumption.
            suspend fun until(condition: () -> Boolean): Boolean {
                val deadline = System.nanoTime() + 10_000_000_000L
                while (!condition() && System.nanoTime() < deadline) kotlinx.coroutines.delay(10)
                return condition()
            }
            val pager = api.store().carts().pages(Query(limit = 2uL))
            val seen = mutableListOf<String>()
            var read = 0
            var total: ULong? = null
            while (true) {
                val page = pager.next() ?: break
                read++
                total = page.totalItems
                seen.addAll(page.members.map { it.href()!! })
                val more = seen.size.toULong() < total!!
                if (more) {
                    expect(until { pagesAsked().size == read + 1 }) { "page ${read + 1} not asked for ahead: ${pagesAsked()}" }
                    expect("offset=${read * 2}" in pagesAsked().last()) { pagesAsked().last() }
                }
                // Time for a walk that reads further ahead to show it.
                if (read == 1) kotlinx.coroutines.delay(300)
                expectEqual(pagesAsked().size, read + if (more) 1 else 0)
            }
            expect(read >= 3) { "$read pages" }
            expectEqual(seen.size.toULong(), total)
            expectEqual(seen.toSet().size, seen.size)
            expectEqual(pagesAsked().toSet().size, read)
            expectEqual(pager.next(), null)
        }

        test("errors: one table from the Rust error kinds") {
            val kinds = errorKinds()
            expect(kinds.size >= 18) { "${kinds.size} kinds" }
            expectEqual(kinds.map { it.code }.toSet().size, kinds.size)
            for (kind in kinds) expect(kind.variant.isNotEmpty()) { "no variant for ${kind.code}" }
            expectEqual(kinds.first { it.code == "missing_link" }.variant, "MissingLink")
            expectEqual(kinds.first { it.code == "input" }.variant, "InvalidInput")
            val api = client()
            val missing = expectThrows<FoxyException.MissingLink> { api.follow(listOf("fx:store", "fx:nothing_here")).get() }
            expectEqual(missing.rel, "fx:nothing_here")
            expectThrows<FoxyException.Policy> {
                FoxyClient(ClientConfig(baseUrl = "http://api.example.test/"), Credentials.accessToken("t"), null)
            }
        }

        test("errors: Auth, Transport, Timeout, Decode, InvalidInput") {
            val wrong = FoxyClient(
                ClientConfig(baseUrl = sandbox.baseUrl),
                Credentials.refreshToken(sandbox.fields.getValue("client_id"), "wrong-s3cret", "wrong-r3fresh"),
                null,
            )
            val auth = expectThrows<FoxyException.Auth> { wrong.store().carts().list() }
            expect("wrong-s3cret" !in auth.message.orEmpty() && "wrong-r3fresh" !in auth.message.orEmpty()) { "a secret leaked" }

            val nobody = FoxyClient(
                ClientConfig(baseUrl = "http://127.0.0.1:${closedPort()}/", maxAttempts = 1u),
                Credentials.accessToken("t"),
                null,
            )
            expect(!expectThrows<FoxyException.Transport> { nobody.home() }.mayHaveBeenSent) { "a refused connection was never sent" }

            // The kernel accepts into the backlog; nothing ever answers.
            java.net.ServerSocket(0, 8, java.net.InetAddress.getLoopbackAddress()).use { silent ->
                val slow = FoxyClient(
                    ClientConfig(baseUrl = "http://127.0.0.1:${silent.localPort}/", requestTimeoutMs = 300uL, maxAttempts = 1u),
                    Credentials.accessToken("t"),
                    null,
                )
                expectThrows<FoxyException.Timeout> { slow.home() }
            }

            val malformed = serve("{\"_links\": {\"self\": ")
            try {
                val broken = FoxyClient(
                    ClientConfig(baseUrl = "http://127.0.0.1:${malformed.address.port}/", maxAttempts = 1u),
                    Credentials.accessToken("t"),
                    null,
                )
                expectThrows<FoxyException.Decode> { broken.home() }
            } finally {
                malformed.stop(0)
            }

            val counting = JavaHttpTransport()
            val api = client(counting)
            api.home()
            val before = counting.sent.get()
            val invalid = expectThrows<FoxyException.InvalidInput> { api.store().carts().list(Query(limit = 301uL)) }
            expect("301" in invalid.detail) { invalid.detail }
            expectThrows<FoxyException.InvalidInput> { api.store().customers().pages(Query(limit = 301uL)) }
            expectThrows<FoxyException.InvalidInput> { api.store().transactions().list(Query(limit = 0uL)) }
            expectEqual(counting.sent.get(), before)
        }

        test("secrets: no secret in any failure a user can meet") {
            val clientSecret = "CLIENT-SECRET-1d6e9b37"
            val refreshToken = "REFRESH-TOKEN-c2a85f04"
            val accessToken = "ACCESS-TOKEN-7b30e1d9"
            val id = sandbox.fields.getValue("client_id")
            val secrets = listOf(
                clientSecret, refreshToken, accessToken,
                sandbox.fields.getValue("client_secret"), sandbox.fields.getValue("refresh_token"),
            )
            fun said(e: Throwable) = generateSequence(e) { it.cause }
                .joinToString("\n") { "$it\n${it.message}\n${it.stackTraceToString()}" }
            suspend fun check(name: String, call: suspend () -> Unit): FoxyException {
                val error = try {
                    call()
                    throw AssertionError("$name: no failure")
                } catch (e: FoxyException) {
                    e
                }
                val text = said(error)
                for (secret in secrets) expect(secret !in text) { "$name: $secret appears in $text" }
                return error
            }
            val base = ClientConfig(baseUrl = sandbox.baseUrl)
            check("bad client secret") {
                FoxyClient(base, Credentials.refreshToken(id, clientSecret, sandbox.fields.getValue("refresh_token")), null).home()
            }
            check("wrong refresh token") {
                FoxyClient(base, Credentials.refreshToken(id, sandbox.fields.getValue("client_secret"), refreshToken), null).home()
            }
            val forged = check("401 on a forged token") { FoxyClient(base, Credentials.accessToken(accessToken), null).home() }
            expect(forged is FoxyException.TokenRejected) { "$forged" }
            Sandbox("--faults", "500=1.0").use { failing ->
                val failed = check("5xx after retries") {
                    FoxyClient(ClientConfig(baseUrl = failing.baseUrl, maxAttempts = 2u), failing.credentials(), null).home()
                }
                expect(failed is FoxyException.Api) { "$failed" }
            }
            val refused = check("connection refused") {
                FoxyClient(
                    ClientConfig(baseUrl = "http://127.0.0.1:${closedPort()}/", maxAttempts = 1u),
                    Credentials.refreshToken(id, clientSecret, refreshToken), null,
                ).home()
            }
            expect(refused is FoxyException.Transport) { "$refused" }
            check("invalid input") { FoxyClient(base, Credentials.accessToken(accessToken + "\n"), null).home() }
        }

        test("a transport written in Kotlin (java.net.http)") {
            val transport = JavaHttpTransport()
            val api = client(transport)
            val grace = customer(api, "grace.hopper@sandbox.test")
            val transaction = api.charge(sprocketCart(api, grace.href()), grace)
            expectEqual(transaction.customerEmail(), "grace.hopper@sandbox.test")
            expect(transport.urls.first().endsWith("/token")) { transport.urls.first() }
            expect(transport.sent.get() >= 6) { "only ${transport.sent.get()} requests went through the transport" }
        }

        test("a failing Kotlin transport: never-sent requests retried, ambiguous POSTs not") {
            class Failing(val failure: FoxyException) : HttpTransport {
                val inner = JavaHttpTransport()
                val posts = AtomicInteger()
                override suspend fun send(request: HttpRequest): HttpResponse {
                    if (request.method == "POST" && request.url.endsWith("/carts")) {
                        posts.incrementAndGet()
                        throw failure
                    }
                    return inner.send(request)
                }
            }
            val ambiguous = Failing(FoxyException.Transport("reset", true))
            val error = expectThrows<FoxyException.Transport> { client(ambiguous).store().carts().create(Cart()) }
            expect(error.mayHaveBeenSent) { "should be ambiguous" }
            expectEqual(ambiguous.posts.get(), 1)

            val refused = Failing(FoxyException.Transport("refused", false))
            expectThrows<FoxyException.Transport> { client(refused, maxAttempts = 2u).store().carts().create(Cart()) }
            expectEqual(refused.posts.get(), 2)

            val bug = object : HttpTransport {
                override suspend fun send(request: HttpRequest): HttpResponse = throw IllegalStateException("bug")
            }
            val unexpected = expectThrows<FoxyException.Transport> { client(bug, maxAttempts = 1u).home() }
            expect(unexpected.mayHaveBeenSent) { "an unexpected failure may have been sent" }
        }
    }
    println("kotlin: $passed passed, ${failures.size} failed in ${(System.nanoTime() - started) / 1_000_000} ms")
    if (failures.isNotEmpty()) {
        println("failed: ${failures.joinToString()}")
        kotlin.system.exitProcess(1)
    }
}
