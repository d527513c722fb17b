"""The asyncio client against the sandbox: the same surface as the blocking client, awaited."""

from __future__ import annotations

import asyncio
import socket
from decimal import Decimal

import pytest

import foxy
from conftest import GRACE, credentials


async def new_cart(client: foxy.AsyncClient, *items: foxy.Item) -> foxy.Cart:
    href = await client.carts.create(foxy.Cart())
    cart = await client.carts.get(href, zoom="items,items:item_options")
    cart.items.extend(items)
    return await client.carts.put(cart)


@pytest.mark.asyncio
async def test_navigation_and_generic_verbs(aclient: foxy.AsyncClient, sandbox: foxy.sandbox.Sandbox) -> None:
    home = await aclient.home()
    assert home.link("fx:store") is not None
    assert await aclient.follow("fx:store", "fx:carts").href() == f"{sandbox.base_url}/stores/{sandbox.store_id}/carts"
    store = await aclient.follow("fx:store").get()
    assert store.store_name == "Sandbox Store"
    created = await aclient.follow("fx:store").follow("fx:carts").post({"billing_city": "Paris"})
    href = created.href
    assert (await aclient.get(href)).billing_city == "Paris"
    assert (await aclient.patch(href, {"billing_city": "Lyon"})).billing_city == "Lyon"
    document = await aclient.get(href)
    document["billing_city"] = "Nice"
    assert (await aclient.put(href, document)).billing_city == "Nice"
    assert isinstance(await aclient.head(href), foxy.Resource)
    assert isinstance(await aclient.options(href), foxy.Resource)
    assert isinstance(await aclient.at(href).get(), foxy.Resource)
    await aclient.delete(href)
    with pytest.raises(foxy.ApiError) as info:
        await aclient.get(href)
    assert info.value.status == 404


@pytest.mark.asyncio
async def test_cart_operations_and_charge(aclient: foxy.AsyncClient) -> None:
    cart = await new_cart(aclient, foxy.Item(name="Async", price=Decimal("7.25"), quantity=2))
    assert cart.total_order == Decimal("14.50")
    got = await aclient.carts.get(cart.href, zoom="items")
    assert got.items[0].name == "Async"
    await aclient.carts.add_item(cart, foxy.Item(name="Extra", price=1, quantity=1))
    items = await aclient.carts.items(cart)
    assert sorted(i.name for i in items) == ["Async", "Extra"]
    await aclient.carts.add_item_option(items[0], foxy.ItemOption(name="size", value="M", price_mod=0))
    assert [o.value for o in await aclient.carts.item_options(items[0])] == ["M"]
    await aclient.carts.add_attribute(cart, foxy.Attribute(name="via", value="asyncio"))
    assert [a.value for a in await aclient.carts.attributes(cart)] == ["asyncio"]
    await aclient.carts.add_custom_field(cart, foxy.CustomField(name="note", value="x"))
    assert [f.name for f in await aclient.carts.custom_fields(cart)] == ["note"]
    assert (await aclient.carts.patch(cart.href, {"billing_city": "Oslo"})).billing_city == "Oslo"
    session = await aclient.carts.create_session(cart)
    assert session.session_id
    created = await aclient.carts.create_and_get(foxy.Cart())
    await aclient.carts.delete(created.href)

    grace = (await aclient.customers.list(filters={"email": GRACE}))[0]
    transaction = await aclient.carts.charge(cart, grace)
    assert transaction.total_order == Decimal("15.50")
    assert len((await aclient.transactions.get_with_items(transaction.href)).items) == 2
    assert len(await aclient.transactions.items(transaction)) == 2
    assert (await aclient.transactions.get(transaction.href)).status == "completed"
    assert transaction.href in [t.href for t in await aclient.transactions.list(limit=300)]
    assert transaction.href in [t.href async for t in aclient.transactions.all(limit=5)]


@pytest.mark.asyncio
async def test_customer_operations(aclient: foxy.AsyncClient) -> None:
    href = await aclient.customers.create(foxy.Customer(email="pytest.async@example.test", first_name="A", last_name="B"))
    customer = await aclient.customers.get(href)
    assert (await aclient.customers.patch(href, {"last_name": "C"})).last_name == "C"
    await aclient.customers.add_address(customer, foxy.CustomerAddress(address_name="Home", address1="2 Rue", city="Paris", country="FR"))
    assert "Home" in [a.address_name for a in await aclient.customers.addresses(customer)]
    card = await aclient.customers.update_default_payment_method(
        customer, {"cc_number": "4242424242424242", "cc_exp_month": "01", "cc_exp_year": "2030", "save_cc": True}
    )
    assert card.cc_number_masked.endswith("4242")
    assert (await aclient.customers.default_payment_method(customer)).save_cc is True
    other = await aclient.customers.create_and_get(foxy.Customer(email="pytest.async2@example.test"))
    assert other.email == "pytest.async2@example.test"
    emails = [c.email async for c in aclient.customers.all(limit=2)]
    assert "pytest.async@example.test" in emails
    await aclient.customers.delete(href)
    await aclient.customers.delete(other.href)


@pytest.mark.asyncio
async def test_async_pagination_and_concurrency(aclient: foxy.AsyncClient) -> None:
    await asyncio.gather(*(new_cart(aclient, foxy.Item(name=f"A{n}", price=1, quantity=1)) for n in range(4)))
    total = (await aclient.carts.list()).total_items
    pages = aclient.carts.all(limit=3)
    assert pages.__aiter__() is pages
    seen = [cart.href async for cart in pages]
    assert len(seen) == total == len(set(seen))
    with pytest.raises(StopAsyncIteration):
        await pages.__anext__()


@pytest.mark.asyncio
async def test_async_errors(aclient: foxy.AsyncClient, sandbox: foxy.sandbox.Sandbox) -> None:
    before = sandbox.stats()["requests"]
    with pytest.raises(foxy.InvalidInputError):
        await aclient.carts.list(limit=301)
    assert sandbox.stats()["requests"] == before
    with pytest.raises(foxy.ApiError) as info:
        await aclient.carts.get(f"{sandbox.base_url}/carts/987654")
    assert info.value.status == 404 and info.value.messages
    bad = foxy.AsyncClient(sandbox.base_url, client_id=sandbox.client_id, client_secret="wrong", refresh_token=sandbox.refresh_token)
    with pytest.raises(foxy.AuthError):
        await bad.carts.list()
    with pytest.raises(foxy.AuthError):
        async for _ in bad.carts.all():
            pass


@pytest.mark.asyncio
async def test_follow_path_verbs(aclient: foxy.AsyncClient, sandbox: foxy.sandbox.Sandbox) -> None:
    carts = aclient.follow("fx:store", "fx:carts")
    assert isinstance(await carts.head(limit=1), foxy.Resource)
    assert isinstance(await carts.options(), foxy.Resource)
    href = (await carts.post({"billing_city": "Paris"})).href
    path = aclient.at(href)
    assert isinstance(await path.head(), foxy.Resource)
    assert isinstance(await path.options(), foxy.Resource)
    assert (await path.patch({"billing_city": "Lyon"})).billing_city == "Lyon"
    document = await path.get()
    document["billing_city"] = "Nice"
    assert (await path.put(document)).billing_city == "Nice"
    typed = foxy.Cart.from_resource(await path.get())
    typed.billing_city = "Oslo"
    assert (await path.put(typed)).billing_city == "Oslo"
    assert isinstance(await path.delete(), foxy.Resource)
    with pytest.raises(foxy.ApiError) as info:
        await path.get()
    assert info.value.status == 404


@pytest.mark.asyncio
async def test_async_rate_limit_error() -> None:
    with foxy.sandbox.start(faults="429=1") as limited:
        client = foxy.AsyncClient(limited.base_url, max_attempts=1, **credentials(limited))
        with pytest.raises(foxy.RateLimitError) as info:
            await client.carts.list()
        assert info.value.status == 429


@pytest.mark.asyncio
async def test_async_transport_error_when_nothing_listens() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    client = foxy.AsyncClient(f"http://127.0.0.1:{port}/", access_token="t", max_attempts=1, connect_timeout=2)
    with pytest.raises(foxy.TransportError) as info:
        await client.home()
    assert info.value.may_have_been_sent is False
    assert isinstance(info.value, ConnectionError)


@pytest.mark.asyncio
async def test_async_request_timeout() -> None:
    with foxy.sandbox.start(faults="latency=1:2s") as slow:
        client = foxy.AsyncClient(slow.base_url, timeout=0.3, max_attempts=1, **credentials(slow))
        with pytest.raises(foxy.RequestTimeout) as info:
            await client.home()
        assert info.value.may_have_been_sent is True
        assert isinstance(info.value, TimeoutError)


@pytest.mark.asyncio
async def test_async_malformed_response_is_a_decode_error(malformed_server: str) -> None:
    client = foxy.AsyncClient(malformed_server, access_token="t", max_attempts=1)
    with pytest.raises(foxy.DecodeError):
        await client.home()


@pytest.mark.asyncio
async def test_cancelled_task_cancels_the_request() -> None:
    """Cancelling the awaiting task aborts the Rust call: its connection is closed at once, not when
    the server answers."""
    import threading

    received, closed = threading.Event(), threading.Event()
    listener = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(65536)
            received.set()
            conn.settimeout(10)
            try:
                closed_early = conn.recv(1) == b""  # never answered: only the client can end it
            except (TimeoutError, OSError):
                closed_early = False
            if closed_early:
                closed.set()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        port = listener.getsockname()[1]
        client = foxy.AsyncClient(f"http://127.0.0.1:{port}/", access_token="t", max_attempts=1, timeout=30)
        task = asyncio.ensure_future(client.home())
        assert await asyncio.to_thread(received.wait, 10)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert await asyncio.to_thread(closed.wait, 5), "the request was not dropped"
    finally:
        listener.close()
        thread.join(timeout=15)


def test_calls_on_many_loops_one_after_another(sandbox: foxy.sandbox.Sandbox) -> None:
    """Each `asyncio.run` has a new loop; its results reach it (the bridge is per loop)."""
    client = foxy.AsyncClient(sandbox.base_url, **credentials(sandbox))

    async def twice() -> int:
        first, second = await asyncio.gather(client.home(), client.home())
        return len([r for r in (first, second) if r.link("fx:store") is not None])

    assert [asyncio.run(twice()) for _ in range(5)] == [2] * 5


def test_loop_without_add_reader_still_gets_results(sandbox: foxy.sandbox.Sandbox) -> None:
    """A loop that cannot watch a socket gets its results through `call_soon_threadsafe`."""

    class NoReaderLoop(asyncio.SelectorEventLoop):
        asked = 0

        def add_reader(self, *args: object) -> None:
            self.asked += 1
            raise NotImplementedError

    client = foxy.AsyncClient(sandbox.base_url, **credentials(sandbox))

    async def main() -> int:
        homes = await asyncio.gather(*(client.home() for _ in range(3)))
        return len([h for h in homes if h.link("fx:store") is not None])

    loop = NoReaderLoop()
    try:
        assert loop.run_until_complete(main()) == 3
        assert loop.run_until_complete(main()) == 3
        assert loop.asked == 1  # tried once for the loop
    finally:
        loop.close()
