// XCTest of the Swift binding against the foxy-sandbox binary on 127.0.0.1.
//
// NEEDS A SWIFT TOOLCHAIN (Xcode 15+ on macOS): not run in this repository's
// CI, which has none. The same FFI surface is exercised there from Python and
// Kotlin (`cargo xtask uniffi`). To run it on a Mac:
//
//     cargo build -p foxy-ffi -p foxy-sandbox
//     cd bindings/swift && swift test
//
// `FOXY_SANDBOX_BIN` overrides the sandbox binary (default:
// ../../target/debug/foxy-sandbox relative to this package).

import Foundation
import XCTest

@testable import Foxy

/// The sandbox binary on a free port, with the credentials it printed.
final class Sandbox {
    let process = Process()
    var fields: [String: String] = [:]

    init() throws {
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let binary = ProcessInfo.processInfo.environment["FOXY_SANDBOX_BIN"]
            ?? packageRoot.appendingPathComponent("../../target/debug/foxy-sandbox").standardizedFileURL.path
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--addr", "127.0.0.1:0"]
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        while fields["customers"] == nil {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { throw NSError(domain: "sandbox exited", code: 1) }
            text += String(decoding: chunk, as: UTF8.self)
            for line in text.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                if line.hasPrefix("foxy-sandbox listening on ") {
                    fields["base_url"] = String(line.split(separator: " ").last ?? "") + "/"
                } else if let colon = line.firstIndex(of: ":") {
                    let key = line[..<colon].trimmingCharacters(in: .whitespaces)
                    fields[key] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
            }
        }
    }

    var baseURL: String { fields["base_url"]! }

    func credentials() -> Credentials {
        Credentials.refreshToken(
            clientId: fields["client_id"]!, clientSecret: fields["client_secret"]!,
            refreshToken: fields["refresh_token"]!)
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}

/// A transport written in Swift with URLSession (no redirects, no retries).
final class URLSessionTransport: NSObject, HttpTransport, URLSessionTaskDelegate, @unchecked Sendable {
    private lazy var session = URLSession(configuration: .ephemeral, delegate: self, delegateQueue: nil)
    private let lock = NSLock()
    private var _sent: [String] = []
    var sent: [String] {
        lock.lock()
        defer { lock.unlock() }
        return _sent
    }

    func send(request: HttpRequest) async throws -> HttpResponse {
        lock.lock()
        _sent.append("\(request.method) \(request.url)")
        lock.unlock()
        var urlRequest = URLRequest(url: URL(string: request.url)!)
        urlRequest.httpMethod = request.method
        urlRequest.httpBody = request.body.isEmpty ? nil : request.body
        for header in request.headers {
            urlRequest.addValue(header.value, forHTTPHeaderField: header.name)
        }
        do {
            let (body, response) = try await session.data(for: urlRequest)
            let http = response as! HTTPURLResponse
            let headers = http.allHeaderFields.map { HttpHeader(name: "\($0.key)", value: "\($0.value)") }
            return HttpResponse(status: UInt16(http.statusCode), headers: headers, body: body)
        } catch let error as URLError where error.code == .timedOut {
            throw FoxyError.Timeout
        } catch let error as URLError where error.code == .cannotConnectToHost {
            throw FoxyError.Transport(detail: error.localizedDescription, mayHaveBeenSent: false)
        } catch {
            throw FoxyError.Transport(detail: error.localizedDescription, mayHaveBeenSent: true)
        }
    }

    // The SDK decides what to do with a redirect: never follow one here.
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest
    ) async -> URLRequest? {
        nil
    }
}

final class FoxyTests: XCTestCase {
    static var sandbox: Sandbox!

    override class func setUp() {
        sandbox = try! Sandbox()
    }

    override class func tearDown() {
        sandbox.stop()
    }

    func client(transport: HttpTransport? = nil) throws -> FoxyClient {
        try FoxyClient(
            config: ClientConfig(baseUrl: Self.sandbox.baseURL), credentials: Self.sandbox.credentials(),
            transport: transport)
    }

    func byEmail(_ email: String) -> Query {
        Query(filters: [Filter(property: "email", condition: .equals(value: email))])
    }

    /// A cart holding two xl sprockets (the option embedded through HAL+JSON), read back.
    func sprocketCart(_ api: FoxyClient, customerUri: String? = nil) async throws -> Cart {
        let draft = Cart()
        try draft.setCustomerUri(value: customerUri)
        let created = try await api.store().carts().createAndGet(value: draft)
        let item = try Item.fromJson(json: """
            {"name":"Sprocket","price":"10.25","quantity":2,"code":"spr-1",
             "_embedded":{"fx:item_options":[{"name":"size","value":"xl","price_mod":"1.50"}]}}
            """)
        _ = try await api.addItem(cart: created, item: item)
        return try await api.store().carts().member(href: try created.href()!).get(
            query: Query(zoom: ["items", "items:item_options"]))
    }

    func testHelpers() throws {
        let signed = try signCartUrl(storeSecret: "1", url: "https://example.foxycart.com/cart?code=mycode&price=123.00")
        XCTAssertTrue(signed.contains("price||aed2692b1b278b04b974c3c9822e597dc5da880561cf256ab20b2873a5346b66=123.00"))
        XCTAssertTrue(try verifyCartUrl(storeSecret: "1", url: signed).valid)
        let body = Data("{\"id\":1}".utf8)
        let signature = webhookSignature(key: "key", body: body)
        let event = try verifyWebhook(
            key: "key", headers: ["Foxy-Webhook-Signature": signature, "Foxy-Webhook-Event": "transaction/created"],
            body: body)
        XCTAssertEqual(event, "transaction/created")
        XCTAssertThrowsError(try verifyWebhookSignature(key: "wrong", body: body, signature: signature)) { error in
            guard case FoxyError.Rejected = error else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(
            ssoAuthToken(storeSecret: "yes, very", customerId: 12345, timestamp: 1_585_405_655),
            "fe55dd1299ce7db668bd43ee3284e823a84fe3b3")
        XCTAssertThrowsError(try encodeQuery(query: Query(limit: 301)))
    }

    func testCartAndCharge() async throws {
        let api = try client()
        let grace = try await api.store().customers().list(query: byEmail("grace.hopper@sandbox.test")).members[0]
        let cart = try await sprocketCart(api, customerUri: try grace.href())
        // Money is an exact decimal string.
        XCTAssertEqual(Decimal(string: try cart.totalItemPrice()!), Decimal(string: "23.50"))
        let transaction = try await api.charge(cart: cart, customer: grace)
        XCTAssertEqual(Decimal(string: try transaction.totalOrder()!), Decimal(string: "23.50"))
        let items = try await api.store().transactions().member(href: try transaction.href()!).items().list()
        XCTAssertEqual(try items.members.map { try $0.name() }, ["Sprocket"])
        let session = try await api.createSession(cart: cart)
        XCTAssertTrue(session.json.contains("cart_link"))
    }

    func testPutKeepsWhatTheClassDoesNotDescribe() async throws {
        let api = try client()
        let carts = try await api.follow(rels: ["fx:store", "fx:carts"]).href()
        let created = try await api.post(href: carts, json: """
            {"billing_city":"Boston","x_partner_ref":"partner-42",
             "_links":{"x:partner":{"href":"https://partner.example/carts/42"}}}
            """)
        let path = api.store().carts().member(href: created.href!)
        let cart = try await path.get()
        try cart.setBillingCity(value: "Cambridge")
        _ = try await path.put(value: cart)
        let raw = try await api.get(href: created.href!)
        XCTAssertTrue(raw.json.contains("Cambridge"))
        XCTAssertTrue(raw.json.contains("\"x_partner_ref\":\"partner-42\""))
        XCTAssertEqual(raw.links["x:partner"], try cart.link(rel: "x:partner"))
    }

    func testCouponsAndPages() async throws {
        let api = try client()
        let coupons = try await api.store().coupons().list(query: Query(limit: 5))
        let first = coupons.members[0]
        let again = try await api.store().coupons().member(href: try first.href()!).get()
        XCTAssertEqual(try again.name(), try first.name())
        let pager = try api.store().carts().pages(query: Query(limit: 2))
        var seen = 0
        var total: UInt64?
        while let page = try await pager.next() {
            seen += page.members.count
            total = page.totalItems
        }
        XCTAssertEqual(UInt64(seen), total)
    }

    func testMeta() async throws {
        let api = try client()
        let page = try await api.store().coupons().list(query: Query(limit: 2))
        XCTAssertEqual(page.meta?.status, 200)
        XCTAssertEqual(page.meta?.headers["content-type"], "application/hal+json")
        let first = page.members[0]
        XCTAssertNil(try first.meta())
        let coupon = try await api.store().coupons().member(href: try first.href()!).get()
        let meta = try XCTUnwrap(try coupon.meta())
        XCTAssertEqual(meta.status, 200)
        XCTAssertEqual(meta.url, try first.href())
        XCTAssertEqual(meta.etag, meta.headers["etag"])
        XCTAssertNotEqual(meta.cache, .hit)
        XCTAssertGreaterThanOrEqual(meta.elapsed, 0)
        XCTAssertNil(try Coupon().meta())
    }

    func testErrors() async throws {
        let api = try client()
        do {
            _ = try await api.follow(rels: ["fx:store", "fx:nothing_here"]).get()
            XCTFail("expected a missing link")
        } catch FoxyError.MissingLink(let rel, _) {
            XCTAssertEqual(rel, "fx:nothing_here")
        }
        do {
            _ = try await api.store().carts().member(href: Self.sandbox.baseURL + "carts/999999").get()
            XCTFail("expected a 404")
        } catch FoxyError.Api(let status, _, _, _) {
            XCTAssertEqual(status, 404)
        }
        let kinds = errorKinds()
        XCTAssertEqual(Set(kinds.map(\.code)).count, kinds.count)
    }

    func testURLSessionTransport() async throws {
        let transport = URLSessionTransport()
        let api = try client(transport: transport)
        let store = try await api.follow(rels: ["fx:store"]).get()
        XCTAssertTrue(store.json.contains("Sandbox Store"))
        XCTAssertTrue(transport.sent.first!.hasSuffix("/token"))
        XCTAssertGreaterThanOrEqual(transport.sent.count, 3)
    }
}
