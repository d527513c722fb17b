"""``foxy.fastapi``: the FastAPI dependency (and the Starlette helper) behind the example app.

A signed webhook reaches the endpoint as a typed event; a tampered, unsigned or wrongly keyed one
is answered 401 with the reason and never reaches it. End to end, a FastAPI app served by uvicorn
receives a transaction from the sandbox: through ``foxy listen`` and ``foxy trigger`` (the ``foxy``
binary from ``FOXY_BIN`` or the workspace's ``target/debug``), and from the sandbox's own delivery.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import foxy

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402
from starlette.applications import Starlette  # noqa: E402
from starlette.requests import Request  # noqa: E402
from starlette.responses import PlainTextResponse  # noqa: E402
from starlette.routing import Route  # noqa: E402

from foxy.fastapi import FoxyWebhook, verify  # noqa: E402

KEY = "webhook_key_python_test"
ROOT = Path(__file__).resolve().parents[3]
TRANSACTION = (
    b'{"_links": {"self": {"href": "https://api.test/transactions/42"}},'
    b' "display_id": 42, "total_order": 19.99, "unknown": [1, 2]}'
)


@pytest.fixture
def example(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.setenv("FOXY_WEBHOOK_KEY", KEY)
    path = ROOT / "bindings" / "python" / "examples" / "webhook_fastapi.py"
    spec = importlib.util.spec_from_file_location("webhook_fastapi_example", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def signed(event: str, body: bytes, key: str = KEY) -> dict[str, str]:
    return {
        "Content-Type": "application/json",
        "Foxy-Webhook-Event": event,
        "Foxy-Webhook-Signature": foxy.webhook.sign(key, body),
    }


def test_a_signed_transaction_reaches_the_endpoint_typed(example: ModuleType) -> None:
    client = TestClient(example.app)
    answer = client.post("/webhooks", content=TRANSACTION, headers=signed("transaction/created", TRANSACTION))
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"event": "transaction/created", "summary": "transaction 42 total 19.99"}
    event = example.received[-1]
    assert event.name == "transaction/created"
    assert event.resource_kind == "transaction"
    assert isinstance(event.data, foxy.Transaction)
    assert event.data.total_order == Decimal("19.99")
    assert event.resource["unknown"] == [1, 2]  # the whole body is kept


def test_customers_and_subscriptions_are_typed(example: ModuleType) -> None:
    client = TestClient(example.app)
    body = b'{"_links": {}, "email": "ada@sandbox.test"}'
    answer = client.post("/webhooks", content=body, headers=signed("customer/updated", body))
    assert answer.json() == {"event": "customer/updated", "summary": "customer ada@sandbox.test"}
    body = b'{"_links": {}, "next_transaction_date": "2027-01-01"}'
    answer = client.post("/webhooks", content=body, headers=signed("subscription/updated", body))
    assert answer.status_code == 200, answer.text
    assert isinstance(example.received[-1].data, foxy.Subscription)


def test_a_tampered_body_is_refused_with_401_and_the_reason(example: ModuleType) -> None:
    client = TestClient(example.app)
    headers = signed("transaction/created", TRANSACTION)
    tampered = TRANSACTION.replace(b"19.99", b"0.01")
    answer = client.post("/webhooks", content=tampered, headers=headers)
    assert answer.status_code == 401
    assert answer.json() == {"detail": "webhook rejected: signature does not match the body"}
    assert example.received == []


def test_a_missing_signature_or_another_key_is_refused(example: ModuleType) -> None:
    client = TestClient(example.app)
    answer = client.post(
        "/webhooks", content=TRANSACTION, headers={"Foxy-Webhook-Event": "transaction/created"}
    )
    assert answer.status_code == 401
    assert answer.json() == {"detail": "webhook rejected: missing Foxy-Webhook-Signature header"}
    other = signed("transaction/created", TRANSACTION, key="another key")
    answer = client.post("/webhooks", content=TRANSACTION, headers=other)
    assert answer.status_code == 401
    assert KEY not in answer.text
    assert example.received == []


def test_a_signed_body_that_is_not_a_document_is_a_bad_request(example: ModuleType) -> None:
    client = TestClient(example.app)
    answer = client.post("/webhooks", content=b"[1, 2", headers=signed("transaction/created", b"[1, 2"))
    assert answer.status_code == 400
    assert answer.json()["detail"].startswith("webhook rejected: the webhook body is not a HAL+JSON")


def test_a_plain_starlette_endpoint_uses_verify() -> None:
    async def endpoint(request: Request) -> PlainTextResponse:
        event = await verify(request, KEY)
        return PlainTextResponse(event.name)

    client = TestClient(Starlette(routes=[Route("/hook", endpoint, methods=["POST"])]))
    ok = client.post("/hook", content=TRANSACTION, headers=signed("transaction/created", TRANSACTION))
    assert (ok.status_code, ok.text) == (200, "transaction/created")
    bad = client.post("/hook", content=b"{}", headers=signed("transaction/created", TRANSACTION))
    assert bad.status_code == 401
    assert "<redacted>" in repr(FoxyWebhook(KEY)) and KEY not in repr(FoxyWebhook(KEY))


# End to end -------------------------------------------------------------------------------------


@pytest.fixture
def served(example: ModuleType) -> Iterator[str]:
    """The example app on 127.0.0.1 (uvicorn in a thread); yields its webhook URL."""
    uvicorn = pytest.importorskip("uvicorn")
    config = uvicorn.Config(example.app, host="127.0.0.1", port=0, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "uvicorn starts"
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}/webhooks"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def wait_for(received: list[Any], count: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while len(received) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(received) >= count, "the app received the webhook"


def foxy_binary() -> str | None:
    given = os.environ.get("FOXY_BIN")
    if given:
        return given
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    for candidate in (target / "debug" / "foxy", target / "release" / "foxy"):
        if candidate.exists():
            return str(candidate)
    return shutil.which("foxy")


def test_foxy_listen_forwards_a_triggered_transaction_to_the_fastapi_app(
    example: ModuleType, served: str
) -> None:
    binary = foxy_binary()
    if binary is None:
        pytest.skip("no foxy binary: set FOXY_BIN or build it with `cargo build -p foxy-cli`")
    with foxy.sandbox.start() as sb:
        env = {k: v for k, v in os.environ.items() if not k.startswith("FOXY_")}
        env.update({"FOXY_BASE_URL": sb.base_url, "XDG_CONFIG_HOME": str(ROOT / "target" / "no-config")})
        listen = subprocess.Popen(
            [binary, "--sandbox", "listen", "--forward-to", served, "--key", KEY, "--max-events", "1"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        try:
            assert listen.stdout is not None
            ready = listen.stdout.readline()
            assert ready.startswith("Ready: forwarding"), ready + (listen.stderr.read() if listen.stderr else "")
            trigger = subprocess.run(
                [binary, "--sandbox", "trigger", "transaction/created"],
                env=env, capture_output=True, text=True, timeout=60,
            )
            assert trigger.returncode == 0, trigger.stderr
            href = trigger.stdout.strip().rsplit(" ", 1)[-1]
            wait_for(example.received, 1)
            event = example.received[-1]
            assert event.name == "transaction/created"
            assert isinstance(event.data, foxy.Transaction)
            assert event.resource.href == href
            out, err = listen.communicate(timeout=30)
            assert listen.returncode == 0, err
            assert f"transaction/created {href} -> 200 OK" in out
        finally:
            if listen.poll() is None:
                listen.kill()
                listen.wait()


def test_the_sandbox_delivers_a_charge_to_the_fastapi_app(example: ModuleType, served: str) -> None:
    with foxy.sandbox.start() as sb:
        client = foxy.Client(
            sb.base_url, client_id=sb.client_id, client_secret=sb.client_secret, refresh_token=sb.refresh_token
        )
        store = client.follow("fx:store").get()
        client.post(
            f"{store.href}/webhooks",
            {"name": "pytest", "url": served, "format": "json", "event_resource": "transaction",
             "encryption_key": KEY},
        )
        grace = client.customers.list(filters={"email": "grace.hopper@sandbox.test"})[0]
        cart = client.carts.get(client.carts.create(foxy.Cart()), zoom="items")
        cart.items.append(foxy.Item(name="Sprocket", price="3", quantity=1))
        transaction = client.carts.charge(client.carts.put(cart), grace)
        wait_for(example.received, 1)
        event = example.received[-1]
        assert event.name == "transaction/created"
        assert event.resource.href == transaction.href
