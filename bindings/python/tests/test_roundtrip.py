"""A typed resource keeps what it does not model: a PUT writes back every property it read, the
unmodelled ones included, plus the changes. The sandbox stores only the fields it knows, so the
documents live in a small store on 127.0.0.1 that keeps whatever properties it is sent; like Foxy,
it owns the links (the core sends a PUT without links)."""

from __future__ import annotations

import http.server
import json
import threading
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

import foxy


@pytest.fixture
def store() -> Iterator[str]:
    """A document store answering GET and PUT by path; yields its base URL."""
    documents: dict[str, Any] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def answer(self) -> None:
            path = self.path.split("?")[0]
            stored = documents.get(path)
            body = json.dumps(stored if stored is not None else {"message": "not found"}).encode()
            self.send_response(200 if stored is not None else 404)
            self.send_header("Content-Type", "application/hal+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802 (the http.server API)
            self.answer()

        def do_PUT(self) -> None:  # noqa: N802
            sent = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            path = self.path.split("?")[0]
            links = documents.get(path, {}).get("_links", sent.pop("_links", None))
            sent.pop("_links", None)
            documents[path] = {"_links": links, **sent}
            self.answer()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def raw(method: str, url: str, document: Any = None) -> Any:
    data = None if document is None else json.dumps(document).encode()
    with urllib.request.urlopen(urllib.request.Request(url, data=data, method=method)) as response:
        return json.loads(response.read())


def test_put_of_a_typed_cart_keeps_unmodelled_properties_links_and_item_fields(store: str) -> None:
    href = f"{store}/carts/1"
    raw("PUT", href, {
        "_links": {
            "self": {"href": href},
            "fx:items": {"href": f"{href}/items"},
            "fx:loyalty": {"href": f"{store}/loyalty/7", "title": "Not modelled"},
        },
        "_embedded": {"fx:items": [{
            "_links": {"self": {"href": f"{store}/items/2"}},
            "name": "Sprocket", "price": 10.5, "quantity": 2, "engraving": "for Ada",
        }]},
        "billing_city": "Oslo",
        "loyalty_tier": {"level": "gold", "since": "2024-01-01"},
    })
    client = foxy.Client(store, access_token="token", max_attempts=1)

    cart = client.carts.get(href, zoom="items")
    assert cart.link("fx:loyalty").href == f"{store}/loyalty/7"
    cart.billing_city = "Bergen"
    cart.items[0].quantity = 3
    assert client.carts.put(cart).billing_city == "Bergen"

    stored = raw("GET", href)
    assert stored["billing_city"] == "Bergen"
    assert stored["loyalty_tier"] == {"level": "gold", "since": "2024-01-01"}
    assert stored["_links"]["fx:loyalty"] == {"href": f"{store}/loyalty/7", "title": "Not modelled"}
    [item] = stored["_embedded"]["fx:items"]
    assert (item["name"], item["quantity"], item["engraving"]) == ("Sprocket", 3, "for Ada")
