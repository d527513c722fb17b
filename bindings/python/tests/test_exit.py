"""The interpreter exits cleanly after asyncio work: the async runtime is shut down by an ``atexit``
hook before finalization, so none of its threads touches Python while it finalizes."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import foxy
from conftest import credentials

SCRIPTS = Path(__file__).resolve().parent / "scripts"
RUNS = 200


def environment(sb: foxy.sandbox.Sandbox) -> dict[str, str]:
    env = dict(os.environ, FOXY_BASE_URL=sb.base_url)
    env.update({f"FOXY_{key.upper()}": value for key, value in credentials(sb).items()})
    return env


def run(script: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPTS / script)], env=env, capture_output=True, text=True, timeout=120
    )


def test_200_processes_of_gathered_gets_all_exit_0(sandbox: foxy.sandbox.Sandbox) -> None:
    env = environment(sandbox)
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda _: run("gather_and_exit.py", env), range(RUNS)))
    failed = [r for r in results if r.returncode != 0]
    assert not failed, f"{len(failed)} of {RUNS} runs failed; first: status {failed[0].returncode}\n{failed[0].stderr}"


def test_async_call_after_the_runtime_shut_down_raises(sandbox: foxy.sandbox.Sandbox) -> None:
    result = run("call_after_shutdown.py", environment(sandbox))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "FoxyError: the async runtime has shut down: the interpreter is exiting"


def test_loop_closed_while_a_call_waits_then_other_loops_and_exit(sandbox: foxy.sandbox.Sandbox) -> None:
    result = run("loop_closed_while_pending.py", environment(sandbox))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
