"""One variant of the peers benchmark (``cargo xtask bench peers``), timed in this process.

The xtask starts one sandbox and runs this script once per variant and round, interleaving the
variants of every language; each run prints one JSON line. Usage:

    python peers.py VARIANT --base URL --client-id ID --client-secret S --refresh-token T \
        [--calls N] [--concurrency C] [--limit L]

Variants: ``setup`` (prints the hrefs of one cart and of the carts collection), ``foxy-get``,
``foxy-async-get``, ``foxy-async-concurrent``, ``foxy-walk`` (the binding; ``foxy-typed-walk`` and
``foxy-async-walk`` walk ``client.store().carts.all()``, blocking and asyncio), and ``httpx-get``,
``requests-get``, ``httpx-async-get``, ``httpx-async-concurrent``, ``httpx-walk`` (bare calls
sending the headers the SDK sends, parsed with ``json.loads``). GETs read one cart with
``zoom=items``; walks read every cart, ``limit`` per page. ``us_per_call`` is the median of the
sequential calls, or the wall time over the calls for the concurrent variants; ``maxrss_mib``
is this process's peak resident memory.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import statistics
import time
import urllib.parse
import urllib.request

HEADERS = {"FOXY-API-VERSION": "1", "Accept": "application/hal+json"}


def maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def token(args: argparse.Namespace) -> str:
    body = urllib.parse.urlencode(
        {
            "grant_type": "refresh_token",
            "refresh_token": args.refresh_token,
            "client_id": args.client_id,
            "client_secret": args.client_secret,
        }
    ).encode()
    request = urllib.request.Request(urllib.parse.urljoin(args.base, "token"), data=body, method="POST")
    with urllib.request.urlopen(request) as response:
        return json.load(response)["access_token"]


def headers(args: argparse.Namespace) -> dict[str, str]:
    return {**HEADERS, "Authorization": f"Bearer {token(args)}"}


def setup(args: argparse.Namespace) -> dict[str, object]:
    access = token(args)
    h = {**HEADERS, "Authorization": f"Bearer {access}"}

    def get(url: str) -> dict:
        with urllib.request.urlopen(urllib.request.Request(url, headers=h)) as response:
            return json.load(response)

    home = get(args.base)
    store = get(home["_links"]["fx:store"]["href"])
    carts = store["_links"]["fx:carts"]["href"]
    page = get(f"{carts}?limit=1")
    first = page["_embedded"]["fx:carts"][0]["_links"]["self"]["href"]
    return {"cart": first, "carts": carts, "total": int(page["total_items"]), "token": access}


def sequential(calls: int, call) -> float:
    for _ in range(max(calls // 10, 5)):
        call()
    samples = []
    for _ in range(calls):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1e6


async def sequential_async(calls: int, call) -> float:
    for _ in range(max(calls // 10, 5)):
        await call()
    samples = []
    for _ in range(calls):
        start = time.perf_counter()
        await call()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1e6


async def concurrent(calls: int, width: int, call) -> float:
    await asyncio.gather(*(call() for _ in range(width)))

    async def worker(n: int) -> None:
        for _ in range(n):
            await call()

    start = time.perf_counter()
    await asyncio.gather(*(worker(calls // width) for _ in range(width)))
    return (time.perf_counter() - start) / (calls // width * width) * 1e6


def foxy_client(args: argparse.Namespace, asynchronous: bool):
    import foxy

    kind = foxy.AsyncClient if asynchronous else foxy.Client
    return kind(
        args.base, client_id=args.client_id, client_secret=args.client_secret, refresh_token=args.refresh_token
    )


def walk_pages(get_page, first_url: str) -> int:
    # Foxy's last page links `next` to itself.
    count, url = 0, first_url
    while url:
        page = get_page(url)
        carts = page.get("_embedded", {}).get("fx:carts", [])
        count += len(carts)
        links = page.get("_links", {})
        url = links.get("next", {}).get("href")
        if not carts or url == links.get("self", {}).get("href"):
            url = None
    return count


def run(args: argparse.Namespace) -> dict[str, object]:
    v = args.variant
    out: dict[str, object] = {"variant": v}
    if v == "setup":
        return {**out, **setup(args)}
    zoom_url = f"{args.cart}?zoom=items"
    if v == "foxy-get":
        client = foxy_client(args, False)
        out["us_per_call"] = sequential(args.calls, lambda: client.carts.get(args.cart, zoom="items").items)
    elif v == "httpx-get":
        import httpx

        with httpx.Client(headers=headers(args)) as client:
            out["us_per_call"] = sequential(args.calls, lambda: json.loads(client.get(zoom_url).content))
    elif v == "requests-get":
        import requests

        with requests.Session() as session:
            session.headers.update(headers(args))
            out["us_per_call"] = sequential(args.calls, lambda: json.loads(session.get(zoom_url).content))
    elif v in ("foxy-async-get", "foxy-async-concurrent"):
        client = foxy_client(args, True)

        async def call():
            return (await client.carts.get(args.cart, zoom="items")).items

        if v == "foxy-async-get":
            out["us_per_call"] = asyncio.run(sequential_async(args.calls, call))
        else:
            out["us_per_call"] = asyncio.run(concurrent(args.calls, args.concurrency, call))
    elif v in ("httpx-async-get", "httpx-async-concurrent"):
        import httpx

        async def main() -> float:
            limits = httpx.Limits(max_connections=args.concurrency)
            async with httpx.AsyncClient(headers=headers(args), limits=limits) as client:

                async def call():
                    return json.loads((await client.get(zoom_url)).content)

                if v == "httpx-async-get":
                    return await sequential_async(args.calls, call)
                return await concurrent(args.calls, args.concurrency, call)

        out["us_per_call"] = asyncio.run(main())
    elif v == "foxy-walk":
        client = foxy_client(args, False)
        client.carts.list(limit=1)  # token and links, as the bare walk fetches its token first
        base = maxrss_mib()
        start = time.perf_counter()
        out["count"] = sum(1 for _ in client.carts.all(limit=args.limit))
        out["seconds"] = time.perf_counter() - start
        out["rss_before_mib"] = base
    elif v in ("foxy-typed-walk", "foxy-async-walk"):
        if v == "foxy-typed-walk":
            client = foxy_client(args, False)
            client.store().carts.list(limit=1)
            base = maxrss_mib()
            start = time.perf_counter()
            out["count"] = sum(1 for _ in client.store().carts.all(limit=args.limit))
        else:
            aclient = foxy_client(args, True)

            async def walk() -> int:
                await aclient.store().carts.list(limit=1)
                out["rss_before_mib"] = maxrss_mib()
                return sum([1 async for _ in aclient.store().carts.all(limit=args.limit)])

            base = maxrss_mib()
            start = time.perf_counter()
            out["count"] = asyncio.run(walk())
        out["seconds"] = time.perf_counter() - start
        out.setdefault("rss_before_mib", base)
    elif v == "httpx-walk":
        import httpx

        with httpx.Client(headers=headers(args)) as client:
            base = maxrss_mib()
            start = time.perf_counter()
            out["count"] = walk_pages(
                lambda url: json.loads(client.get(url).content), f"{args.carts}?limit={args.limit}"
            )
            out["seconds"] = time.perf_counter() - start
            out["rss_before_mib"] = base
    elif v == "httpx-page":
        # One full page of carts: the server's time to answer it, seen from a bare client.
        import httpx

        with httpx.Client(headers=headers(args)) as client:
            url = f"{args.carts}?limit={args.limit}"
            out["us_per_call"] = sequential(max(args.calls // 50, 10), lambda: client.get(url).content)
    else:
        raise SystemExit(f"unknown variant {v!r}")
    out["maxrss_mib"] = maxrss_mib()
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("variant")
    parser.add_argument("--base", required=True)
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--client-secret", required=True)
    parser.add_argument("--refresh-token", required=True)
    parser.add_argument("--cart", default="")
    parser.add_argument("--carts", default="")
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--limit", type=int, default=300)
    print(json.dumps(run(parser.parse_args())))


if __name__ == "__main__":
    main()
