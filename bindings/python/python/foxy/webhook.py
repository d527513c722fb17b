"""Foxy webhooks: the ``Foxy-Webhook-Signature`` check (HMAC-SHA256, constant time).

Pass the raw request body (``bytes``), before any JSON parsing. Wraps ``foxy_proto::webhook``.
``verify_event`` also reads the body into a ``WebhookEvent``: the event name, what it is about
(``transaction``, ``subscription``, ``customer``), the typed resource and the whole ``Resource``.
``foxy.fastapi`` does all of it for a FastAPI or Starlette endpoint.
"""

from ._foxy import WebhookEvent
from ._foxy import webhook_sign as sign
from ._foxy import webhook_verify_event as verify_event
from ._foxy import webhook_verify_request as verify_request
from ._foxy import webhook_verify_signature as verify_signature

__all__ = ["WebhookEvent", "sign", "verify_event", "verify_request", "verify_signature"]
