"""Starting the embedded sandbox from Python."""

from __future__ import annotations

import pytest

import foxy


def test_start_stop_and_credentials() -> None:
    sb = foxy.sandbox.start()
    try:
        assert sb.running and sb.base_url.startswith("http://127.0.0.1:")
        assert sb.client_id and sb.client_secret and sb.refresh_token and sb.store_secret
        assert sb.store_id > 0
        text = repr(sb)
        for secret in (sb.client_secret, sb.refresh_token, sb.store_secret):
            assert secret not in text
        client = foxy.Client(sb.base_url, client_id=sb.client_id, client_secret=sb.client_secret,
                             refresh_token=sb.refresh_token)
        sb.reset_stats()
        client.carts.list()
        stats = sb.stats()
        assert stats["requests"] >= 2 and stats["refresh_grants"] == 1
    finally:
        sb.stop()
    assert not sb.running
    sb.stop()  # idempotent
    with pytest.raises(RuntimeError):
        sb.stats()
    with pytest.raises(foxy.TransportError):
        foxy.Client(sb.base_url, access_token="t", max_attempts=1).home()


def test_context_manager_and_options() -> None:
    with foxy.sandbox.start(seed=7, token_lifetime=60, require_signed_carts=True) as sb:
        assert sb.running
    assert not sb.running
    with pytest.raises(foxy.InvalidInputError):
        foxy.sandbox.start(faults="418=2")
    with pytest.raises(foxy.InvalidInputError):
        foxy.sandbox.start(addr="not an address")
