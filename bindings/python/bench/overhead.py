"""The cost of one call through the Python binding compared with the Rust clients.

GET one cart with its items (``zoom=items``) from an in-process sandbox over 127.0.0.1, N
sequential calls after N/10 warm-up calls, through ``foxy.Client`` and ``foxy.AsyncClient``; the
Rust figures come from ``crates/foxy/examples/overhead.rs`` (the same request through ``foxy::Client`` and
``foxy::AsyncClient``). Build both in release first:

    pip install ./bindings/python          # release build
    cargo build --release -p foxy --example overhead
    python bindings/python/bench/overhead.py 2000

(``FOXY_OVERHEAD_BIN`` names the Rust example when it was built into another target directory.)
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import foxy

ROOT = Path(__file__).resolve().parents[3]


def summary(samples: list[float]) -> dict[str, float]:
    micros = [s * 1e6 for s in samples]
    return {"mean_us": round(statistics.fmean(micros), 1), "median_us": round(statistics.median(micros), 1)}


def python_figures(calls: int) -> dict[str, dict[str, float]]:
    warmup = calls // 10
    with foxy.sandbox.start() as sb:
        creds = {"client_id": sb.client_id, "client_secret": sb.client_secret, "refresh_token": sb.refresh_token}
        client = foxy.Client(sb.base_url, **creds)
        href = client.carts.create(foxy.Cart())
        cart = client.carts.get(href, zoom="items")
        cart.items.extend([foxy.Item(name="Sprocket", price=Decimal(10), quantity=2),
                           foxy.Item(name="Widget", price=Decimal(5), quantity=1)])
        client.carts.put(cart)

        blocking = []
        for n in range(warmup + calls):
            start = time.perf_counter()
            got = client.carts.get(href, zoom="items")
            if n >= warmup:
                blocking.append(time.perf_counter() - start)
            assert len(got.items) == 2

        async def run() -> list[float]:
            aclient = foxy.AsyncClient(sb.base_url, **creds)
            samples = []
            for n in range(warmup + calls):
                start = time.perf_counter()
                got = await aclient.carts.get(href, zoom="items")
                if n >= warmup:
                    samples.append(time.perf_counter() - start)
                assert len(got.items) == 2
            return samples

        asynchronous = asyncio.run(run())

        # The crossing alone: a call refused before any request (the error object included).
        refused = []
        for _ in range(calls):
            start = time.perf_counter()
            try:
                client.carts.list(limit=301)
            except foxy.InvalidInputError:
                pass
            refused.append(time.perf_counter() - start)
        signing = []
        body = b"x" * 1024
        for _ in range(calls):
            start = time.perf_counter()
            foxy.webhook.sign("key", body)
            signing.append(time.perf_counter() - start)
    return {
        "python_blocking": summary(blocking),
        "python_async": summary(asynchronous),
        "python_refused_call": summary(refused),
        "python_webhook_sign_1k": summary(signing),
    }


def main() -> None:
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    example = Path(os.environ.get("FOXY_OVERHEAD_BIN", ROOT / "target" / "release" / "examples" / "overhead"))
    rust = json.loads(subprocess.run([str(example), str(calls)], check=True, capture_output=True, text=True).stdout)
    figures = {**rust, **python_figures(calls)}
    print(json.dumps(figures, indent=2))
    for side in ("blocking", "async"):
        r, p = figures[f"rust_{side}"], figures[f"python_{side}"]
        print(f"{side}: overhead mean {p['mean_us'] - r['mean_us']:.0f} µs, median {p['median_us'] - r['median_us']:.0f} µs")


if __name__ == "__main__":
    main()
