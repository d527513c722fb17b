"""Every exception class, raised by the blocking client, the helpers and the codecs."""

from __future__ import annotations

import socket

import pytest

import foxy
from conftest import credentials


def test_hierarchy() -> None:
    assert issubclass(foxy.ApiError, foxy.FoxyError)
    assert issubclass(foxy.RateLimitError, foxy.ApiError)
    assert issubclass(foxy.AuthError, foxy.FoxyError)
    assert issubclass(foxy.TransportError, foxy.FoxyError) and issubclass(foxy.TransportError, ConnectionError)
    assert issubclass(foxy.RequestTimeout, foxy.FoxyError) and issubclass(foxy.RequestTimeout, TimeoutError)
    assert foxy.RequestTimeout is not TimeoutError
    assert issubclass(foxy.DecodeError, ValueError) and issubclass(foxy.InvalidInputError, ValueError)
    assert issubclass(foxy.SignatureError, foxy.InvalidInputError)
    assert foxy.FoxyError.__module__ == "foxy"


def test_limit_301_fails_before_any_request(client: foxy.Client, sandbox: foxy.sandbox.Sandbox) -> None:
    client.home()
    before = sandbox.stats()["requests"]
    with pytest.raises(foxy.InvalidInputError, match="300"):
        client.carts.list(limit=301)
    with pytest.raises(foxy.InvalidInputError):
        client.follow("fx:store", "fx:carts").get(limit=0)
    with pytest.raises(foxy.InvalidInputError):
        client.carts.list(offset=-1)
    with pytest.raises(TypeError):
        client.carts.list(limt=3)  # type: ignore[call-arg]
    assert sandbox.stats()["requests"] == before


def test_404_is_an_api_error_with_messages(client: foxy.Client, sandbox: foxy.sandbox.Sandbox) -> None:
    with pytest.raises(foxy.ApiError) as info:
        client.carts.get(f"{sandbox.base_url}/carts/987654")
    error = info.value
    assert error.status == 404
    assert error.messages == ["cart 987654 not found"]
    assert error.logrefs and error.logrefs[0].startswith("sandbox-")
    assert "404" in str(error)
    assert not isinstance(error, foxy.RateLimitError)


def test_validation_400(client: foxy.Client) -> None:
    with pytest.raises(foxy.ApiError) as info:
        client.carts.list(filters={"no_such_field": "x"})
    assert info.value.status == 400


def test_bad_credentials_are_an_auth_error(sandbox: foxy.sandbox.Sandbox) -> None:
    bad = foxy.Client(sandbox.base_url, client_id=sandbox.client_id, client_secret="not-the-secret-9f2",
                      refresh_token=sandbox.refresh_token)
    with pytest.raises(foxy.AuthError) as info:
        bad.carts.list()
    assert "not-the-secret-9f2" not in str(info.value) and "not-the-secret-9f2" not in repr(info.value)
    assert sandbox.refresh_token not in str(info.value)
    with pytest.raises(foxy.AuthError):
        foxy.Client(sandbox.base_url, access_token="forged").carts.list()


def test_configuration_errors() -> None:
    with pytest.raises(foxy.InvalidInputError):
        foxy.Client("http://example.test/", access_token="t")  # plain http off loopback
    foxy.Client("http://example.test/", access_token="t", allow_insecure_http=True)
    with pytest.raises(foxy.InvalidInputError):
        foxy.Client("http://127.0.0.1:1/", refresh_token="r")  # refresh token without client
    with pytest.raises(foxy.InvalidInputError):
        foxy.Client("http://127.0.0.1:1/", access_token="t", media_type="text/html")


def test_malformed_documents_are_decode_errors() -> None:
    with pytest.raises(foxy.DecodeError) as info:
        foxy.parse(b'{"_links": {"self": ', "hal+json")
    assert "line" in str(info.value) or "offset" in str(info.value) or str(info.value)
    with pytest.raises(foxy.DecodeError):
        foxy.parse("<resource><unclosed></resource>", "hal+xml")
    with pytest.raises(foxy.DecodeError):
        foxy.convert("[1, 2", from_="siren", to="hal+json")
    with pytest.raises(foxy.DecodeError):
        # A typed resource is a handle: a value of the wrong type fails when it is read.
        _ = foxy.Cart.from_resource(foxy.Resource({"total_order": "lots"})).total_order


def test_rate_limit_error(sandbox: foxy.sandbox.Sandbox) -> None:
    with foxy.sandbox.start(faults="429=1") as limited:
        client = foxy.Client(limited.base_url, max_attempts=1, **credentials(limited))
        with pytest.raises(foxy.RateLimitError) as info:
            client.carts.list()
        assert info.value.status == 429


def test_transport_error_when_nothing_listens() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    client = foxy.Client(f"http://127.0.0.1:{port}/", access_token="t", max_attempts=1, connect_timeout=2)
    with pytest.raises(foxy.TransportError) as info:
        client.home()
    assert info.value.may_have_been_sent is False
    assert isinstance(info.value, ConnectionError)


def test_request_timeout() -> None:
    with foxy.sandbox.start(faults="latency=1:2s") as slow:
        client = foxy.Client(slow.base_url, timeout=0.3, max_attempts=1, **credentials(slow))
        with pytest.raises(foxy.RequestTimeout) as info:
            client.home()
        assert info.value.may_have_been_sent is True
        assert isinstance(info.value, TimeoutError)


def test_malformed_response_is_a_decode_error(malformed_server: str) -> None:
    client = foxy.Client(malformed_server, access_token="t", max_attempts=1)
    with pytest.raises(foxy.DecodeError):
        client.home()


def test_missing_link_is_invalid_input(client: foxy.Client) -> None:
    with pytest.raises(foxy.InvalidInputError, match="self"):
        client.carts.charge(foxy.Cart(), foxy.Customer(email="x@example.test"))
    with pytest.raises(foxy.InvalidInputError):
        client.carts.get(foxy.Cart())
