"""Single sign-on: the ``fc_auth_token`` and the checkout URL that logs a customer in.

Wraps ``foxy_proto::sso``.
"""

from ._foxy import SsoParams
from ._foxy import sso_auth_token as auth_token
from ._foxy import sso_checkout_url as checkout_url
from ._foxy import sso_verify_checkout_url as verify_checkout_url

__all__ = ["SsoParams", "auth_token", "checkout_url", "verify_checkout_url"]
