"""Record and replay: cassettes of HTTP exchanges for tests.

``record(path)`` writes every exchange of the clients it is given to ``path`` (JSON, rewritten
after each exchange; bearer tokens, client secrets, refresh tokens, ``api_token``, store secrets,
passwords and card numbers scrubbed); ``replay(path)`` answers every request from such a file,
with no network at all. A request the cassette has no recording for raises ``TransportError``
naming it (``no recording in the cassette for GET URL``).

>>> import foxy
>>> with foxy.sandbox.start() as sb, foxy.testing.record("store.json") as cassette:
...     client = foxy.Client(sb.base_url, client_id=sb.client_id, client_secret=sb.client_secret,
...                          refresh_token=sb.refresh_token, cassette=cassette)
...     name = client.follow("fx:store").get()["store_name"]
>>> client = foxy.Client(sb.base_url, client_id="x", client_secret="y", refresh_token="z",
...                      cassette=foxy.testing.replay("store.json"))
>>> client.follow("fx:store").get()["store_name"] == name
True
"""

from ._foxy import Cassette
from ._foxy import cassette_record as record
from ._foxy import cassette_replay as replay

__all__ = ["Cassette", "record", "replay"]
