"""The generated typed classes and navigation (``foxy.typed``) against the sandbox: a class is a handle
on the core resource, so a PUT writes back every property and link it does not describe."""

from __future__ import annotations

import decimal
import json
from pathlib import Path

import pytest

import foxy
from foxy import typed

from conftest import credentials


def first_coupon(client: foxy.Client) -> typed.Coupon:
    page = client.store().coupons.list(limit=5)
    assert isinstance(page, typed.Coupons)
    assert page.members, "the sandbox store has coupons"
    return page.members[0]


def test_store_coupons_list_is_typed(client: foxy.Client) -> None:
    page = client.store().coupons.list(limit=2)
    assert page.total_items is not None and page.total_items >= 1
    coupon = page.members[0]
    assert isinstance(coupon, typed.Coupon) and isinstance(coupon, foxy.TypedResource)
    assert coupon.relation == "coupon"
    assert isinstance(coupon.name, str)
    assert coupon.href is not None and "/coupons/" in coupon.href
    assert coupon.store_href is not None and "/stores/" in coupon.store_href
    assert repr(client.store().coupons) == "CouponsPath(fx:store → fx:coupons)"


def test_all_walks_every_page(client: foxy.Client) -> None:
    everything = list(client.store().coupons.all(limit=1))
    page = client.store().coupons.list(limit=1)
    assert len(everything) == page.total_items
    assert len({c.href for c in everything}) == len(everything)


def test_store_get_and_follow_return_paths(client: foxy.Client) -> None:
    store = client.store().get()
    assert isinstance(store, typed.Store) and isinstance(store.store_name, str)
    follow = client.store().coupons.follow()
    assert isinstance(follow, foxy.Follow) and follow.rels == ["fx:store", "fx:coupons"]


def test_a_put_keeps_what_the_class_does_not_describe(
    client: foxy.Client, sandbox: foxy.sandbox.Sandbox, tmp_path: Path
) -> None:
    read = first_coupon(client)
    assert read.href is not None
    # What the class does not describe: an unknown property and an unknown link, on the resource read.
    document = read.to_dict()
    document["x_partner_ref"] = "partner-42"
    document["_links"]["x:partner"] = {"href": "https://partner.example/coupons/42"}
    coupon = typed.Coupon(foxy.Resource.from_dict(document))
    assert coupon.get_property("name") == read.name
    coupon.name = "Renamed by the typed class"
    tape = tmp_path / "put.json"
    with foxy.testing.record(str(tape)) as cassette:
        recording = foxy.Client(sandbox.base_url, **credentials(sandbox), cassette=cassette)
        recording.put(read.href, coupon)

    # The PUT sent the unknown property unchanged, with the change (the core's PUT document is the
    # properties: links are the server's, not written back).
    put = [e for e in json.loads(tape.read_text())["interactions"] if e["request"]["method"] == "PUT"]
    assert len(put) == 1
    sent = put[0]["request"]["body"]
    sent_text = sent if isinstance(sent, str) else json.dumps(sent)
    assert '"x_partner_ref":"partner-42"' in sent_text
    assert "Renamed by the typed class" in sent_text

    # The sandbox holds the change, the unknown property (it keeps extension properties, x_...,
    # as sent), and every other property and every link as they were read.
    again = typed.Coupon(client.get(read.href))
    assert again.name == "Renamed by the typed class"
    assert again.to_resource()["x_partner_ref"] == "partner-42"
    before, after = read.to_resource(), again.to_resource()
    changed = {"name", "date_modified", "x_partner_ref"}
    assert {k: v for k, v in after.properties.items() if k not in changed} == {
        k: v for k, v in before.properties.items() if k not in changed
    }
    assert after.links == before.links


def test_sandbox_keeps_store_id_on_put(client: foxy.Client, sandbox: foxy.sandbox.Sandbox) -> None:
    made = client.store().coupons.create({"name": "Kept store", "coupon_discount_type": "price_amount",
                                          "coupon_discount_details": "allunits|1"})
    assert made.href is not None
    read = typed.Coupon(client.get(made.href))
    assert read.to_resource()["store_id"] == int(sandbox.store_id)
    client.at(made.href).put(read)
    assert client.get(made.href)["store_id"] == int(sandbox.store_id)


def test_setters_check_types_and_read_only() -> None:
    coupon = typed.Coupon(foxy.Resource({"name": "Ten off", "id": 7, "number_of_uses_allowed": "5"}))
    assert coupon.id == 7
    assert coupon.number_of_uses_allowed == 5
    coupon.number_of_uses_allowed = 6
    # Written in the form the resource used (text stays text).
    assert coupon.to_resource()["number_of_uses_allowed"] == "6"
    with pytest.raises(TypeError):
        coupon.number_of_uses_allowed = "six"  # type: ignore[assignment]
    with pytest.raises(AttributeError):
        coupon.id = 8  # type: ignore[misc]
    with pytest.raises(AttributeError):
        coupon.set_property("id", 8)
    with pytest.raises(AttributeError):
        coupon.get_property("no_such_property")
    coupon.name = None
    assert coupon.name is None and coupon.to_resource()["name"] is None


def test_subscription_getters() -> None:
    sub = typed.Subscription(
        foxy.Resource(
            {"frequency": "1m", "is_active": "1", "next_transaction_date": "2026-12-01", "past_due_amount": "19.990"},
            {"self": "https://api.foxycart.test/subscriptions/9", "fx:store": "https://api.foxycart.test/stores/1"},
        )
    )
    assert sub.frequency == "1m"
    assert sub.is_active is True
    assert sub.past_due_amount == decimal.Decimal("19.990")
    assert str(sub.next_transaction_date) == "2026-12-01"
    assert sub.store_href == "https://api.foxycart.test/stores/1"
    sub.past_due_amount = decimal.Decimal("0.50")
    assert sub.to_resource()["past_due_amount"] == "0.50"
    assert sub.href == "https://api.foxycart.test/subscriptions/9"


def test_a_wrong_value_is_an_exception_not_a_crash() -> None:
    sub = typed.Subscription(foxy.Resource({"past_due_amount": "lots"}))
    with pytest.raises(foxy.DecodeError):
        _ = sub.past_due_amount
    with pytest.raises(foxy.InvalidInputError):
        typed.TypedResource("no_such_relation")


def test_every_relation_has_a_class() -> None:
    assert typed.CLASSES["coupon"] is typed.Coupon
    assert typed.CLASSES["coupons"] is typed.Coupons
    assert isinstance(typed.wrap("fx:subscription", foxy.Resource()), typed.Subscription)
