"""64 GETs gathered on one AsyncClient, then a plain return: the process must exit 0.

Run by test_exit.py as a child process; the sandbox comes from the environment
(FOXY_BASE_URL, FOXY_CLIENT_ID, FOXY_CLIENT_SECRET, FOXY_REFRESH_TOKEN).
"""

from __future__ import annotations

import asyncio
import os

import foxy


async def main() -> None:
    client = foxy.AsyncClient(
        os.environ["FOXY_BASE_URL"],
        client_id=os.environ["FOXY_CLIENT_ID"],
        client_secret=os.environ["FOXY_CLIENT_SECRET"],
        refresh_token=os.environ["FOXY_REFRESH_TOKEN"],
    )
    homes = await asyncio.gather(*(client.home() for _ in range(64)))
    assert len(homes) == 64


asyncio.run(main())
