"""Shared fixtures: one sandbox (the embedded foxy-sandbox on 127.0.0.1) for the session, and
clients configured for it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import foxy

GRACE = "grace.hopper@sandbox.test"  # a saved card that charges
ALAN = "alan.turing@sandbox.test"  # no card
ADA = "ada.lovelace@sandbox.test"  # a card that is declined


@pytest.fixture(scope="session")
def sandbox() -> Iterator[foxy.sandbox.Sandbox]:
    with foxy.sandbox.start() as sb:
        yield sb


def credentials(sb: foxy.sandbox.Sandbox) -> dict[str, str]:
    return {
        "client_id": sb.client_id,
        "client_secret": sb.client_secret,
        "refresh_token": sb.refresh_token,
    }


@pytest.fixture(scope="session")
def client(sandbox: foxy.sandbox.Sandbox) -> foxy.Client:
    return foxy.Client(sandbox.base_url, **credentials(sandbox))


@pytest.fixture
def aclient(sandbox: foxy.sandbox.Sandbox) -> foxy.AsyncClient:
    return foxy.AsyncClient(sandbox.base_url, **credentials(sandbox))


@pytest.fixture
def malformed_server() -> Iterator[str]:
    """A local HTTP server answering every GET with a truncated HAL+JSON document; yields its base URL."""
    import http.server
    import threading

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the http.server API)
            body = b'{"_links": {"self": '
            self.send_response(200)
            self.send_header("Content-Type", "application/hal+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
