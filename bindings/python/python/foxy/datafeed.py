"""The legacy XML datafeed: the RC4 ``FoxyData`` form value, keyed with the store secret.

``decode(request_body, store_secret)`` gives the ``<foxydata>`` document; answer the POST with
``REPLY`` (``"foxy"``). Wraps ``foxy_proto::datafeed``.
"""

from ._foxy import DATAFEED_REPLY as REPLY
from ._foxy import Element, FoxyDataFeed
from ._foxy import datafeed_decode as decode
from ._foxy import datafeed_decrypt as decrypt
from ._foxy import datafeed_encrypt as encrypt

__all__ = ["REPLY", "Element", "FoxyDataFeed", "decode", "decrypt", "encrypt"]
