"""``all()`` fetches one page ahead: while page n's members are read, page n+1 is fetched and
never page n+2; an error on page n+1 is raised after every member of page n; every member comes
once, in order (blocking and asyncio)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import foxy

LIMIT = 5
CARTS = 23


def credentials(sb: foxy.sandbox.Sandbox) -> dict[str, str]:
    return {
        "client_id": sb.client_id,
        "client_secret": sb.client_secret,
        "refresh_token": sb.refresh_token,
    }


@pytest.fixture(scope="module")
def walked() -> Iterator[tuple[foxy.sandbox.Sandbox, foxy.Client, list[str]]]:
    with foxy.sandbox.start() as sb:
        client = foxy.Client(sb.base_url, **credentials(sb))
        for _ in range(CARTS):
            client.carts.create(foxy.Cart())
        hrefs: list[str] = []
        offset = 0
        while True:
            page = client.carts.list(limit=LIMIT, offset=offset)
            if not page.members:
                break
            hrefs.extend(cart.href for cart in page.members)
            offset += LIMIT
        yield sb, client, hrefs


def requests(sb: foxy.sandbox.Sandbox) -> int:
    return sb.stats()["requests"]


def wait_for(sb: foxy.sandbox.Sandbox, n: int) -> None:
    deadline = time.monotonic() + 10
    while requests(sb) < n and time.monotonic() < deadline:
        time.sleep(0.005)


def test_blocking_walk_holds_at_most_two_pages_in_order(
    walked: tuple[foxy.sandbox.Sandbox, foxy.Client, list[str]],
) -> None:
    sb, client, want = walked
    before = requests(sb)
    got: list[str] = []
    for i, cart in enumerate(client.carts.all(limit=LIMIT)):
        page = i // LIMIT
        if i % LIMIT == 0 and (page + 1) * LIMIT < len(want):
            wait_for(sb, before + page + 2)  # the next page comes meanwhile
            time.sleep(0.03)
        assert requests(sb) - before <= page + 2, f"reading page {page}"  # never the one after
        got.append(cart.href)
    assert got == want


@pytest.mark.asyncio
async def test_async_walk_holds_at_most_two_pages_in_order(
    walked: tuple[foxy.sandbox.Sandbox, foxy.Client, list[str]],
) -> None:
    sb, _, want = walked
    aclient = foxy.AsyncClient(sb.base_url, **credentials(sb))
    await aclient.carts.list(limit=1)  # token and links first
    before = requests(sb)
    got: list[str] = []
    i = 0
    async for cart in aclient.carts.all(limit=LIMIT):
        assert requests(sb) - before <= i // LIMIT + 2, f"reading page {i // LIMIT}"
        got.append(cart.href)
        i += 1
    assert got == want


def failing_second_page(sb: foxy.sandbox.Sandbox, client: foxy.Client, path: Path) -> Path:
    """A cassette of a walk whose second carts page answers 404."""
    with foxy.testing.record(str(path)) as cassette:
        recording = foxy.Client(sb.base_url, **credentials(sb), cassette=cassette)
        assert len(list(recording.carts.all(limit=LIMIT))) > 2 * LIMIT
    document = json.loads(path.read_text())
    failed = 0
    for interaction in document["interactions"]:
        url = interaction["request"]["url"]
        if "/carts" in url and f"offset={LIMIT}&" in url + "&" and interaction.get("response"):
            interaction["response"]["status"] = 404
            failed += 1
    assert failed == 1
    path.write_text(json.dumps(document))
    return path


def test_an_error_on_the_next_page_comes_after_this_pages_members(
    walked: tuple[foxy.sandbox.Sandbox, foxy.Client, list[str]], tmp_path: Path
) -> None:
    sb, client, want = walked
    cassette = failing_second_page(sb, client, tmp_path / "walk.json")
    replaying = foxy.Client(sb.base_url, **credentials(sb), cassette=foxy.testing.replay(str(cassette)))
    walk = replaying.carts.all(limit=LIMIT)
    assert [next(walk).href for _ in range(LIMIT)] == want[:LIMIT]
    with pytest.raises(foxy.FoxyError):
        next(walk)
    assert next(walk, None) is None


def test_a_walk_left_early_fetches_nothing_more(
    walked: tuple[foxy.sandbox.Sandbox, foxy.Client, list[str]],
) -> None:
    sb, client, _ = walked
    before = requests(sb)
    walk = client.carts.all(limit=LIMIT)
    next(walk)
    wait_for(sb, before + 2)
    del walk
    time.sleep(0.3)
    assert requests(sb) - before == 2
