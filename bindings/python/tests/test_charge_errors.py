"""A rejected token and a charge that may have gone through each raise their own error."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pytest

import foxy
from conftest import GRACE, credentials

T = TypeVar("T")


def test_a_rejected_access_token_is_token_rejected_not_missing(sandbox: foxy.sandbox.Sandbox) -> None:
    client = foxy.Client(sandbox.base_url, access_token="forged-token-5d1e", max_attempts=1)
    with pytest.raises(foxy.TokenRejectedError) as info:
        client.carts.list()
    error = info.value
    assert isinstance(error, foxy.AuthError)
    assert error.oauth_code == "invalid_token" and error.code == "auth"
    assert "rejected" in str(error) and "invalid_token" in str(error)
    assert "authorize first" not in str(error)
    assert "forged-token-5d1e" not in str(error) and "forged-token-5d1e" not in repr(error)


def eventually(attempt: Callable[[], T]) -> T:
    """Setup steps that POST are not retried after a 500: try them again here."""
    last: Exception | None = None
    for _ in range(40):
        try:
            return attempt()
        except foxy.FoxyError as e:
            last = e
    raise AssertionError(f"setup kept failing: {last!r}")


def test_a_charge_that_happened_is_never_a_plain_api_error() -> None:
    with foxy.sandbox.start(faults="500=0.2", seed=1) as sb:
        setup = foxy.Client(sb.base_url, max_attempts=8, **credentials(sb))
        # No retries: a 500 on the transaction's GET ends the charge after it happened.
        charger = foxy.Client(sb.base_url, max_attempts=1, **credentials(sb))
        grace = setup.customers.list(filters={"email": GRACE})[0]
        landed_but_failed = 0
        for _ in range(40):
            href = eventually(lambda: setup.carts.create(foxy.Cart()))
            cart = setup.carts.get(href, zoom="items")
            cart.items.append(foxy.Item(name="Sprocket", price="3", quantity=1))
            cart = setup.carts.put(cart)
            before = sb.stats()["transactions_created"]
            try:
                charger.carts.charge(cart, grace)
                assert sb.stats()["transactions_created"] == before + 1
            except foxy.AmbiguousChargeError as e:
                assert e.may_have_been_sent is True
                if sb.stats()["transactions_created"] == before + 1:
                    landed_but_failed += 1
                    assert e.status == 500
                    assert e.transaction is not None and "/transactions/" in e.transaction
                    assert "may have gone through" in str(e)
            except foxy.ApiError as e:
                assert not hasattr(e, "may_have_been_sent")
                assert sb.stats()["transactions_created"] == before, f"charged, yet reported as failed: {e}"
        assert landed_but_failed > 0
