"""Typed resources (the generated classes of foxy.typed, handles on the core resource) and the
untyped model: conversions (money as Decimal, dates as datetime), round trips that keep the original
text, embedded lists, dicts, equality, reprs."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

import foxy

CART = """{
  "_links": {"self": {"href": "https://api.test/carts/7"},
             "fx:items": {"href": "https://api.test/carts/7/items"}},
  "_embedded": {"fx:items": [{"_links": {"self": {"href": "https://api.test/items/9"}},
                              "name": "Sprocket", "price": "19.990", "quantity": "2",
                              "is_future_line_item": 0, "weight": 1.5e1}]},
  "total_order": 39.980, "total_tax": "0", "use_customer_shipping_address": 1,
  "date_created": "2012-02-29T13:55:09-0800", "date_modified": "2013-06-06T17:26:07.250Z",
  "customer_uri": "", "unknown_property": {"nested": [1, 2.50, null]}
}"""


def test_types_of_fields() -> None:
    cart = foxy.Cart.from_resource(foxy.parse(CART))
    assert cart.href == "https://api.test/carts/7"
    assert cart.total_order == Decimal("39.980") and isinstance(cart.total_order, Decimal)
    assert cart.total_tax == Decimal("0")
    assert cart.use_customer_shipping_address is True
    assert cart.date_created == datetime.datetime(
        2012, 2, 29, 13, 55, 9, tzinfo=datetime.timezone(datetime.timedelta(hours=-8))
    )
    assert cart.date_modified == datetime.datetime(2013, 6, 6, 17, 26, 7, 250000, tzinfo=datetime.timezone.utc)
    assert cart.billing_city is None
    item = cart.items[0]
    assert isinstance(item, foxy.Item)
    assert (item.name, item.price, item.quantity, item.weight) == ("Sprocket", Decimal("19.990"), 2, Decimal("15"))
    assert item.is_future_line_item is False
    assert cart.link("fx:items").href == "https://api.test/carts/7/items"
    assert list(cart.links) == ["self", "fx:items"]
    assert isinstance(cart, foxy.TypedResource) and cart.relation == "cart"


def test_round_trip_keeps_the_original_text() -> None:
    original = foxy.parse(CART)
    cart = foxy.Cart.from_resource(original)
    again = cart.to_resource()
    assert again == original
    written = foxy.write(again)
    assert '"2012-02-29T13:55:09-0800"' in written
    assert '"19.990"' in written and "39.980" in written and '"quantity": "2"' in written
    assert '"unknown_property"' in written


def test_assignment_converts_and_is_written() -> None:
    cart = foxy.Cart.from_resource(foxy.parse(CART))
    cart.total_shipping = Decimal("4.5")
    cart.billing_city = "Lyon"
    cart.items[0].quantity = 5
    cart.items[0].subscription_start_date = datetime.datetime(
        2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone(datetime.timedelta(hours=2))
    )
    cart.items.append(foxy.Item(name="Widget", price="2.00", quantity=1, subscription_end_date=datetime.date(2024, 1, 3)))
    properties = cart.to_resource().to_dict()
    assert properties["total_shipping"] == Decimal("4.5")
    assert properties["billing_city"] == "Lyon"
    items = properties["_embedded"]["fx:items"]
    assert [i["quantity"] for i in items] == ["5", 1]  # written in the form it was read (text)
    assert items[0]["subscription_start_date"] == "2024-01-02T03:04:05+0200"
    assert items[1]["subscription_end_date"] == "2024-01-03"
    item = cart.items[0]
    item.subscription_start_date = datetime.datetime(2024, 1, 2, 3, 4, 5)
    assert item.to_resource()["subscription_start_date"] == "2024-01-02 03:04:05"
    assert item.subscription_start_date == datetime.datetime(2024, 1, 2, 3, 4, 5)
    item.subscription_start_date = "0000-00-00"
    assert item.subscription_start_date is None
    cart.billing_city = None
    assert cart.billing_city is None
    with pytest.raises(AttributeError):
        cart.date_created = datetime.datetime(2024, 1, 2)  # type: ignore[misc]  # set by the server


def test_bad_assignments_raise() -> None:
    item = foxy.Item(name="x")
    with pytest.raises(foxy.InvalidInputError):
        item.price = "ten"
    with pytest.raises(foxy.InvalidInputError):
        item.price = Decimal("NaN")
    with pytest.raises(TypeError):
        item.price = True  # type: ignore[assignment]
    with pytest.raises(TypeError):
        item.quantity = "3"  # type: ignore[assignment]
    with pytest.raises(foxy.InvalidInputError):
        item.subscription_end_date = "yesterday"  # type: ignore[assignment]
    with pytest.raises(AttributeError):
        item.colour = "red"  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        foxy.Item(colour="red")
    with pytest.raises(TypeError):
        foxy.Cart(items=[1])


def test_embedded_lists_are_shared_and_checked() -> None:
    cart = foxy.Cart()
    cart.items.append(foxy.Item(name="A", price=1, quantity=1))
    cart.items[0].item_options.append(foxy.ItemOption(name="size", value="L"))
    assert cart.to_resource().embedded_of("fx:items")[0].embedded_of("fx:item_options")[0]["value"] == "L"
    cart.items.append("not an item")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="items"):
        cart.to_resource()
    cart.items = [foxy.Item(name="B")]
    assert [i.name for i in cart.items] == ["B"]


def test_to_dict_and_equality() -> None:
    cart = foxy.Cart.from_resource(foxy.parse(CART))
    as_dict = cart.to_dict()
    assert as_dict["total_order"] == Decimal("39.980")
    assert as_dict["_embedded"]["fx:items"][0]["price"] == "19.990"
    assert as_dict["unknown_property"] == {"nested": [1, Decimal("2.50"), None]}
    assert "billing_city" not in as_dict
    assert foxy.Cart.from_resource(foxy.parse(CART)) == cart
    other = foxy.Cart.from_resource(foxy.parse(CART))
    other.items[0].price = Decimal("1")
    assert other != cart
    assert foxy.Item(name="x", price=Decimal("1.0")) != foxy.Cart()


def test_reprs_show_no_secrets() -> None:
    customer = foxy.Customer(email="a@example.test", password="hunter2-secret")
    card = foxy.DefaultPaymentMethod(cc_number=4111111111111111)
    for obj in (customer, card):
        assert "hunter2" not in repr(obj) and "4111" not in repr(obj) and "123" not in repr(obj)
    assert repr(foxy.Cart.from_resource(foxy.parse(CART))) == 'Cart(href="https://api.test/carts/7")'


def test_untyped_resource() -> None:
    resource = foxy.Resource({"price": Decimal("1.10"), "count": 3, "flag": True, "none": None},
                             links={"self": "https://api.test/x/1", "fx:store": foxy.Link("https://api.test/s", title="S")})
    assert resource.href == "https://api.test/x/1"
    assert resource.price == Decimal("1.10") and resource["count"] == 3 and resource.flag is True
    assert resource.get("missing", 5) == 5 and "count" in resource and "missing" not in resource
    with pytest.raises(KeyError):
        resource["missing"]
    with pytest.raises(AttributeError):
        resource.missing
    assert resource.link("fx:store").title == "S"
    assert resource.links["fx:store"][0] == foxy.Link("https://api.test/s", title="S")
    document = resource.to_dict()
    assert document["_links"]["self"] == {"href": "https://api.test/x/1"}
    assert foxy.Resource.from_dict(document) == resource
    parsed = foxy.parse(CART)
    assert parsed.embedded["fx:items"][0]["name"] == "Sprocket"
    assert parsed.properties["total_order"] == Decimal("39.980")
    assert parsed.properties["unknown_property"]["nested"][0] == 1
    assert str(resource.link("self")) == "https://api.test/x/1"


def test_collection_page(client: foxy.Client) -> None:
    page = client.customers.list(limit=2, order="id")
    assert isinstance(page, foxy.typed.Customers)
    assert len(page) == page.returned_items == 2
    assert page.limit == 2 and page.offset == 0 and page.total_items >= 3
    assert all(isinstance(c, foxy.Customer) for c in page)
    assert page[0] is page.members[0]
    assert page.href and "limit=2" in page.href and page.next_href and "offset=2" in page.next_href
    assert set(page.links) >= {"self", "first", "next", "last"}
