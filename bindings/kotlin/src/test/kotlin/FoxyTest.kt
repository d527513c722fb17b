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

    override suspend fun send(request: HttpRequest): HttpResponse {
        sent.incrementAndGet()
        urls.add("${request.method} ${request.url}")
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

fun sprocket() = Item(
    name = "Sprocket", price = "10.25", quantity = 2uL, code = "spr-1",
    itemOptions = listOf(ItemOption(name = "size", value = "xl", priceMod = "1.50")),
)

/** A cart with two xl sprockets: created, then PUT with its items. */
suspend fun sprocketCart(api: FoxyClient, customerUri: String? = null): Cart {
    val cart = api.createCartAndGet(Cart(customerUri = customerUri))
    return api.putCart(cart.copy(items = listOf(sprocket())))
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

        test("navigation by relation") {
            val api = client()
            val store = api.follow(listOf("fx:store"))
            expect("Sandbox Store" in store.json) { store.json }
            expect(api.resolve(listOf("fx:store", "fx:carts")).endsWith("/carts")) { "carts href" }
        }

        test("carts, items, options, attributes, custom fields, session") {
            val api = client()
            val cart = sprocketCart(api)
            expectEqual(cart.items.map { it.name }, listOf<String?>("Sprocket"))
            expectEqual(BigDecimal(cart.totalItemPrice).compareTo(BigDecimal("23.50")), 0)
            api.addItem(cart, Item(name = "Gear", price = "0.10", quantity = 3uL))
            val items = api.cartItems(cart)
            expectEqual(items.totalItems, 2uL)
            val gear = items.members.first { it.name == "Gear" }
            api.addItemOption(gear, ItemOption(name = "color", value = "red", priceMod = "0.05"))
            expectEqual(api.itemOptions(gear).members.map { it.value }, listOf<String?>("red"))
            api.addCartAttribute(cart, Attribute(name = "channel", value = "android", visibility = AttributeVisibility.PUBLIC))
            expectEqual(api.cartAttributes(cart).members.first().value, "android")
            api.addCustomField(cart, CustomField(name = "gift_note", value = "hi", isHidden = true))
            expectEqual(api.cartCustomFields(cart).members.first().isHidden, true)
            val fresh = api.getCart(cart.href!!, Query(zoom = listOf("items", "items:item_options")))
            expectEqual(BigDecimal(fresh.totalOrder).compareTo(BigDecimal("23.95")), 0)
            val session = api.createSession(fresh)
            expect(session.sessionId!! in session.cartLink!!) { "session link" }
            api.deleteCart(cart.href!!)
            val gone = expectThrows<FoxyException.Api> { api.getCart(cart.href!!) }
            expectEqual(gone.status, 404.toUShort())
        }

        test("customers and charge") {
            val api = client()
            val grace = api.listCustomers(byEmail("grace.hopper@sandbox.test")).members.first()
            expectEqual(api.defaultPaymentMethod(grace).ccNumberMasked, "xxxxxxxxxxxx4242")
            val cart = sprocketCart(api, grace.href)
            val transaction = api.charge(cart, grace)
            expectEqual(BigDecimal(transaction.totalOrder).compareTo(BigDecimal("23.50")), 0)
            expectEqual(api.transactionItems(transaction).members.map { it.code }, listOf<String?>("spr-1"))
            expect(api.allTransactions().any { it.href == transaction.href }) { "transaction listed" }

            val created = api.createCustomerAndGet(Customer(firstName = "Mary", lastName = "Jackson", email = "mj@sandbox.test"))
            expectEqual(api.patchCustomer(created.href!!, "{\"last_name\":\"W. Jackson\"}").lastName, "W. Jackson")
            api.deleteCustomer(created.href!!)
        }

        test("errors map to FoxyException") {
            val api = client()
            val ada = api.listCustomers(byEmail("ada.lovelace@sandbox.test")).members.first()
            val declined = expectThrows<FoxyException.Api> { api.charge(sprocketCart(api, ada.href), ada) }
            expect(declined.messages.any { "declined" in it }) { declined.messages.toString() }
            expectThrows<FoxyException.InvalidInput> { api.addItem(Cart(), Item(price = "12,50")) }
            val missing = expectThrows<FoxyException.MissingLink> { api.cartItems(Cart()) }
            expectEqual(missing.rel, "fx:items")
            expectThrows<FoxyException.Policy> {
                FoxyClient(ClientConfig(baseUrl = "http://api.example.test/"), Credentials.accessToken("t"), null)
            }
        }

        test("generic verbs: post, get, patch, put, delete") {
            val api = client()
            val carts = api.resolve(listOf("fx:store", "fx:carts"))
            val created = api.post(carts, "{\"billing_city\":\"Boston\"}")
            val href = created.href!!
            expect("/carts/" in href) { href }
            expect("Boston" in api.get(href).json) { "posted property missing" }
            val patched = api.patch(href, "{\"billing_city\":\"Cambridge\"}")
            expect("Cambridge" in patched.json) { patched.json }
            val document = api.get(href).json.replace("Cambridge", "Somerville")
            val put = api.put(href, document)
            expect("Somerville" in put.json) { put.json }
            expectEqual(api.getCart(href).billingCity, "Somerville")
            api.delete(href)
            val gone = expectThrows<FoxyException.Api> { api.get(href) }
            expectEqual(gone.status, 404.toUShort())
        }

        test("cart pages: listCarts, allCarts, patchCart") {
            val api = client()
            repeat(3) { api.createCart(Cart(billingCity = "Pageville")) }
            val first = api.listCarts(Query(limit = 2uL, order = listOf("id desc")))
            expectEqual(first.members.size, 2)
            expectEqual(first.limit, 2uL)
            expect(first.totalItems!! >= 3uL) { "total ${first.totalItems}" }
            val every = api.allCarts(Query(limit = 2uL))
            expectEqual(every.size.toULong(), first.totalItems)
            expectEqual(every.mapNotNull { it.href }.toSet().size, every.size)
            val newest = first.members.first()
            expectEqual(newest.billingCity, "Pageville")
            val patched = api.patchCart(newest.href!!, "{\"billing_city\":\"Boston\"}")
            expectEqual(patched.billingCity, "Boston")
            expectEqual(patched.href, newest.href)
        }

        test("customers: createCustomer, getCustomer, addresses, allCustomers") {
            val api = client()
            val href = api.createCustomer(Customer(firstName = "Dorothy", lastName = "Vaughan", email = "dv@sandbox.test"))
            expect("/customers/" in href) { href }
            val customer = api.getCustomer(href)
            expectEqual(customer.email, "dv@sandbox.test")
            expectEqual(customer.lastName, "Vaughan")
            val address = api.addCustomerAddress(
                customer, CustomerAddress(addressName = "Home", address1 = "1 Main St", city = "Hampton", country = "US"),
            )
            expect("/" in address) { address }
            val addresses = api.customerAddresses(customer)
            expect(addresses.members.any { it.addressName == "Home" && it.city == "Hampton" }) { addresses.toString() }
            val everyone = api.allCustomers(Query(limit = 2uL))
            expect(everyone.any { it.href == href }) { "the new customer is not listed" }
            expectEqual(everyone.mapNotNull { it.href }.toSet().size, everyone.size)
            api.deleteCustomer(href)
            expectEqual(expectThrows<FoxyException.Api> { api.getCustomer(href) }.status, 404.toUShort())
        }

        test("transactions: listTransactions, getTransaction") {
            val api = client()
            val grace = api.listCustomers(byEmail("grace.hopper@sandbox.test")).members.first()
            val transaction = api.charge(sprocketCart(api, grace.href), grace)
            val page = api.listTransactions(Query(limit = 300uL))
            expect(page.members.any { it.href == transaction.href }) { "transaction not on the page" }
            val again = api.getTransaction(transaction.href!!, Query(zoom = listOf("items")))
            expectEqual(again.displayId, transaction.displayId)
            expectEqual(again.status, transaction.status)
            expectEqual(again.customerEmail, "grace.hopper@sandbox.test")
            expectEqual(again.items.map { it.name }, listOf<String?>("Sprocket"))
        }

        test("errors: Auth, Transport, Timeout, Decode, InvalidInput") {
            val wrong = FoxyClient(
                ClientConfig(baseUrl = sandbox.baseUrl),
                Credentials.refreshToken(sandbox.fields.getValue("client_id"), "wrong-s3cret", "wrong-r3fresh"),
                null,
            )
            val auth = expectThrows<FoxyException.Auth> { wrong.listCarts() }
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
            val invalid = expectThrows<FoxyException.InvalidInput> { api.listCarts(Query(limit = 301uL)) }
            expect("301" in invalid.detail) { invalid.detail }
            expectThrows<FoxyException.InvalidInput> { api.allCustomers(Query(limit = 301uL)) }
            expectThrows<FoxyException.InvalidInput> { api.listTransactions(Query(limit = 0uL)) }
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
            val grace = api.listCustomers(byEmail("grace.hopper@sandbox.test")).members.first()
            val transaction = api.charge(sprocketCart(api, grace.href), grace)
            expectEqual(transaction.customerEmail, "grace.hopper@sandbox.test")
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
            val error = expectThrows<FoxyException.Transport> { client(ambiguous).createCart(Cart()) }
            expect(error.mayHaveBeenSent) { "should be ambiguous" }
            expectEqual(ambiguous.posts.get(), 1)

            val refused = Failing(FoxyException.Transport("refused", false))
            expectThrows<FoxyException.Transport> { client(refused, maxAttempts = 2u).createCart(Cart()) }
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
