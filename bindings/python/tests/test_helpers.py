"""The pure helpers: codecs, cart signing, webhooks, single sign-on, the datafeed."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

import foxy

DOC = '{"_links": {"self": {"href": "https://api.test/items/1"}}, "name": "Sprocket", "price": 10.50}'


def test_convert_between_the_three_codecs() -> None:
    hal = DOC
    xml = foxy.convert(hal, from_="hal+json", to="hal+xml")
    assert xml.lstrip().startswith("<") and "Sprocket" in xml and "10.50" in xml
    siren = foxy.convert(xml.encode(), from_="hal+xml", to="siren")
    assert json.loads(siren)["properties"]["name"] == "Sprocket"
    back = foxy.convert(siren, from_="application/vnd.siren+json", to="hal+json")
    # HAL+XML carries every scalar as text: the price comes back as the exact text "10.50".
    assert foxy.parse(back).price == "10.50" and foxy.parse(hal).price == Decimal("10.50")
    assert foxy.parse(back).href == foxy.parse(hal).href
    resource = foxy.parse(xml, "hal+xml")
    assert resource.href == "https://api.test/items/1"
    assert foxy.parse(foxy.write(resource, "siren"), "siren") == resource
    with pytest.raises(foxy.InvalidInputError):
        foxy.convert(hal, from_="hal+json", to="text/csv")


def test_cart_signing() -> None:
    signed = foxy.signing.sign_url("1", "https://example.foxycart.com/cart?code=mycode&price=123.00")
    assert "price||aed2692b1b278b04b974c3c9822e597dc5da880561cf256ab20b2873a5346b66=123.00" in signed
    report = foxy.signing.verify_url("1", signed)
    assert report and report.is_valid and report.checked >= 1 and report.failures == []
    tampered = foxy.signing.verify_url("1", signed.replace("=123.00", "=1.00"))
    assert not tampered and tampered.failures == [("price", "mismatch")]
    unsigned = foxy.signing.verify_url("1", "https://example.foxycart.com/cart?code=c&name=x")
    assert ("name", "unsigned") in unsigned.failures
    html = foxy.signing.sign_html("1", '<a href="https://example.foxycart.com/cart?code=mycode&price=123.00">Buy</a>')
    assert "aed2692b1b278b04b974c3c9822e597dc5da880561cf256ab20b2873a5346b66" in html
    with pytest.raises(foxy.InvalidInputError):
        foxy.signing.sign_url("1", "https://example.foxycart.com/cart?name=nocode&price=1")


def test_webhooks() -> None:
    body = b'{"id": 1}'
    signature = foxy.webhook.sign("key", body)
    assert len(signature) == 64
    assert foxy.webhook.verify_signature("key", body, signature)
    assert foxy.webhook.verify_signature("key", body.decode(), signature.upper())
    assert not foxy.webhook.verify_signature("other", body, signature)
    assert not foxy.webhook.verify_signature("key", body, "zz")
    headers = {"foxy-webhook-signature": signature, "Foxy-Webhook-Event": "transaction/created"}
    assert foxy.webhook.verify_request("key", headers, body) == "transaction/created"
    with pytest.raises(foxy.SignatureError, match="does not match"):
        foxy.webhook.verify_request("key", headers, b'{"id": 2}')
    with pytest.raises(foxy.SignatureError, match="missing"):
        foxy.webhook.verify_request("key", {"Foxy-Webhook-Event": "x"}, body)


def test_single_sign_on() -> None:
    token = foxy.sso.auth_token("secret", 42, 2_000_000_000)
    assert len(token) == 40
    url = foxy.sso.checkout_url("store.example.test", "secret", 42, 2_000_000_000, fcsid="abc")
    assert url.startswith("https://store.example.test/checkout?fc_customer_id=42&timestamp=2000000000")
    assert f"fc_auth_token={token}" in url and url.endswith("fcsid=abc")
    params = foxy.sso.verify_checkout_url("secret", url, now=1_999_999_999)
    assert (params.customer_id, params.timestamp, params.fcsid) == (42, 2_000_000_000, "abc")
    assert foxy.sso.verify_checkout_url("secret", url).customer_id == 42  # now: the clock
    with pytest.raises(foxy.SignatureError, match="expired"):
        foxy.sso.verify_checkout_url("secret", url, now=2_000_000_001)
    with pytest.raises(foxy.SignatureError):
        foxy.sso.verify_checkout_url("wrong", url, now=0)
    with pytest.raises(foxy.InvalidInputError):
        foxy.sso.checkout_url("bad domain/", "secret", 1, 1)


FEED = (
    '<?xml version="1.0" encoding="UTF-8"?><foxydata><datafeed_version>XML FoxyCart Version 2.0</datafeed_version>'
    "<transactions><transaction><id>616</id><customer_email>a@example.test</customer_email>"
    "<order_total>20.50</order_total><transaction_details><transaction_detail><product_name>Sprocket</product_name>"
    "</transaction_detail></transaction_details></transaction></transactions></foxydata>"
)


def test_datafeed() -> None:
    value = foxy.datafeed.encrypt(FEED, "store-secret")
    body = f"FoxyData={value}"
    assert foxy.datafeed.decrypt(body, "store-secret") == FEED
    feed = foxy.datafeed.decode(body.encode(), "store-secret")
    assert feed.datafeed_version == "XML FoxyCart Version 2.0"
    (transaction,) = feed.transactions
    assert transaction.name == "transaction"
    assert transaction["order_total"] == "20.50" and transaction.get("missing") is None
    assert "customer_email" in transaction
    detail = transaction.child("transaction_details").find_all("transaction_detail")[0]
    assert detail["product_name"] == "Sprocket"
    assert feed.subscriptions == [] and feed.root.name == "foxydata" and feed.xml == FEED
    assert foxy.datafeed.REPLY == "foxy"
    with pytest.raises(foxy.DecodeError):
        foxy.datafeed.decode(body, "wrong-secret")
    with pytest.raises(foxy.InvalidInputError):
        foxy.datafeed.decrypt(body, "")
