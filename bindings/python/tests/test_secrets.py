"""Every failure a user can meet, each with distinctive secret values: none of them appears in
the exception's text, its repr, its attributes, or the formatted chain of causes."""

from __future__ import annotations

import socket
import traceback
from collections.abc import Callable, Iterator

import pytest

import foxy

CLIENT_SECRET = "CLIENT-SECRET-a71f3c09"
REFRESH_TOKEN = "REFRESH-TOKEN-4be2d8f1"
ACCESS_TOKEN = "ACCESS-TOKEN-93c0e6aa"
SECRETS = [CLIENT_SECRET, REFRESH_TOKEN, ACCESS_TOKEN]


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


def everything_said(error: BaseException) -> str:
    """What a user or a log could see of an exception: its text, repr, attributes and chain."""
    parts = [str(error), repr(error), "".join(traceback.format_exception(error))]
    parts += [repr(getattr(error, name, None)) for name in dir(error) if not name.startswith("__")]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def failing_sandbox() -> Iterator[foxy.sandbox.Sandbox]:
    """A sandbox answering every request with a 500."""
    with foxy.sandbox.start(faults="500=1.0") as sb:
        yield sb


def failures(sandbox: foxy.sandbox.Sandbox, failing: foxy.sandbox.Sandbox) -> dict[str, Callable[[], object]]:
    base = sandbox.base_url
    return {
        "bad client secret": lambda: foxy.Client(
            base, client_id=sandbox.client_id, client_secret=CLIENT_SECRET, refresh_token=sandbox.refresh_token
        ).follow("fx:store").get(),
        "wrong refresh token": lambda: foxy.Client(
            base, client_id=sandbox.client_id, client_secret=sandbox.client_secret, refresh_token=REFRESH_TOKEN
        ).follow("fx:store").get(),
        "401 on a forged token": lambda: foxy.Client(base, access_token=ACCESS_TOKEN).follow("fx:store").get(),
        "5xx after retries": lambda: foxy.Client(
            failing.base_url, client_id=failing.client_id, client_secret=failing.client_secret,
            refresh_token=failing.refresh_token, max_attempts=2,
        ).follow("fx:store").get(),
        "connection refused": lambda: foxy.Client(
            f"http://127.0.0.1:{closed_port()}/", client_id="id", client_secret=CLIENT_SECRET,
            refresh_token=REFRESH_TOKEN, max_attempts=1,
        ).follow("fx:store").get(),
        "invalid input": lambda: foxy.Client(base, access_token=ACCESS_TOKEN + "\n").follow("fx:store").get(),
        "limit over 300": lambda: foxy.Client(base, access_token=ACCESS_TOKEN).carts.list(limit=301),
    }


EXPECTED: dict[str, type[foxy.FoxyError]] = {
    "bad client secret": foxy.AuthError,
    "wrong refresh token": foxy.AuthError,
    "401 on a forged token": foxy.TokenRejectedError,
    "5xx after retries": foxy.ApiError,
    "connection refused": foxy.TransportError,
    "invalid input": foxy.InvalidInputError,
    "limit over 300": foxy.InvalidInputError,
}


@pytest.mark.parametrize(
    "case",
    ["bad client secret", "wrong refresh token", "401 on a forged token", "5xx after retries",
     "connection refused", "invalid input", "limit over 300"],
)
def test_no_secret_in_any_failure(
    case: str, sandbox: foxy.sandbox.Sandbox, failing_sandbox: foxy.sandbox.Sandbox
) -> None:
    with pytest.raises(EXPECTED[case]) as info:
        failures(sandbox, failing_sandbox)[case]()
    said = everything_said(info.value)
    assert said.strip(), "the error says something"
    for secret in SECRETS + [sandbox.client_secret, sandbox.refresh_token]:
        assert secret not in said, f"{case}: {secret} appears in\n{said}"
