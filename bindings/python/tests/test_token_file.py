"""`token_file=`: a token file shared by several Python processes, which refresh an expired
token once between them, and which is private to its owner."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import foxy
from conftest import credentials

WORKER = """
import asyncio, sys, foxy
base, client_id, client_secret, refresh, path = sys.argv[1:]

async def main() -> None:
    client = foxy.AsyncClient(base, client_id=client_id, client_secret=client_secret,
                              refresh_token=refresh, token_file=path)
    stores = await asyncio.gather(*(client.follow("fx:store").get() for _ in range(8)))
    assert all(s.store_name == "Sandbox Store" for s in stores)

asyncio.run(main())
"""


def test_processes_sharing_a_token_file_refresh_once(
    sandbox: foxy.sandbox.Sandbox, tmp_path: Path
) -> None:
    path = tmp_path / "tokens.json"
    # An expired token in the file's format (Unix seconds), with the real refresh token.
    path.write_text(
        json.dumps({"access_token": "expired-token", "refresh_token": sandbox.refresh_token, "expires_at": 1})
    )
    creds = credentials(sandbox)
    sandbox.reset_stats()
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, sandbox.base_url, creds["client_id"], creds["client_secret"],
             creds["refresh_token"], str(path)],
        )
        for _ in range(4)
    ]
    assert [w.wait(timeout=60) for w in workers] == [0, 0, 0, 0]
    assert sandbox.stats()["refresh_grants"] == 1
    record = json.loads(path.read_text())
    assert record["access_token"] != "expired-token"
    assert "lease" not in record
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_a_new_token_file_is_written_private(sandbox: foxy.sandbox.Sandbox, tmp_path: Path) -> None:
    path = tmp_path / "fresh.json"
    client = foxy.Client(sandbox.base_url, token_file=str(path), **credentials(sandbox))
    assert client.follow("fx:store").get().store_name == "Sandbox Store"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert json.loads(path.read_text())["refresh_token"] == sandbox.refresh_token
