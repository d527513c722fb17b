"""An ``atexit`` hook registered before ``foxy`` is imported runs after foxy's own (``atexit`` runs
hooks last-in first-out), when the async runtime is already shut down: an async call there must
raise ``FoxyError`` (printed on stdout) rather than hang or crash. Run by test_exit.py."""

from __future__ import annotations

import asyncio
import atexit
import os


def late_hook() -> None:
    import foxy

    async def call() -> None:
        client = foxy.AsyncClient(os.environ["FOXY_BASE_URL"], access_token="unused")
        await client.home()

    try:
        asyncio.run(call())
    except foxy.FoxyError as error:
        print(f"{type(error).__name__}: {error}")


atexit.register(late_hook)

import foxy  # noqa: E402 (imported after the hook on purpose)


async def main() -> None:
    client = foxy.AsyncClient(
        os.environ["FOXY_BASE_URL"],
        client_id=os.environ["FOXY_CLIENT_ID"],
        client_secret=os.environ["FOXY_CLIENT_SECRET"],
        refresh_token=os.environ["FOXY_REFRESH_TOKEN"],
    )
    await asyncio.gather(*(client.home() for _ in range(8)))


asyncio.run(main())
