"""Every kind of error of the Rust client has its own row in the binding's error table: a class that
subclasses FoxyError (never a catch-all), and a ``code`` on every exception raised."""

from __future__ import annotations

import pytest

import foxy

#: Every ErrorKind code of crates/foxy (ErrorKind::ALL), and the class the binding raises for it.
EXPECTED = {
    "api": "ApiError",
    "auth": "AuthError",
    "input": "InvalidInputError",
    "decode": "DecodeError",
    "model": "DecodeError",
    "missing_link": "MissingLinkError",
    "transport": "TransportError",
    "timeout": "RequestTimeout",
    "policy": "PolicyError",
    "legacy": "LegacyApiError",
    "cart_endpoint": "CartEndpointError",
    "invalid_base_url": "ConfigurationError",
    "invalid_token_endpoint": "ConfigurationError",
    "unsupported_media_type": "ConfigurationError",
    "no_credentials": "ConfigurationError",
    "transport_setup": "TransportError",
    "driver_misuse": "UsageError",
    "ambiguous": "AmbiguousChargeError",
}


def test_every_kind_has_its_own_class() -> None:
    kinds = foxy.error_kinds()
    codes = [code for code, _ in kinds]
    assert len(codes) == len(set(codes)), "one row per kind"
    for code, name in kinds:
        assert name is not None, f"the error table has no row for {code!r}"
        assert name != "FoxyError", f"{code!r} falls through to the catch-all FoxyError"
        cls = getattr(foxy, name)
        assert isinstance(cls, type) and issubclass(cls, foxy.FoxyError), name
        assert cls.__module__ == "foxy" and cls.__doc__
    # A kind added to the Rust client shows up here: add its row to errors.rs and to EXPECTED.
    assert dict(kinds) == EXPECTED


def test_raised_errors_carry_their_code(client: foxy.Client, sandbox: foxy.sandbox.Sandbox) -> None:
    with pytest.raises(foxy.ApiError) as api:
        client.get(f"{sandbox.base_url}/carts/999999999")
    assert api.value.code == "api" and api.value.status == 404
    with pytest.raises(foxy.InvalidInputError) as refused:
        client.follow("fx:store", "fx:carts").get(limit=301)
    assert refused.value.code == "input"
    with pytest.raises(foxy.MissingLinkError) as missing:
        client.follow("fx:store", "fx:no_such_relation").get()
    assert missing.value.code == "missing_link"
    assert isinstance(missing.value, foxy.InvalidInputError)
    with pytest.raises(foxy.ConfigurationError) as config:
        foxy.Client("not a url")
    assert config.value.code == "invalid_base_url"
    with pytest.raises(foxy.PolicyError) as policy:
        client.get("http://example.com/carts/1")
    assert policy.value.code == "policy"
