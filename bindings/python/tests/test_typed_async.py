"""Typed navigation on the asyncio client (``AsyncClient.store()``, generated as ``Async*Path``):
awaitable ``get``/``list``, ``all()`` an async iterator over the Rust core's prefetching pages, links
as paths, and a blocking ``all()`` over the same prefetching pages."""

from __future__ import annotations

import asyncio

import foxy
from foxy import typed


def test_async_store_coupons(aclient: foxy.AsyncClient) -> None:
    async def main() -> None:
        path = aclient.store().coupons
        assert isinstance(path, typed.AsyncCouponsPath)
        page = await path.list(limit=2)
        assert isinstance(page, typed.Coupons) and page.total_items is not None
        coupon = page.members[0]
        assert isinstance(coupon, typed.Coupon) and coupon.href is not None
        again = await aclient.at(coupon.href).get()
        assert typed.Coupon(again).name == coupon.name
        store = await aclient.store().get()
        assert isinstance(store, typed.Store) and isinstance(store.store_name, str)
        assert isinstance(aclient.store().coupons.follow(), foxy.AsyncFollow)

    asyncio.run(main())


def test_async_all_streams_every_member(aclient: foxy.AsyncClient, client: foxy.Client) -> None:
    async def main() -> list[typed.Cart]:
        return [cart async for cart in aclient.store().carts.all(limit=2)]

    carts = asyncio.run(main())
    total = client.store().carts.list(limit=1).total_items
    assert len(carts) == total
    assert all(isinstance(c, typed.Cart) for c in carts)
    assert len({c.href for c in carts}) == len(carts)


def test_sync_all_is_an_iterator_of_typed_members(client: foxy.Client) -> None:
    walk = client.store().customers.all(limit=1)
    assert isinstance(walk, foxy.Pages)
    first = next(walk)
    assert isinstance(first, typed.Customer) and first.email
    rest = list(walk)
    assert len(rest) + 1 == client.store().customers.list(limit=1).total_items
    assert next(walk, None) is None  # fused


def test_untyped_all_on_a_follow(client: foxy.Client) -> None:
    members = list(client.follow("fx:store", "fx:coupons").all(limit=1))
    assert members and all(isinstance(m, foxy.Resource) for m in members)


def test_subscription_navigation(client: foxy.Client) -> None:
    page = client.store().subscriptions.list(limit=1)
    assert isinstance(page, typed.Subscriptions)
    for subscription in client.store().subscriptions.all():
        assert isinstance(subscription, typed.Subscription)
        assert subscription.frequency is None or isinstance(subscription.frequency, str)
