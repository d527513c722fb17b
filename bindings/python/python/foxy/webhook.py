"""Foxy webhooks: the ``Foxy-Webhook-Signature`` check (HMAC-SHA256, constant time).

Pass the raw request body (``bytes``), before any JSON parsing. Wraps ``foxy_proto::webhook``.
"""

from ._foxy import webhook_sign as sign
from ._foxy import webhook_verify_request as verify_request
from ._foxy import webhook_verify_signature as verify_signature

__all__ = ["sign", "verify_request", "verify_signature"]
