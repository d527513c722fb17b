"""HMAC cart signing: sign and verify ``/cart`` links, sign the cart links and forms of a page.

Wraps ``foxy_proto::signing``; the secret is the store secret.
"""

from ._foxy import UrlVerification, sign_html, sign_url, verify_url

__all__ = ["UrlVerification", "sign_html", "sign_url", "verify_url"]
