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
