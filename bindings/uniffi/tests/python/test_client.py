"""The async client through uniffi's Python bindings against the sandbox
(`foxy-sandbox` on 127.0.0.1), with the default Rust transport."""

import asyncio
import json
import os
import stat
import tempfile
import unittest
from decimal import Decimal

from sandbox import Sandbox
import foxy

SANDBOX = None
GRACE = "grace.hopper@sandbox.test"  # card charges
ADA = "ada.lovelace@sandbox.test"  # card declined


def setUpModule():
    global SANDBOX
    SANDBOX = Sandbox()


def tearDownModule():
    SANDBOX.stop()


def client(**config):
    credentials = foxy.Credentials.refresh_token(SANDBOX.client_id, SANDBOX.client_secret, SANDBOX.refresh_token)
    return foxy.FoxyClient(foxy.ClientConfig(base_url=SANDBOX.base_url, **config), credentials)


def zoom(*paths):
    return foxy.Query(zoom=list(paths))


def by_email(email):
    return foxy.Query(filters=[foxy.Filter(property="email", condition=foxy.Condition.EQUALS(value=email))])


def sprocket():
    """Two xl sprockets: an item with an embedded option, from HAL+JSON."""
    return foxy.Item.from_json(
        json.dumps(
            {
                "name": "Sprocket",
                "price": "10.25",
                "quantity": 2,
                "code": "spr-1",
                "_embedded": {"fx:item_options": [{"name": "size", "value": "xl", "price_mod": "1.50"}]},
            }
        )
    )


async def sprocket_cart(api, customer_uri=None):
    """A new cart holding two sprockets in xl, read back with its items."""
    cart = foxy.Cart()
    cart.set_customer_uri(customer_uri)
    created = await api.store().carts().create_and_get(cart)
    await api.add_item(created, sprocket())
    return await api.store().carts().member(created.href()).get(zoom("items", "items:item_options"))


async def customer(api, email):
    return (await api.store().customers().list(by_email(email))).members[0]


class TokenFileTest(unittest.IsolatedAsyncioTestCase):
    async def test_tokens_are_kept_in_a_private_file_and_reused(self):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "tokens.json")
            first = client(token_file=path)
            self.assertEqual(json.loads((await first.follow(["fx:store"]).get()).json)["store_name"], "Sandbox Store")
            self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
            with open(path) as f:
                saved = json.load(f)
            # A second client on the same file starts from the saved token.
            second = foxy.FoxyClient(
                foxy.ClientConfig(base_url=SANDBOX.base_url, token_file=path),
                foxy.Credentials.access_token("not-used-the-file-wins"),
            )
            self.assertEqual(json.loads((await second.follow(["fx:store"]).get()).json)["store_name"], "Sandbox Store")
            with open(path) as f:
                self.assertEqual(json.load(f)["access_token"], saved["access_token"])


class NavigationTest(unittest.IsolatedAsyncioTestCase):
    async def test_home_and_follow(self):
        api = client()
        home = await api.home()
        self.assertIn("fx:store", home.links)
        store = await api.follow(["fx:store"]).get()
        self.assertEqual(json.loads(store.json)["store_name"], "Sandbox Store")
        carts = await api.follow(["fx:store", "fx:carts"]).href()
        self.assertTrue(carts.endswith("/carts"))
        page = await api.get(carts, foxy.Query(limit=1))
        self.assertEqual(json.loads(page.json)["limit"], 1)

    async def test_generic_post_patch_put_delete(self):
        api = client()
        carts = await api.follow(["fx:store", "fx:carts"]).href()
        created = await api.post(carts, '{"billing_city": "Boston"}')
        patched = await api.patch(created.href, '{"billing_city": "Cambridge"}')
        self.assertIn("Cambridge", patched.json)
        document = json.loads((await api.get(created.href)).json)
        document["billing_city"] = "Somerville"
        await api.put(created.href, json.dumps(document))
        self.assertEqual(json.loads((await api.get(created.href)).json)["billing_city"], "Somerville")
        await api.delete(created.href)
        with self.assertRaises(foxy.FoxyError.Api) as caught:
            await api.get(created.href)
        self.assertEqual(caught.exception.status, 404)


class TypedTest(unittest.IsolatedAsyncioTestCase):
    async def test_getters_and_setters_read_and_write_the_resource(self):
        coupon = foxy.Coupon.from_json('{"name": "Ten off", "number_of_uses_allowed": "5", "x_extra": [1, 2.50]}')
        self.assertEqual(coupon.name(), "Ten off")
        self.assertEqual(coupon.number_of_uses_allowed(), 5)
        coupon.set_number_of_uses_allowed(6)
        written = json.loads(coupon.to_json())
        self.assertEqual(written["number_of_uses_allowed"], "6")
        self.assertIn("2.50", coupon.to_json())
        item = foxy.Item()
        item.set_price("10.50")
        self.assertEqual(item.price(), "10.50")
        with self.assertRaises(foxy.FoxyError.InvalidInput):
            item.set_price("ten")

    async def test_a_put_keeps_what_the_class_does_not_describe(self):
        from test_transport import PythonTransport

        transport = PythonTransport()
        credentials = foxy.Credentials.refresh_token(SANDBOX.client_id, SANDBOX.client_secret, SANDBOX.refresh_token)
        api = foxy.FoxyClient(foxy.ClientConfig(base_url=SANDBOX.base_url), credentials, transport)
        carts = await api.follow(["fx:store", "fx:carts"]).href()
        created = await api.post(carts, '{"billing_city": "Boston"}')
        path = api.store().carts().member(created.href)
        # What the class does not describe: an unknown property and an unknown link, on the resource read.
        document = json.loads((await path.get()).to_json())
        document["x_partner_ref"] = "partner-42"
        document["_links"]["x:partner"] = {"href": "https://partner.example/carts/42"}
        cart = foxy.Cart.from_json(json.dumps(document))
        self.assertEqual(cart.link("x:partner"), "https://partner.example/carts/42")
        cart.set_billing_city("Cambridge")
        await path.put(cart)
        # The PUT sent the unknown property unchanged, with the change.
        put = [r for r in transport.sent if r.method == "PUT"]
        self.assertEqual(len(put), 1)
        sent = json.loads(put[0].body)
        self.assertEqual(sent["x_partner_ref"], "partner-42")
        self.assertEqual(sent["billing_city"], "Cambridge")
        # The sandbox holds the change and the described links, unchanged.
        again = await path.get()
        self.assertEqual(again.billing_city(), "Cambridge")
        self.assertEqual(again.link("fx:items"), cart.link("fx:items"))
        self.assertEqual(cart.link("x:partner"), "https://partner.example/carts/42")

    async def test_coupons_and_subscriptions(self):
        api = client()
        coupons = await api.store().coupons().list(foxy.Query(limit=5))
        self.assertTrue(coupons.members)
        first = coupons.members[0]
        again = await api.store().coupons().member(first.href()).get()
        self.assertEqual(again.name(), first.name())
        subscriptions = await api.store().subscriptions().list()
        self.assertIsNotNone(subscriptions.total_items)

    async def test_the_pager_holds_one_page_at_a_time(self):
        api = client()
        for _ in range(3):
            cart = foxy.Cart()
            cart.set_customer_email("page@sandbox.test")
            await api.store().carts().create(cart)
        pager = api.store().carts().pages(foxy.Query(limit=2))
        seen, total = [], None
        while (page := await pager.next()) is not None:
            self.assertLessEqual(len(page.members), 2)
            total = page.total_items
            seen.extend(m.href() for m in page.members)
        self.assertEqual(len(seen), total)
        self.assertEqual(len(set(seen)), len(seen))


class CommerceTest(unittest.IsolatedAsyncioTestCase):
    async def test_cart_items_and_session(self):
        api = client()
        cart = await sprocket_cart(api)
        self.assertEqual(Decimal(cart.total_item_price()), Decimal("23.50"))
        items = await api.store().carts().member(cart.href()).items().list()
        self.assertEqual(items.total_items, 1)
        session = await api.create_session(cart)
        self.assertIn("session_id", session.json)
        await api.store().carts().member(cart.href()).delete()

    async def test_charge_creates_a_transaction(self):
        api = client()
        grace = await customer(api, GRACE)
        card = await api.store().customers().member(grace.href()).default_payment_method().get()
        self.assertEqual(card.cc_number_masked(), "xxxxxxxxxxxx4242")
        transaction = await api.charge(await sprocket_cart(api, grace.href()), grace)
        self.assertEqual(Decimal(transaction.total_order()), Decimal("23.50"))
        items = await api.store().transactions().member(transaction.href()).items().list()
        self.assertEqual([i.code() for i in items.members], ["spr-1"])

    async def test_declined_card_is_an_api_error(self):
        api = client()
        ada = await customer(api, ADA)
        with self.assertRaises(foxy.FoxyError.Api) as caught:
            await api.charge(await sprocket_cart(api, ada.href()), ada)
        self.assertTrue(any("declined" in m for m in caught.exception.messages))


class ErrorTest(unittest.IsolatedAsyncioTestCase):
    def test_every_rust_error_kind_has_a_variant(self):
        kinds = foxy.error_kinds()
        self.assertEqual(len({k.code for k in kinds}), len(kinds))
        for kind in kinds:
            self.assertTrue(hasattr(foxy.FoxyError, kind.variant), kind)

    async def test_invalid_input_fails_before_sending(self):
        with self.assertRaises(foxy.FoxyError.InvalidInput):
            await client().store().carts().list(foxy.Query(limit=301))

    async def test_a_missing_link_is_typed(self):
        with self.assertRaises(foxy.FoxyError.MissingLink) as caught:
            await client().follow(["fx:store", "fx:nothing_here"]).get()
        self.assertEqual(caught.exception.rel, "fx:nothing_here")

    async def test_wrong_credentials_are_an_auth_error_without_secrets(self):
        credentials = foxy.Credentials.refresh_token(SANDBOX.client_id, "wrong-s3cret", "wrong-r3fresh")
        api = foxy.FoxyClient(foxy.ClientConfig(base_url=SANDBOX.base_url), credentials)
        with self.assertRaises(foxy.FoxyError.Auth) as caught:
            await api.store().carts().list()
        text = str(caught.exception) + repr(credentials)
        self.assertNotIn("wrong-s3cret", text)
        self.assertNotIn("wrong-r3fresh", text)

    async def test_a_rejected_access_token_is_token_rejected_not_missing(self):
        api = foxy.FoxyClient(
            foxy.ClientConfig(base_url=SANDBOX.base_url), foxy.Credentials.access_token("forged-t0ken-3e9")
        )
        with self.assertRaises(foxy.FoxyError.TokenRejected) as caught:
            await api.store().carts().list()
        self.assertEqual(caught.exception.code, "invalid_token")
        self.assertIn("rejected", str(caught.exception))
        self.assertNotIn("authorize first", str(caught.exception))
        self.assertNotIn("forged-t0ken-3e9", str(caught.exception))

    def test_plain_http_off_loopback_is_refused(self):
        credentials = foxy.Credentials.access_token("t")
        with self.assertRaises(foxy.FoxyError.Policy):
            foxy.FoxyClient(foxy.ClientConfig(base_url="http://api.example.test/"), credentials)
        foxy.FoxyClient(
            foxy.ClientConfig(base_url="http://api.example.test/", allow_insecure_http=True), credentials
        )

    async def test_nothing_listening_is_a_transport_error_not_sent(self):
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        api = foxy.FoxyClient(
            foxy.ClientConfig(base_url=f"http://127.0.0.1:{port}/", max_attempts=1),
            foxy.Credentials.access_token("t"),
        )
        with self.assertRaises(foxy.FoxyError.Transport) as caught:
            await api.home()
        self.assertFalse(caught.exception.may_have_been_sent)

    async def test_concurrent_calls_share_one_client(self):
        api = client()
        pages = await asyncio.gather(*(api.store().customers().list(foxy.Query(limit=1)) for _ in range(8)))
        self.assertEqual({p.total_items for p in pages}, {pages[0].total_items})


if __name__ == "__main__":
    unittest.main()
