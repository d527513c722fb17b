"""A local Foxy API for tests and demos (the embedded ``foxy-sandbox``).

>>> import foxy
>>> with foxy.sandbox.start() as sb:
...     client = foxy.Client(sb.base_url, client_id=sb.client_id,
...                          client_secret=sb.client_secret, refresh_token=sb.refresh_token)
...     store = client.follow("fx:store").get()
"""

from ._foxy import Sandbox
from ._foxy import sandbox_start as start

__all__ = ["Sandbox", "start"]
