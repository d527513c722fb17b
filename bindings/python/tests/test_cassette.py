"""Record and replay (``foxy.testing``): a session recorded against a sandbox keeps none of its
secrets and replays, blocking and asyncio, with the sandbox stopped; a request the cassette
lacks raises ``TransportError`` naming it."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

import foxy

GRACE = "grace.hopper@sandbox.test"
CARD = "4111111111111111"


def session(client: foxy.Client) -> tuple[str, list[str | None], str | None]:
    store = client.follow("fx:store").get()
    grace = client.customers.list(filters={"email": GRACE}, order="id")[0]
    card = client.customers.update_default_payment_method(
        grace, {"cc_number": CARD, "cc_exp_month": "11", "cc_exp_year": "2031"}
    )
    emails = [c.email for c in client.customers.list(filters={"email": GRACE}, order="id")]
    return store["store_name"], emails, card.cc_number_masked


def test_a_session_replays_with_the_sandbox_stopped(tmp_path: Path) -> None:
    path = tmp_path / "session.json"
    with foxy.sandbox.start() as sb:
        base, secrets = sb.base_url, [sb.client_secret, sb.refresh_token, sb.store_secret]
        with foxy.testing.record(path) as cassette:
            assert cassette.mode == "record"
            client = foxy.Client(
                base,
                client_id=sb.client_id,
                client_secret=sb.client_secret,
                refresh_token=sb.refresh_token,
                cassette=cassette,
            )
            recorded = session(client)
            count = len(cassette)
            assert count >= 5
    assert recorded[2] == "xxxxxxxxxxxx1111"

    text = path.read_text()
    for secret in [*secrets, CARD]:
        assert secret not in text
    assert "Bearer [scrubbed]" in text

    # The sandbox is stopped: without the cassette, nothing answers.
    with pytest.raises(foxy.TransportError):
        foxy.Client(base, access_token="t", max_attempts=1).home()

    replay = foxy.testing.replay(path)
    assert replay.mode == "replay" and len(replay) == count
    client = foxy.Client(
        base, client_id="any", client_secret="not the secret", refresh_token="x", cassette=replay
    )
    assert session(client) == recorded
    assert replay.misses == [] and replay.unused == 0

    strict = foxy.Client(base, access_token="any", max_attempts=1, cassette=replay)
    with pytest.raises(foxy.TransportError) as raised:
        strict.get(f"{base}/carts?b=2&a=1")
    assert f"no recording in the cassette for GET {base}/carts?b=2&a=1" in str(raised.value)
    assert replay.misses == [f"GET {base}/carts?b=2&a=1"]


def test_an_async_session_replays_too(tmp_path: Path) -> None:
    path = tmp_path / "async.json"

    async def run(client: foxy.AsyncClient) -> tuple[str, int]:
        store = await client.follow("fx:store").get()
        page = await client.customers.list(filters={"email": GRACE})
        return store["store_name"], len(page.members)

    with foxy.sandbox.start() as sb:
        base = sb.base_url
        cassette = foxy.testing.record(path)
        client = foxy.AsyncClient(
            base,
            client_id=sb.client_id,
            client_secret=sb.client_secret,
            refresh_token=sb.refresh_token,
            cassette=cassette,
        )
        recorded = asyncio.run(run(client))
        cassette.finish()
        assert sb.client_secret not in path.read_text()

    client = foxy.AsyncClient(base, access_token="any", cassette=foxy.testing.replay(path))
    assert asyncio.run(run(client)) == recorded


def test_a_missing_or_corrupt_cassette_is_invalid_input(tmp_path: Path) -> None:
    with pytest.raises(foxy.InvalidInputError, match="cannot read the cassette"):
        foxy.testing.replay(tmp_path / "absent.json")
    corrupt = tmp_path / "corrupt.json"
    corrupt.write_text('{"version": 1, "interactions": [')
    with pytest.raises(foxy.InvalidInputError, match="not a cassette"):
        foxy.testing.replay(corrupt)
    assert repr(foxy.testing.record(tmp_path / "new.json")).startswith("Cassette(")
