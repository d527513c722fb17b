"""Receiving Foxy webhooks with FastAPI: ``foxy.fastapi.FoxyWebhook`` checks the signature of the
raw body and hands the endpoint a typed ``WebhookEvent``; a bad signature is answered 401.

Run it (``pip install 'foxy-rs[fastapi]' uvicorn``)::

    FOXY_WEBHOOK_KEY=my_key python bindings/python/examples/webhook_fastapi.py

then, in other terminals, ``foxy sandbox``,
``foxy --sandbox listen --forward-to http://127.0.0.1:3000/webhooks --key my_key`` and
``foxy --sandbox trigger transaction/created``.
"""

from __future__ import annotations

import os

from fastapi import Depends, FastAPI

from foxy import Customer, Subscription, Transaction
from foxy.fastapi import FoxyWebhook
from foxy.webhook import WebhookEvent

app = FastAPI()
# The key is read on each request, so the tests (and a rotated key) need no restart.
webhook = FoxyWebhook(key=lambda: os.environ.get("FOXY_WEBHOOK_KEY", "webhook_key_example"))
received: list[WebhookEvent] = []  # what this demo has seen, newest last


@app.post("/webhooks")
async def receive(event: WebhookEvent = Depends(webhook)) -> dict[str, str]:
    """Runs only for webhooks whose signature checked out."""
    received.append(event)
    data = event.data
    if isinstance(data, Transaction):
        summary = f"transaction {data.display_id} total {data.total_order}"
    elif isinstance(data, Subscription):
        summary = f"subscription, next payment {data.next_transaction_date}"
    elif isinstance(data, Customer):
        summary = f"customer {data.email}"
    else:
        summary = event.resource_kind
    print(f"{event.name}: {summary}")
    return {"event": event.name, "summary": summary}


if __name__ == "__main__":
    import uvicorn

    uvicorn.run(app, host="127.0.0.1", port=int(os.environ.get("PORT", "3000")))
