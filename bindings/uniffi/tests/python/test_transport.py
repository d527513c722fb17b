"""A transport written in Python (http.client, in a worker thread) plugged
into the client through the foreign `HttpTransport` trait, against the
sandbox; and how a transport's failures reach the caller."""

import asyncio
import http.client
import json
import time
import unittest
import urllib.parse
from decimal import Decimal

from sandbox import Sandbox
import foxy

SANDBOX = None


def setUpModule():
    global SANDBOX
    SANDBOX = Sandbox()


def tearDownModule():
    SANDBOX.stop()


def send_blocking(request):
    """One request with http.client: no redirects, no retries (the SDK decides)."""
    url = urllib.parse.urlsplit(request.url)
    connection_type = http.client.HTTPSConnection if url.scheme == "https" else http.client.HTTPConnection
    connection = connection_type(url.hostname, url.port, timeout=30)
    path = url.path + (f"?{url.query}" if url.query else "")
    try:
        try:
            headers = {}
            for header in request.headers:
                headers[header.name] = header.value
            connection.request(request.method, path, body=request.body or None, headers=headers)
        except OSError as error:
            raise foxy.FoxyError.Transport(detail=str(error), may_have_been_sent=False)
        try:
            response = connection.getresponse()
            body = response.read()
        except TimeoutError:
            raise foxy.FoxyError.Timeout()
        except OSError as error:
            raise foxy.FoxyError.Transport(detail=str(error), may_have_been_sent=True)
        headers = [foxy.HttpHeader(name=name, value=value) for name, value in response.getheaders()]
        return foxy.HttpResponse(status=response.status, headers=headers, body=body)
    finally:
        connection.close()


class PythonTransport(foxy.HttpTransport):
    """The app's transport: records what it sends."""

    def __init__(self):
        self.sent = []

    async def send(self, request):
        self.sent.append(request)
        return await asyncio.to_thread(send_blocking, request)


class FailingTransport(PythonTransport):
    """Sends everything, except that POSTs to a collection fail with `failure`."""

    def __init__(self, failure):
        super().__init__()
        self.failure = failure

    async def send(self, request):
        if request.method == "POST" and request.url.endswith("/carts"):
            self.sent.append(request)
            raise self.failure
        return await super().send(request)


class TransactionReadsFail(PythonTransport):
    """Sends everything, except that reading a transaction answers 500."""

    async def send(self, request):
        if request.method == "GET" and "/transactions/" in request.url:
            self.sent.append(request)
            return foxy.HttpResponse(status=500, headers=[], body=b"")
        return await super().send(request)


class BrokenNextLink(PythonTransport):
    """Answers a page of carts itself: one cart, and a `next` that is no URL."""

    async def send(self, request):
        if request.method == "GET" and urllib.parse.urlsplit(request.url).path.endswith("/carts"):
            self.sent.append(request)
            page = {
                "_links": {"self": {"href": request.url}, "next": {"href": "http://[broken"}},
                "_embedded": {"fx:carts": [{"_links": {"self": {"href": request.url.split("?")[0] + "/1"}}}]},
                "total_items": 2,
                "returned_items": 1,
                "offset": 0,
                "limit": 1,
            }
            headers = [foxy.HttpHeader(name="content-type", value="application/hal+json")]
            return foxy.HttpResponse(status=200, headers=headers, body=json.dumps(page).encode())
        return await super().send(request)


def pages_of_carts(transport):
    """The URLs of the pages of carts the transport was asked for, in order."""
    return [r.url for r in transport.sent if r.method == "GET" and urllib.parse.urlsplit(r.url).path.endswith("/carts")]


async def until(condition, seconds=10):
    """Waits for `condition()` (a bound on failure, not a timing assumption)."""
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        await asyncio.sleep(0.01)
    return condition()


def client(transport, **config):
    credentials = foxy.Credentials.refresh_token(SANDBOX.client_id, SANDBOX.client_secret, SANDBOX.refresh_token)
    return foxy.FoxyClient(foxy.ClientConfig(base_url=SANDBOX.base_url, **config), credentials, transport)


GRACE_QUERY = foxy.Query(
    filters=[foxy.Filter(property="email", condition=foxy.Condition.EQUALS(value="grace.hopper@sandbox.test"))]
)


async def widget_cart(api, customer, quantity):
    """A cart of the customer holding `quantity` widgets at 5.05, read back."""
    cart = foxy.Cart()
    cart.set_customer_uri(customer.href())
    created = await api.store().carts().create_and_get(cart)
    item = foxy.Item()
    item.set_name("Widget")
    item.set_price("5.05")
    item.set_quantity(quantity)
    await api.add_item(created, item)
    return await api.store().carts().member(created.href()).get()


class ForeignTransportTest(unittest.IsolatedAsyncioTestCase):
    async def test_a_charge_that_happened_then_failed_is_ambiguous_with_its_transaction(self):
        api = client(TransactionReadsFail(), max_attempts=2)
        grace = (await api.store().customers().list(GRACE_QUERY)).members[0]
        cart = await widget_cart(api, grace, 1)
        with self.assertRaises(foxy.FoxyError.Ambiguous) as caught:
            await api.charge(cart, grace)
        error = caught.exception
        self.assertEqual(error.status, 500)
        self.assertIn("/transactions/", error.transaction)
        self.assertIn("may have gone through", str(error))
        # The charge did happen: a plain client reads the transaction.
        plain = client(PythonTransport())
        transaction = await plain.store().transactions().member(error.transaction).get()
        self.assertEqual(Decimal(transaction.total_order()), Decimal("5.05"))

    async def test_every_request_goes_through_the_app_transport(self):
        transport = PythonTransport()
        api = client(transport)
        grace = (await api.store().customers().list(GRACE_QUERY)).members[0]
        cart = await widget_cart(api, grace, 3)
        transaction = await api.charge(cart, grace)
        self.assertEqual(Decimal(transaction.total_order()), Decimal("15.15"))

        methods = [(r.method, urllib.parse.urlsplit(r.url).path) for r in transport.sent]
        self.assertEqual(methods[0][1], "/token")  # the refresh token is traded first
        self.assertIn(("POST", urllib.parse.urlsplit(cart.href()).path), methods)  # the charge
        api_calls = [r for r in transport.sent if not r.url.endswith("/token")]
        for request in api_calls:
            names = {h.name.lower(): h.value for h in request.headers}
            self.assertEqual(names["foxy-api-version"], "1")
            self.assertTrue(names["authorization"].startswith("Bearer "))

    async def test_a_post_that_may_have_been_sent_is_not_replayed(self):
        failure = foxy.FoxyError.Transport(detail="connection reset", may_have_been_sent=True)
        transport = FailingTransport(failure)
        with self.assertRaises(foxy.FoxyError.Transport) as caught:
            await client(transport).store().carts().create(foxy.Cart())
        self.assertTrue(caught.exception.may_have_been_sent)
        self.assertEqual(sum(1 for r in transport.sent if r.url.endswith("/carts")), 1)

    async def test_a_request_never_sent_is_retried(self):
        transport = FailingTransport(foxy.FoxyError.Transport(detail="refused", may_have_been_sent=False))
        with self.assertRaises(foxy.FoxyError.Transport) as caught:
            await client(transport, max_attempts=2).store().carts().create(foxy.Cart())
        self.assertFalse(caught.exception.may_have_been_sent)
        self.assertEqual(sum(1 for r in transport.sent if r.url.endswith("/carts")), 2)

    async def test_a_timeout_is_reported_as_one(self):
        transport = FailingTransport(foxy.FoxyError.Timeout())
        with self.assertRaises(foxy.FoxyError.Timeout):
            await client(transport).store().carts().create(foxy.Cart())

    async def test_an_unexpected_exception_is_a_failed_transport_not_a_crash(self):
        transport = FailingTransport(RuntimeError("bug in the app's transport"))
        with self.assertRaises(foxy.FoxyError.Transport) as caught:
            await client(transport).store().carts().create(foxy.Cart())
        self.assertTrue(caught.exception.may_have_been_sent)
        self.assertIn("unexpectedly", caught.exception.detail)


    async def test_the_pager_requests_the_next_page_while_the_caller_holds_one(self):
        # The page ahead is requested from a Rust task, off this loop's thread:
        # uniffi's Python callbacks then need to be told the loop to run on.
        foxy.uniffi_set_event_loop(asyncio.get_running_loop())
        self.addCleanup(foxy.uniffi_set_event_loop, None)
        # uniffi then drops the finished callback from that task with `call_soon`,
        # which asyncio's debug mode reports (harmless: the callback is done).
        asyncio.get_running_loop().set_debug(False)
        transport = PythonTransport()
        api = client(transport)
        for _ in range(5):
            await api.store().carts().create(foxy.Cart())
        pager = api.store().carts().pages(foxy.Query(limit=2))
        seen, read, total = [], 0, None
        while (page := await pager.next()) is not None:
            read += 1
            total = page.total_items
            seen.extend(m.href() for m in page.members)
            more = len(seen) < total
            # The page after this one is asked for before the caller asks for it...
            if more:
                self.assertTrue(await until(lambda: len(pages_of_carts(transport)) == read + 1))
                self.assertIn(f"offset={read * 2}", pages_of_carts(transport)[-1])
            if read == 1:
                await asyncio.sleep(0.3)  # time for a walk that read further ahead to show it
            # ...and never more than that one.
            self.assertEqual(len(pages_of_carts(transport)), read + (1 if more else 0))
        self.assertGreaterEqual(read, 3)
        self.assertEqual(len(seen), total)  # every member...
        self.assertEqual(len(set(seen)), total)  # ...once
        asked = pages_of_carts(transport)[:read]
        self.assertEqual(len(set(asked)), read)  # each page asked for once
        self.assertIsNone(await pager.next())

    async def test_a_next_link_that_cannot_be_resolved_fails_the_walk(self):
        pager = client(BrokenNextLink()).store().carts().pages()
        page = await pager.next()
        self.assertEqual(len(page.members), 1)
        with self.assertRaises(foxy.FoxyError) as caught:
            await pager.next()
        self.assertIn("broken", str(caught.exception))
        self.assertIsNone(await pager.next())

if __name__ == "__main__":
    unittest.main()
