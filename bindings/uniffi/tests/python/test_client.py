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
    return foxy.Item(
        name="Sprocket",
        price="10.25",
        quantity=2,
        code="spr-1",
        item_options=[foxy.ItemOption(name="size", value="xl", price_mod="1.50")],
    )


async def sprocket_cart(api, customer_uri=None):
    """A new cart holding two sprockets in xl: created, then PUT with its items."""
    cart = await api.create_cart_and_get(foxy.Cart(customer_uri=customer_uri))
    cart.items = [sprocket()]
    return await api.put_cart(cart)


class TokenFileTest(unittest.IsolatedAsyncioTestCase):
    async def test_tokens_are_kept_in_a_private_file_and_reused(self):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "tokens.json")
            first = client(token_file=path)
            self.assertEqual(json.loads((await first.follow(["fx:store"])).json)["store_name"], "Sandbox Store")
            self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
            with open(path) as f:
                saved = json.load(f)
            # A second client on the same file starts from the saved token.
            second = foxy.FoxyClient(
                foxy.ClientConfig(base_url=SANDBOX.base_url, token_file=path),
                foxy.Credentials.access_token("not-used-the-file-wins"),
            )
            self.assertEqual(json.loads((await second.follow(["fx:store"])).json)["store_name"], "Sandbox Store")
            with open(path) as f:
                self.assertEqual(json.load(f)["access_token"], saved["access_token"])


class NavigationTest(unittest.IsolatedAsyncioTestCase):
    async def test_home_follow_and_resolve(self):
        api = client()
        home = await api.home()
        self.assertIn("fx:store", home.links)
        store = await api.follow(["fx:store"])
        self.assertEqual(json.loads(store.json)["store_name"], "Sandbox Store")
        self.assertEqual(store.href, home.links["fx:store"])
        carts = await api.resolve(["fx:store", "fx:carts"])
        self.assertTrue(carts.endswith("/carts"), carts)
        page = await api.get(carts, foxy.Query(limit=1))
        self.assertIn("total_items", json.loads(page.json))

    async def test_generic_post_patch_delete(self):
        api = client()
        carts = await api.resolve(["fx:store", "fx:carts"])
        created = await api.post(carts, '{"customer_email": "nav@sandbox.test"}')
        self.assertIsNotNone(created.href)
        patched = await api.patch(created.href, '{"billing_city": "Boston"}')
        self.assertEqual(json.loads(patched.json)["billing_city"], "Boston")
        await api.delete(created.href)
        with self.assertRaises(foxy.FoxyError.Api) as caught:
            await api.get(created.href)
        self.assertEqual(caught.exception.status, 404)
        self.assertTrue(caught.exception.messages)

    async def test_generic_put(self):
        api = client()
        carts = await api.resolve(["fx:store", "fx:carts"])
        created = await api.post(carts, '{"billing_city": "Boston"}')
        document = json.loads((await api.get(created.href)).json)
        document["billing_city"] = "Cambridge"
        put = await api.put(created.href, json.dumps(document))
        self.assertEqual(json.loads(put.json)["billing_city"], "Cambridge")
        self.assertEqual(json.loads((await api.get(created.href)).json)["billing_city"], "Cambridge")
        await api.delete(created.href)


class CartTest(unittest.IsolatedAsyncioTestCase):
    async def test_cart_items_options_attributes_fields(self):
        api = client()
        cart = await sprocket_cart(api)
        self.assertTrue(cart.href)
        self.assertEqual([i.name for i in cart.items], ["Sprocket"])
        self.assertEqual(cart.items[0].item_options[0].value, "xl")
        # Money is an exact decimal string: (10.25 + 1.50) * 2.
        self.assertEqual(Decimal(cart.total_item_price), Decimal("23.50"))
        self.assertEqual(Decimal(cart.total_order), Decimal("23.50"))

        href = await api.add_item(cart, foxy.Item(name="Gear", price="0.10", quantity=3))
        self.assertIn("/items/", href)
        items = await api.cart_items(cart)
        self.assertEqual(items.total_items, 2)
        self.assertEqual(sorted(i.name for i in items.members), ["Gear", "Sprocket"])
        gear = next(i for i in items.members if i.name == "Gear")
        self.assertEqual(Decimal(gear.price), Decimal("0.10"))

        await api.add_item_option(gear, foxy.ItemOption(name="color", value="red", price_mod="0.05"))
        options = await api.item_options(gear)
        self.assertEqual([(o.name, o.value) for o in options.members], [("color", "red")])

        await api.add_cart_attribute(
            cart, foxy.Attribute(name="channel", value="ios", visibility=foxy.AttributeVisibility.PRIVATE)
        )
        attributes = await api.cart_attributes(cart)
        self.assertEqual(attributes.members[0].visibility, foxy.AttributeVisibility.PRIVATE)

        await api.add_custom_field(cart, foxy.CustomField(name="gift_note", value="Happy birthday", is_hidden=False))
        fields = await api.cart_custom_fields(cart)
        self.assertEqual(fields.members[0].value, "Happy birthday")

        fresh = await api.get_cart(cart.href, zoom("items", "items:item_options"))
        self.assertEqual(Decimal(fresh.total_item_price), Decimal("23.50") + Decimal("0.45"))

        patched = await api.patch_cart(cart.href, '{"billing_city": "Boston"}')
        self.assertEqual(patched.billing_city, "Boston")

        session = await api.create_session(fresh)
        self.assertTrue(session.session_id)
        self.assertIn(session.session_id, session.cart_link)

        await api.delete_cart(cart.href)
        with self.assertRaises(foxy.FoxyError.Api) as caught:
            await api.get_cart(cart.href)
        self.assertEqual(caught.exception.status, 404)

    async def test_put_keeps_what_the_record_does_not_model(self):
        api = client()
        cart = await api.get_cart((await sprocket_cart(api)).href, zoom("items"))
        extra = json.loads(cart.extra_json)
        cart.shipping_city = "Cambridge"
        cart.items[0].quantity = 5
        updated = await api.get_cart((await api.put_cart(cart)).href, zoom("items"))
        self.assertEqual(updated.shipping_city, "Cambridge")
        self.assertEqual(updated.items[0].quantity, 5)
        self.assertEqual(Decimal(updated.total_item_price), Decimal("10.25") * 5)
        # Unmodelled properties written back unchanged.
        for key, value in extra.items():
            if not key.startswith("_"):
                self.assertEqual(json.loads(updated.extra_json).get(key), value, key)

    async def test_pages_and_all(self):
        api = client()
        for _ in range(3):
            await api.create_cart(foxy.Cart(customer_email="page@sandbox.test"))
        first = await api.list_carts(foxy.Query(limit=2, order=["id desc"]))
        self.assertEqual(len(first.members), 2)
        self.assertEqual(first.limit, 2)
        self.assertIsNotNone(first.next_href)
        every = await api.all_carts(foxy.Query(limit=2))
        self.assertEqual(len(every), first.total_items)


class ChargeTest(unittest.IsolatedAsyncioTestCase):
    async def test_charge_creates_a_transaction(self):
        api = client()
        page = await api.list_customers(by_email(GRACE))
        grace = page.members[0]
        card = await api.default_payment_method(grace)
        self.assertTrue(card.save_cc)
        self.assertEqual(card.cc_number_masked, "xxxxxxxxxxxx4242")

        cart = await sprocket_cart(api, grace.href)
        transaction = await api.charge(cart, grace)
        self.assertEqual(Decimal(transaction.total_order), Decimal("23.50"))
        self.assertEqual(transaction.customer_email, GRACE)
        self.assertEqual([i.name for i in transaction.items], ["Sprocket"])

        again = await api.get_transaction(transaction.href, zoom("items"))
        self.assertEqual(again.display_id, transaction.display_id)
        items = await api.transaction_items(again)
        self.assertEqual(Decimal(items.members[0].price), Decimal("10.25"))
        listed = await api.list_transactions(foxy.Query(limit=300))
        self.assertIn(transaction.href, [t.href for t in listed.members])
        every = await api.all_transactions()
        self.assertIn(transaction.href, [t.href for t in every])

    async def test_declined_card_is_an_api_error(self):
        api = client()
        ada = (await api.list_customers(by_email(ADA))).members[0]
        cart = await sprocket_cart(api, ada.href)
        with self.assertRaises(foxy.FoxyError.Api) as caught:
            await api.charge(cart, ada)
        self.assertEqual(caught.exception.status, 400)
        self.assertIn("declined", " ".join(caught.exception.messages))


class CustomerTest(unittest.IsolatedAsyncioTestCase):
    async def test_customer_lifecycle(self):
        api = client()
        created = await api.create_customer_and_get(
            foxy.Customer(first_name="Katherine", last_name="Johnson", email="kj@sandbox.test")
        )
        self.assertEqual(created.first_name, "Katherine")
        patched = await api.patch_customer(created.href, '{"last_name": "Goble"}')
        self.assertEqual(patched.last_name, "Goble")
        await api.add_customer_address(
            created, foxy.CustomerAddress(address_name="Home", address1="1 Main St", city="Hampton", country="US")
        )
        addresses = await api.customer_addresses(created)
        self.assertIn("Hampton", [a.city for a in addresses.members])
        everyone = await api.all_customers()
        self.assertIn("kj@sandbox.test", [c.email for c in everyone])
        await api.delete_customer(created.href)
        with self.assertRaises(foxy.FoxyError.Api):
            await api.get_customer(created.href)

    async def test_create_customer_returns_its_href(self):
        api = client()
        href = await api.create_customer(foxy.Customer(first_name="Dorothy", last_name="Vaughan", email="dv@sandbox.test"))
        self.assertIn("/customers/", href)
        customer = await api.get_customer(href)
        self.assertEqual((customer.href, customer.email, customer.last_name), (href, "dv@sandbox.test", "Vaughan"))
        await api.delete_customer(href)


class ErrorTest(unittest.IsolatedAsyncioTestCase):
    async def test_invalid_input_fails_before_sending(self):
        api = client()
        with self.assertRaises(foxy.FoxyError.InvalidInput) as caught:
            await api.create_cart(foxy.Cart(items=[foxy.Item(name="x", price="ten", quantity=1)]))
        self.assertIn("price", caught.exception.detail)
        with self.assertRaises(foxy.FoxyError.InvalidInput):
            await api.list_carts(foxy.Query(limit=301))

    async def test_record_without_links_is_a_missing_link(self):
        with self.assertRaises(foxy.FoxyError.MissingLink) as caught:
            await client().cart_items(foxy.Cart())
        self.assertEqual(caught.exception.rel, "fx:items")

    async def test_wrong_credentials_are_an_auth_error_without_secrets(self):
        credentials = foxy.Credentials.refresh_token(SANDBOX.client_id, "wrong-s3cret", "wrong-r3fresh")
        api = foxy.FoxyClient(foxy.ClientConfig(base_url=SANDBOX.base_url), credentials)
        with self.assertRaises(foxy.FoxyError.Auth) as caught:
            await api.list_carts()
        text = str(caught.exception) + repr(credentials)
        self.assertNotIn("wrong-s3cret", text)
        self.assertNotIn("wrong-r3fresh", text)

    async def test_a_rejected_access_token_is_token_rejected_not_missing(self):
        api = foxy.FoxyClient(
            foxy.ClientConfig(base_url=SANDBOX.base_url), foxy.Credentials.access_token("forged-t0ken-3e9")
        )
        with self.assertRaises(foxy.FoxyError.TokenRejected) as caught:
            await api.list_carts()
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
        pages = await asyncio.gather(*(api.list_customers(foxy.Query(limit=1)) for _ in range(8)))
        self.assertEqual({p.total_items for p in pages}, {pages[0].total_items})


if __name__ == "__main__":
    unittest.main()
