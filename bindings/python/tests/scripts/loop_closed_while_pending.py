"""A loop closed while a call on it is still waiting for its answer: later loops still get their
results, and the process exits 0 (the pending call is dropped with the runtime at exit).

Run by test_exit.py as a child process; the sandbox comes from the environment
(FOXY_BASE_URL, FOXY_CLIENT_ID, FOXY_CLIENT_SECRET, FOXY_REFRESH_TOKEN). Prints ``True``.
"""

from __future__ import annotations

import asyncio
import os
import socket
import threading

import foxy

listener = socket.create_server(("127.0.0.1", 0))
held: list[socket.socket] = []


def serve() -> None:
    """Accepts and never answers."""
    while True:
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        held.append(conn)


threading.Thread(target=serve, daemon=True).start()
silent = foxy.AsyncClient(
    f"http://127.0.0.1:{listener.getsockname()[1]}/", access_token="t", max_attempts=1, timeout=30
)


async def start() -> object:
    task = asyncio.ensure_future(silent.home())
    await asyncio.sleep(0.2)
    return task


loop = asyncio.new_event_loop()
pending = loop.run_until_complete(start())
loop.close()

client = foxy.AsyncClient(
    os.environ["FOXY_BASE_URL"],
    client_id=os.environ["FOXY_CLIENT_ID"],
    client_secret=os.environ["FOXY_CLIENT_SECRET"],
    refresh_token=os.environ["FOXY_REFRESH_TOKEN"],
)


async def main() -> bool:
    homes = await asyncio.gather(*(client.home() for _ in range(4)))
    return all(home.link("fx:store") is not None for home in homes)


print(asyncio.run(main()))
