"""Type-checked by `mypy --strict` in `cargo xtask python` (not run): the stubs must type a typical
program, sync and async, without errors."""

from __future__ import annotations

from decimal import Decimal
import foxy

def use(client: foxy.Client) -> Decimal | None:
    page = client.carts.list(zoom=["items"], limit=5, filters={"total_order": (1, 2)})
    cart = client.carts.get("https://x/carts/1", zoom="items")
    cart.items.append(foxy.Item(name="x", price=Decimal("1")))
    tx = client.carts.charge(cart, foxy.Customer(email="a"))
    for c in client.carts.all(limit=2):
        print(c.total_order)
    r = client.follow("fx:store").get()
    print(r.href, page.total_items, foxy.convert("{}", from_="hal+json", to="siren"))
    ok: bool = foxy.webhook.verify_signature("k", b"", "s")
    print(ok, foxy.sso.auth_token("s", 1, 2), foxy.datafeed.REPLY)
    return tx.total_order

async def ause(client: foxy.AsyncClient) -> None:
    async for c in client.customers.all():
        print(c.email)
    print((await client.carts.list()).total_items)


def five_relations(client: foxy.Client) -> None:
    """Typed navigation of five relations (coupons, subscriptions, customers, carts, transactions)."""
    store = client.store()
    coupon: foxy.typed.Coupon = store.coupons.list(limit=1).members[0]
    name: str | None = coupon.name
    coupon.name = "Renamed"
    print(name, coupon.coupon_codes_href)
    for subscription in store.subscriptions.all(limit=50):
        due: Decimal | None = subscription.past_due_amount
        print(subscription.frequency, due)
    customer: foxy.Customer = store.customers.list(limit=1).members[0]
    print(customer.email, customer.customer_addresses_href)
    cart: foxy.Cart = store.carts.list(zoom="items").members[0]
    items: list[foxy.Item] = cart.items
    items.append(foxy.Item(name="Sprocket", price=Decimal("1.50"), quantity=2))
    total: Decimal | None = cart.total_order
    for transaction in store.transactions.all():
        print(transaction.display_id, transaction.total_order, total)
    page: foxy.typed.Transactions = store.transactions.list(limit=1)
    print(len(page), page.next_href, [t.status for t in page])


async def five_relations_async(client: foxy.AsyncClient) -> None:
    """The same on the asyncio client: awaited requests, async iterators."""
    store = client.store()
    coupons: foxy.typed.Coupons = await store.coupons.list(limit=1)
    print([c.name for c in coupons.members])
    async for subscription in store.subscriptions.all():
        print(subscription.next_transaction_date)
    async for customer in store.customers.all(limit=10):
        print(customer.email)
    carts = await store.carts.list()
    print(carts.total_items)
    async for transaction in store.transactions.all():
        print(transaction.total_order)
