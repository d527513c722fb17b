"""Receiving Foxy webhooks in FastAPI or Starlette (the optional extra ``foxy-rs[fastapi]``).

Foxy signs the raw body, so the check must happen before anything parses it. ``FoxyWebhook`` is a
FastAPI dependency that reads the raw body, has the Rust core check ``Foxy-Webhook-Signature`` in
constant time and read the body into a typed ``WebhookEvent``; a bad signature never reaches the
endpoint: it is answered ``401`` with the reason (a signed body that is not the resource its event
names: ``400``)::

    from fastapi import Depends, FastAPI
    from foxy.fastapi import FoxyWebhook
    from foxy.webhook import WebhookEvent

    app = FastAPI()
    webhook = FoxyWebhook(key="the webhook's encryption key")

    @app.post("/webhooks")
    async def receive(event: WebhookEvent = Depends(webhook)) -> dict[str, str]:
        return {"received": event.name}

In a plain Starlette endpoint, ``event = await verify(request, key)``.
"""

from __future__ import annotations

from typing import Callable, Union

from starlette.exceptions import HTTPException
from starlette.requests import Request

from ._foxy import InvalidInputError, SignatureError, WebhookEvent
from ._foxy import webhook_verify_event as _verify_event

__all__ = ["FoxyWebhook", "verify"]

Key = Union[str, Callable[[], str]]


async def verify(request: Request, key: Key) -> WebhookEvent:
    """Checks ``request`` (its raw body and headers) and reads its event.

    ``key`` is the webhook's encryption key, or a function returning it (read per request, so a
    rotated key needs no restart). Raises ``HTTPException`` 401 for a missing, malformed or wrong
    signature and 400 for a signed body that is not a transaction, subscription or customer.
    """
    secret = key() if callable(key) else key
    body = await request.body()
    try:
        return _verify_event(secret, request.headers, body)
    except SignatureError as e:
        raise HTTPException(status_code=401, detail=f"webhook rejected: {e}") from None
    except InvalidInputError as e:
        raise HTTPException(status_code=400, detail=f"webhook rejected: {e}") from None


class FoxyWebhook:
    """A FastAPI dependency yielding the verified ``WebhookEvent`` of a request."""

    def __init__(self, key: Key) -> None:
        """``key``: the webhook's encryption key, or a function returning it."""
        self._key = key

    def __repr__(self) -> str:
        return "FoxyWebhook(key=<redacted>)"

    async def __call__(self, request: Request) -> WebhookEvent:
        """Verifies the request; see ``verify``."""
        return await verify(request, self._key)
