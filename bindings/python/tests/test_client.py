"""The blocking client against the sandbox: navigation, generic verbs, typed operations,
pagination, and the GIL released during I/O."""

from __future__ import annotations

import threading
import time
from decimal import Decimal

import pytest

import foxy
from conftest import ALAN, GRACE, credentials


def new_cart(client: foxy.Client, *items: foxy.Item) -> foxy.Cart:
    href = client.carts.create(foxy.Cart())
    cart = client.carts.get(href, zoom="items,items:item_options,attributes")
    cart.items.extend(items)
    return client.carts.put(cart)


def grace(client: foxy.Client) -> foxy.Customer:
    page = client.customers.list(filters={"email": GRACE})
    assert len(page) == 1
    return page[0]


def test_home_follow_and_at(client: foxy.Client, sandbox: foxy.sandbox.Sandbox) -> None:
    home = client.home()
    assert isinstance(home, foxy.Resource)
    assert home.href.startswith(sandbox.base_url)
    assert home.link("fx:store") is not None
    path = client.follow("fx:store").follow("fx:carts")
    assert path.rels == ["fx:store", "fx:carts"]
    assert client.follow("fx:store", "fx:carts").href() == f"{sandbox.base_url}/stores/{sandbox.store_id}/carts"
    store = client.follow("fx:store").get()
    assert store.store_name == "Sandbox Store"
    assert store["store_name"] == "Sandbox Store"
    typed = foxy.Store.from_resource(store)
    assert typed.store_name == "Sandbox Store"
    assert client.at(store.link("fx:carts")).get(limit=1).limit == 1
    assert client.at(store).href() == store.href


def test_generic_verbs(client: foxy.Client) -> None:
    carts = client.follow("fx:store", "fx:carts")
    created = carts.post({"billing_city": "Paris"})
    href = created.href
    assert href and "/carts/" in href
    got = client.get(href)
    assert got.billing_city == "Paris"
    patched = client.patch(href, {"billing_city": "Lyon"})
    assert patched.billing_city == "Lyon"
    document = client.get(href)
    document["billing_city"] = "Nice"
    assert client.put(href, document).billing_city == "Nice"
    assert isinstance(client.head(href), foxy.Resource)
    assert client.options(href) is not None
    client.delete(href)
    with pytest.raises(foxy.ApiError) as info:
        client.get(href)
    assert info.value.status == 404


def test_follow_path_verbs(client: foxy.Client) -> None:
    carts = client.follow("fx:store", "fx:carts")
    assert isinstance(carts.head(limit=1), foxy.Resource)
    assert isinstance(carts.options(), foxy.Resource)
    href = carts.post({"billing_city": "Paris"}).href
    path = client.at(href)
    assert isinstance(path.head(), foxy.Resource)
    assert isinstance(path.options(), foxy.Resource)
    assert path.patch({"billing_city": "Lyon"}).billing_city == "Lyon"
    document = path.get()
    document["billing_city"] = "Nice"
    assert path.put(document).billing_city == "Nice"
    typed = foxy.Cart.from_resource(path.get())
    typed.billing_city = "Oslo"
    assert path.put(typed).billing_city == "Oslo"
    assert isinstance(path.delete(), foxy.Resource)
    with pytest.raises(foxy.ApiError) as info:
        path.get()
    assert info.value.status == 404


def test_query_keywords(client: foxy.Client) -> None:
    for n in range(3):
        new_cart(client, foxy.Item(name=f"Query {n}", price=Decimal(f"{n + 1}.25"), quantity=1, code=f"Q{n}"))
    page = client.carts.list(
        zoom=["items"],
        filters={"items:name": "Query*", "total_order": (Decimal("1"), 10)},
        order=["total_order desc", "id"],
        limit=2,
        offset=0,
    )
    assert page.limit == 2 and page.offset == 0
    totals = [cart.total_order for cart in page]
    assert totals == sorted(totals, reverse=True)
    assert all(cart.items and cart.items[0].name.startswith("Query") for cart in page)
    assert page.total_items >= 3 and page.next_href
    fields = client.carts.list(fields="total_order", limit=1)
    assert fields[0].customer_uri is None and fields[0].total_order is not None


def test_cart_operations(client: foxy.Client) -> None:
    cart = new_cart(
        client,
        foxy.Item(
            name="Sprocket",
            price=Decimal("10.50"),
            quantity=2,
            code="SPR-1",
            item_options=[foxy.ItemOption(name="color", value="red", price_mod=Decimal("1.00"))],
        ),
    )
    assert cart.total_order == Decimal("23.00")
    assert [i.name for i in cart.items] == ["Sprocket"]
    assert cart.items[0].item_options[0].value == "red"

    got = client.carts.get(cart.href, zoom="items")
    assert got.items[0].price == Decimal("10.50")
    assert client.carts.get(cart.link("self")).href == cart.href

    item_href = client.carts.add_item(cart, foxy.Item(name="Widget", price=5, quantity=1))
    assert "/items/" in item_href
    items = client.carts.items(cart)
    assert sorted(i.name for i in items) == ["Sprocket", "Widget"]
    widget = next(i for i in items if i.name == "Widget")
    client.carts.add_item_option(widget, foxy.ItemOption(name="size", value="L", price_mod=0))
    assert [o.value for o in client.carts.item_options(widget)] == ["L"]

    client.carts.add_attribute(cart, foxy.Attribute(name="source", value="pytest", visibility="public"))
    assert [(a.name, a.value, a.visibility) for a in client.carts.attributes(cart)] == [
        ("source", "pytest", "public")
    ]
    client.carts.add_custom_field(cart, foxy.CustomField(name="gift_note", value="hi", is_hidden=False))
    assert [f.value for f in client.carts.custom_fields(cart)] == ["hi"]

    patched = client.carts.patch(cart.href, {"billing_first_name": "Ada"})
    assert patched.billing_first_name == "Ada"

    session = client.carts.create_session(cart)
    assert session.session_id.startswith("fcsid") and "fcsid=" in session.cart_link

    created = client.carts.create_and_get(foxy.Cart(), zoom="items")
    assert created.href and created.items == []
    client.carts.delete(created.href)
    with pytest.raises(foxy.ApiError):
        client.carts.get(created.href)


def test_charge_and_transactions(client: foxy.Client) -> None:
    cart = new_cart(client, foxy.Item(name="Charged", price=Decimal("19.99"), quantity=3))
    transaction = client.carts.charge(cart, grace(client))
    assert isinstance(transaction, foxy.Transaction)
    assert transaction.status == "completed"
    assert transaction.total_order == Decimal("59.97")
    assert [i.name for i in transaction.items] == ["Charged"]
    assert transaction.transaction_date is not None

    again = client.transactions.get_with_items(transaction.href)
    assert again == transaction or again.total_order == transaction.total_order
    assert [i.name for i in client.transactions.items(transaction)] == ["Charged"]
    plain = client.transactions.get(transaction.href)
    assert plain.items == []
    listed = client.transactions.list(filters={"total_order": "59.97"})
    assert transaction.href in [t.href for t in listed]
    assert any(t.href == transaction.href for t in client.transactions.all())

    with pytest.raises(foxy.ApiError) as info:
        client.carts.charge(cart, grace(client))  # the cart is gone: never charged twice
    assert info.value.status == 404


def test_charge_without_a_card_fails(client: foxy.Client) -> None:
    alan = client.customers.list(filters={"email": ALAN})[0]
    cart = new_cart(client, foxy.Item(name="No card", price=1, quantity=1))
    with pytest.raises(foxy.ApiError) as info:
        client.carts.charge(cart, alan)
    assert info.value.status == 400 and info.value.messages


def test_customer_operations(client: foxy.Client) -> None:
    g = grace(client)
    card = client.customers.default_payment_method(g)
    assert card.save_cc is True and card.cc_number_masked.endswith("4242")

    href = client.customers.create(foxy.Customer(email="pytest.sync@example.test", first_name="Py", last_name="Test"))
    customer = client.customers.get(href)
    assert customer.first_name == "Py"
    renamed = client.customers.patch(href, {"first_name": "Renamed"})
    assert renamed.first_name == "Renamed"
    client.customers.add_address(
        customer,
        foxy.CustomerAddress(address_name="Work", first_name="Py", last_name="Test", address1="1 Main St",
                             city="Austin", region="TX", postal_code="78701", country="US"),
    )
    assert "Work" in [a.address_name for a in client.customers.addresses(customer)]
    saved = client.customers.update_default_payment_method(
        customer, {"cc_number": "4111111111111111", "cc_exp_month": "12", "cc_exp_year": "2031", "save_cc": True}
    )
    assert saved.cc_number_masked.endswith("1111")
    other = client.customers.create_and_get(
        foxy.Customer(email="pytest.other@example.test", first_name="O", last_name="T"), zoom="default_billing_address"
    )
    assert other.email == "pytest.other@example.test"
    emails = [c.email for c in client.customers.all(limit=1)]
    assert GRACE in emails and "pytest.sync@example.test" in emails
    client.customers.delete(href)
    client.customers.delete(other)
    with pytest.raises(foxy.ApiError):
        client.customers.get(href)


def test_pagination_walks_every_page(client: foxy.Client) -> None:
    for n in range(5):
        new_cart(client, foxy.Item(name=f"Page {n}", price=1, quantity=1))
    expected = client.carts.list(limit=300).total_items
    seen = [cart.href for cart in client.carts.all(limit=2)]
    assert len(seen) == expected and len(set(seen)) == expected
    iterator = client.carts.all(limit=2)
    assert iter(iterator) is iterator
    assert isinstance(next(iterator), foxy.Cart)


def test_blocking_calls_release_the_gil() -> None:
    with foxy.sandbox.start(faults="latency=1:400ms") as slow:
        client = foxy.Client(slow.base_url, **credentials(slow))
        done = threading.Event()

        def call() -> None:
            client.home()
            done.set()

        thread = threading.Thread(target=call)
        start = time.perf_counter()
        thread.start()
        spins = 0
        while not done.is_set() and time.perf_counter() - start < 5:
            spins += 1
        thread.join()
        elapsed = time.perf_counter() - start
    assert elapsed >= 0.35
    # With the GIL held during the request the loop would barely run.
    assert spins > 10_000


def test_exhausted_iterator_stays_exhausted(client: foxy.Client) -> None:
    pages = client.carts.all(limit=300)
    list(pages)
    with pytest.raises(StopIteration):
        next(pages)
