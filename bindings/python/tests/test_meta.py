"""Response metadata (``.meta``) on values read and on API errors, against the sandbox."""

from __future__ import annotations

import pytest

import foxy


def test_a_read_resource_carries_its_response_meta(client: foxy.Client) -> None:
    store = client.follow("fx:store").get()
    meta = store.meta
    assert isinstance(meta, foxy.ResponseMeta)
    assert meta.status == 200
    assert meta.etag
    assert meta.attempts >= 1
    assert meta.elapsed > 0
    assert store.href is not None
    assert meta.url.endswith("/" + store.href.split("/", 3)[-1])
    assert isinstance(meta.headers, dict)
    assert meta.headers.get("etag") == meta.etag
    assert all(name != "authorization" for name in meta.headers)
    assert meta.cache in ("bypassed", "miss", "revalidated", "hit")
    assert meta.logref is None
    assert "ResponseMeta(status=200" in repr(meta)


def test_typed_values_and_pages_carry_it(client: foxy.Client, sandbox: foxy.sandbox.Sandbox) -> None:
    href = client.carts.create(foxy.Cart(customer_email="meta@sandbox.test"))
    page = client.carts.list(limit=2)
    assert page.meta is not None and page.meta.status == 200
    assert page.meta.url.split("?")[0].endswith("/carts")
    typed = client.carts.get(href)
    assert typed.meta is not None
    assert typed.meta.status == 200 and typed.meta.url.endswith("/" + href.split("/", 3)[-1])
    assert typed.meta.etag and typed.meta.attempts >= 1 and typed.meta.elapsed > 0
    coupons = client.store().coupons.list(limit=1)
    assert coupons.meta is not None and coupons.meta.status == 200


def test_values_built_in_code_have_none() -> None:
    assert foxy.Resource({"a": 1}).meta is None
    assert foxy.Cart().meta is None


def test_a_404_error_carries_the_meta_and_the_logref(client: foxy.Client, sandbox: foxy.sandbox.Sandbox) -> None:
    href = f"{sandbox.base_url}/carts/987654"
    with pytest.raises(foxy.ApiError) as info:
        client.carts.get(href)
    meta = info.value.meta
    assert isinstance(meta, foxy.ResponseMeta)
    assert meta.status == 404
    assert meta.url.endswith("/carts/987654")
    assert meta.attempts >= 1
    assert meta.logref is not None and meta.logref == info.value.logrefs[0]
