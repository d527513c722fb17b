"""Type stubs of ``foxy._foxy``, the native module of the ``foxy`` package.

Maintained by hand; ``scripts/check_stubs.py`` (run by ``cargo xtask python``) fails when a name,
a member, a parameter or a field type differs from the built module.
"""

import datetime
import os
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, Literal, TypedDict, Union

from typing_extensions import Self, Unpack

from .typed import StorePath

__version__: str
DATAFEED_REPLY: str

_Json = Any
_Target = Union[str, "Link", "Resource", "_Model", "TypedResource"]
_FilterValue = Union[
    str, int, Decimal, bool, datetime.date, tuple[Union[str, int, Decimal, datetime.date], Union[str, int, Decimal, datetime.date]]
]
_MediaType = str

class _Query(TypedDict, total=False):
    """The query keyword arguments: ``zoom="items,items:item_options"`` (or a list),
    ``filters={"email": "grace*", "total_order": (10, 20)}``, ``order="total_order desc"``
    (or a list), ``limit`` (1..300), ``offset``, ``fields="id,total_order"`` (or a list)."""

    zoom: str | Sequence[str] | None
    filters: Mapping[str, _FilterValue] | None
    order: str | Sequence[str] | None
    limit: int | None
    offset: int | None
    fields: str | Sequence[str] | None

# Errors ---------------------------------------------------------------------------------------

class FoxyError(Exception):
    """Base class of every error raised by foxy."""

class ApiError(FoxyError):
    """The API answered with an error status."""

    status: int
    messages: list[str]
    logrefs: list[str]
    meta: ResponseMeta | None

class RateLimitError(ApiError):
    """The API kept answering 429 Too Many Requests after the client's retries."""

class AuthError(FoxyError):
    """Authentication failed: the token endpoint refused the credentials, or the API rejected the token."""

class TokenRejectedError(AuthError):
    """The API rejected the access token (401): it expired or was revoked, and no refresh could replace it."""

    code: str
    description: str | None

class AmbiguousChargeError(FoxyError):
    """A charge may have gone through and the operation failed afterwards: check before charging again."""

    may_have_been_sent: bool
    transaction: str | None
    status: int | None
    messages: list[str]
    logrefs: list[str]
    meta: ResponseMeta | None

class TransportError(FoxyError, ConnectionError):
    """The connection failed; ``may_have_been_sent`` says whether the server can have processed the request."""

    may_have_been_sent: bool

class RequestTimeout(FoxyError, TimeoutError):
    """No response arrived in time; the request may have been processed."""

    may_have_been_sent: bool

class DecodeError(FoxyError, ValueError):
    """A document could not be decoded, or does not fit the typed model."""

class InvalidInputError(FoxyError, ValueError):
    """The input was refused before any request was sent (a limit above 300, a bad URL...)."""

class SignatureError(InvalidInputError):
    """A signature or token does not match (webhook, signed cart link, single sign-on)."""

# Resources ------------------------------------------------------------------------------------

class Link:
    """A hypermedia link: where a relation points."""

    def __init__(self, href: str, title: str | None = None) -> None: ...
    @property
    def href(self) -> str: ...
    @property
    def title(self) -> str | None: ...
    @property
    def templated(self) -> bool: ...
    @property
    def name(self) -> str | None: ...
    @property
    def media_type(self) -> str | None: ...
    def __eq__(self, other: object) -> bool: ...

class ResponseMeta:
    """What one call's exchange was besides the body (``.meta`` of values read and of API errors)."""

    @property
    def status(self) -> int: ...
    @property
    def headers(self) -> dict[str, str]: ...
    @property
    def etag(self) -> str | None: ...
    @property
    def url(self) -> str: ...
    @property
    def attempts(self) -> int: ...
    @property
    def elapsed(self) -> float: ...
    @property
    def cache(self) -> Literal["bypassed", "miss", "revalidated", "hit", "unknown"]: ...
    @property
    def logref(self) -> str | None: ...

class Resource:
    """A resource: properties, links and embedded resources (any of the three media types)."""

    def __init__(
        self, properties: Mapping[str, _Json] | None = None, links: Mapping[str, str | Link] | None = None
    ) -> None: ...
    @staticmethod
    def from_dict(document: Mapping[str, _Json]) -> Resource: ...
    @property
    def href(self) -> str | None: ...
    @property
    def properties(self) -> dict[str, _Json]: ...
    @property
    def links(self) -> dict[str, list[Link]]: ...
    @property
    def embedded(self) -> dict[str, list[Resource]]: ...
    @property
    def meta(self) -> ResponseMeta | None: ...
    def link(self, rel: str) -> Link | None: ...
    def embedded_of(self, rel: str) -> list[Resource]: ...
    def get(self, name: str, default: _Json = None) -> _Json: ...
    def to_dict(self) -> dict[str, _Json]: ...
    def __getitem__(self, key: str) -> _Json: ...
    def __setitem__(self, key: str, value: _Json) -> None: ...
    def __contains__(self, key: str) -> bool: ...
    def __getattr__(self, name: str) -> _Json: ...
    def __eq__(self, other: object) -> bool: ...

class _Model:
    """What every typed resource has (not a runtime class)."""

    @property
    def href(self) -> str | None: ...
    @property
    def links(self) -> dict[str, list[Link]]: ...
    @property
    def meta(self) -> ResponseMeta | None: ...
    def link(self, rel: str) -> Link | None: ...
    def to_resource(self) -> Resource: ...
    def to_dict(self) -> dict[str, Any]: ...
    __fields__: tuple[tuple[str, str], ...]
    __children__: tuple[tuple[str, str], ...]
    def __eq__(self, other: object) -> bool: ...

class Cart(_Model):
    """A cart: items about to be bought, with addresses and totals."""

    customer_uri: str | None
    customer_email: str | None
    template_set_uri: str | None
    payment_method_uri: str | None
    language: str | None
    locale_code: str | None
    use_customer_shipping_address: bool | None
    billing_first_name: str | None
    billing_last_name: str | None
    billing_company: str | None
    billing_address1: str | None
    billing_address2: str | None
    billing_city: str | None
    billing_state: str | None
    billing_postal_code: str | None
    billing_country: str | None
    billing_phone: str | None
    shipping_first_name: str | None
    shipping_last_name: str | None
    shipping_company: str | None
    shipping_address1: str | None
    shipping_address2: str | None
    shipping_city: str | None
    shipping_state: str | None
    shipping_postal_code: str | None
    shipping_country: str | None
    shipping_phone: str | None
    total_item_price: Decimal | None
    total_tax: Decimal | None
    total_shipping: Decimal | None
    total_future_shipping: Decimal | None
    total_order: Decimal | None
    currency_code: str | None
    date_created: datetime.datetime | datetime.date | None
    date_modified: datetime.datetime | datetime.date | None
    items: list[Item]
    attributes: list[Attribute]
    custom_fields: list[CustomField]
    discounts: list[Discount]
    applied_coupon_codes: list[AppliedCouponCode]
    def __init__(
        self,
        *,
        customer_uri: str | None = ...,
        customer_email: str | None = ...,
        template_set_uri: str | None = ...,
        payment_method_uri: str | None = ...,
        language: str | None = ...,
        locale_code: str | None = ...,
        use_customer_shipping_address: bool | None = ...,
        billing_first_name: str | None = ...,
        billing_last_name: str | None = ...,
        billing_company: str | None = ...,
        billing_address1: str | None = ...,
        billing_address2: str | None = ...,
        billing_city: str | None = ...,
        billing_state: str | None = ...,
        billing_postal_code: str | None = ...,
        billing_country: str | None = ...,
        billing_phone: str | None = ...,
        shipping_first_name: str | None = ...,
        shipping_last_name: str | None = ...,
        shipping_company: str | None = ...,
        shipping_address1: str | None = ...,
        shipping_address2: str | None = ...,
        shipping_city: str | None = ...,
        shipping_state: str | None = ...,
        shipping_postal_code: str | None = ...,
        shipping_country: str | None = ...,
        shipping_phone: str | None = ...,
        total_item_price: Decimal | int | str | None = ...,
        total_tax: Decimal | int | str | None = ...,
        total_shipping: Decimal | int | str | None = ...,
        total_future_shipping: Decimal | int | str | None = ...,
        total_order: Decimal | int | str | None = ...,
        currency_code: str | None = ...,
        date_created: datetime.datetime | datetime.date | str | None = ...,
        date_modified: datetime.datetime | datetime.date | str | None = ...,
        items: Iterable[Item] = ...,
        attributes: Iterable[Attribute] = ...,
        custom_fields: Iterable[CustomField] = ...,
        discounts: Iterable[Discount] = ...,
        applied_coupon_codes: Iterable[AppliedCouponCode] = ...,
    ) -> None: ...
    @staticmethod
    def from_resource(resource: Resource) -> Cart: ...


class CartSession(_Model):
    """A browser session created for a cart (`session_id`, `cart_link`)."""

    session_id: str | None
    cart_link: str | None
    def __init__(
        self,
        *,
        session_id: str | None = ...,
        cart_link: str | None = ...,
    ) -> None: ...
    @staticmethod
    def from_resource(resource: Resource) -> CartSession: ...


class Item(_Model):
    """A line item of a cart or transaction."""

    item_category_uri: str | None
    name: str | None
    price: Decimal | None
    quantity: int | None
    quantity_min: int | None
    quantity_max: int | None
    weight: Decimal | None
    code: str | None
    parent_code: str | None
    discount_name: str | None
    discount_type: str | None
    discount_details: str | None
    subscription_frequency: str | None
    subscription_start_date: datetime.datetime | datetime.date | None
    subscription_next_transaction_date: datetime.datetime | datetime.date | None
    subscription_end_date: datetime.datetime | datetime.date | None
    is_future_line_item: bool | None
    shipto: str | None
    url: str | None
    image: str | None
    length: Decimal | None
    width: Decimal | None
    height: Decimal | None
    expires: int | None
    date_created: datetime.datetime | datetime.date | None
    date_modified: datetime.datetime | datetime.date | None
    item_options: list[ItemOption]
    attributes: list[Attribute]
    def __init__(
        self,
        *,
        item_category_uri: str | None = ...,
        name: str | None = ...,
        price: Decimal | int | str | None = ...,
        quantity: int | None = ...,
        quantity_min: int | None = ...,
        quantity_max: int | None = ...,
        weight: Decimal | int | str | None = ...,
        code: str | None = ...,
        parent_code: str | None = ...,
        discount_name: str | None = ...,
        discount_type: str | None = ...,
        discount_details: str | None = ...,
        subscription_frequency: str | None = ...,
        subscription_start_date: datetime.datetime | datetime.date | str | None = ...,
        subscription_next_transaction_date: datetime.datetime | datetime.date | str | None = ...,
        subscription_end_date: datetime.datetime | datetime.date | str | None = ...,
        is_future_line_item: bool | None = ...,
        shipto: str | None = ...,
        url: str | None = ...,
        image: str | None = ...,
        length: Decimal | int | str | None = ...,
        width: Decimal | int | str | None = ...,
        height: Decimal | int | str | None = ...,
        expires: int | None = ...,
        date_created: datetime.datetime | datetime.date | str | None = ...,
        date_modified: datetime.datetime | datetime.date | str | None = ...,
        item_options: Iterable[ItemOption] = ...,
        attributes: Iterable[Attribute] = ...,
    ) -> None: ...
    @staticmethod
    def from_resource(resource: Resource) -> Item: ...


class ItemOption(_Model):
    """An option of an item (`size: xl`), with its price and weight modifiers."""

    name: str | None
    value: str | None
    price_mod: Decimal | None
    weight_mod: Decimal | None
    date_created: datetime.datetime | datetime.date | None
    date_modified: datetime.datetime | datetime.date | None
    def __init__(
        self,
        *,
        name: str | None = ...,
        value: str | None = ...,
        price_mod: Decimal | int | str | None = ...,
        weight_mod: Decimal | int | str | None = ...,
        date_created: datetime.datetime | datetime.date | str | None = ...,
        date_modified: datetime.datetime | datetime.date | str | None = ...,
    ) -> None: ...
    @staticmethod
    def from_resource(resource: Resource) -> ItemOption: ...


class Attribute(_Model):
    """A name/value attribute of a cart, item, customer or subscription."""

    name: str | None
    value: str | None
    visibility: str | None
    date_created: datetime.datetime | datetime.date | None
    date_modified: datetime.datetime | datetime.date | None
    def __init__(
        self,
        *,
        name: str | None = ...,
        value: str | None = ...,
        visibility: str | None = ...,
        date_created: datetime.datetime | datetime.date | str | None = ...,
        date_modified: datetime.datetime | datetime.date | str | None = ...,
    ) -> None: ...
    @staticmethod
    def from_resource(resource: Resource) -> Attribute: ...


class CustomField(_Model):
    """A custom field of a cart or transaction."""

    name: str | None
    value: str | None
    is_hidden: bool | None
    date_created: datetime.datetime | datetime.date | None
    date_modified: datetime.datetime | datetime.date | None
    def __init__(
        self,
        *,
        name: str | None = ...,
        value: str | None = ...,
        is_hidden: bool | None = ...,
        date_created: datetime.datetime | datetime.date | str | None = ...,
        date_modified: datetime.datetime | datetime.date | str | None = ...,
    ) -> None: ...
    @staticmethod
    def from_resource(resource: Resource) -> CustomField: ...


class Customer(_Model):
    """A customer of the store."""

    first_name: str | None
    last_name: str | None
    email: str | None
    tax_id: str | None
    password: str | None
    password_salt: str | None
    password_hash: str | None
    password_hash_type: str | None
    password_hash_config: str | None
    forgot_password: str | None
    forgot_password_timestamp: datetime.datetime | datetime.date | None
    last_login_date: datetime.datetime | datetime.date | None
    is_anonymous: bool | None
    date_created: datetime.datetime | datetime.date | None
    date_modified: datetime.datetime | datetime.date | None
    attributes: list[Attribute]
    customer_addresses: list[CustomerAddress]
    def __init__(
        self,
        *,
        first_name: str | None = ...,
        last_name: str | None = ...,
        email: str | None = ...,
        tax_id: str | None = ...,
        password: str | None = ...,
        password_salt: str | None = ...,
        password_hash: str | None = ...,
        password_hash_type: str | None = ...,
        password_hash_config: str | None = ...,
        forgot_password: str | None = ...,
        forgot_password_timestamp: datetime.datetime | datetime.date | str | None = ...,
        last_login_date: datetime.datetime | datetime.date | str | None = ...,
        is_anonymous: bool | None = ...,
        date_created: datetime.datetime | datetime.date | str | None = ...,
        date_modified: datetime.datetime | datetime.date | str | None = ...,
        attributes: Iterable[Attribute] = ...,
        customer_addresses: Iterable[CustomerAddress] = ...,
    ) -> None: ...
    @staticmethod
    def from_resource(resource: Resource) -> Customer: ...


class CustomerAddress(_Model):
    """A saved address of a customer."""

    address_name: str | None
    first_name: str | None
    last_name: str | None
    company: str | None
    address1: str | None
    address2: str | None
    city: str | None
    region: str | None
    postal_code: str | None
    country: str | None
    phone: str | None
    is_default_billing: bool | None
    is_default_shipping: bool | None
    ignore_address_restrictions: bool | None
    date_created: datetime.datetime | datetime.date | None
    date_modified: datetime.datetime | datetime.date | None
    def __init__(
        self,
        *,
        address_name: str | None = ...,
        first_name: str | None = ...,
        last_name: str | None = ...,
        company: str | None = ...,
        address1: str | None = ...,
        address2: str | None = ...,
        city: str | None = ...,
        region: str | None = ...,
        postal_code: str | None = ...,
        country: str | None = ...,
        phone: str | None = ...,
        is_default_billing: bool | None = ...,
        is_default_shipping: bool | None = ...,
        ignore_address_restrictions: bool | None = ...,
        date_created: datetime.datetime | datetime.date | str | None = ...,
        date_modified: datetime.datetime | datetime.date | str | None = ...,
    ) -> None: ...
    @staticmethod
    def from_resource(resource: Resource) -> CustomerAddress: ...


class DefaultPaymentMethod(_Model):
    """A customer's saved card (`cc_number_masked`; `save_cc` False when none)."""

    save_cc: bool | None
    cc_type: str | None
    cc_number_masked: str | None
    cc_exp_month: str | None
    cc_exp_year: str | None
    cc_number: str | None
    cc_cvv2: str | None
    cc_token: str | None
    date_created: datetime.datetime | datetime.date | None
    date_modified: datetime.datetime | datetime.date | None
    def __init__(
        self,
        *,
        save_cc: bool | None = ...,
        cc_type: str | None = ...,
        cc_number_masked: str | None = ...,
        cc_exp_month: str | None = ...,
        cc_exp_year: str | None = ...,
        cc_number: str | None = ...,
        cc_cvv2: str | None = ...,
        cc_token: str | None = ...,
        date_created: datetime.datetime | datetime.date | str | None = ...,
        date_modified: datetime.datetime | datetime.date | str | None = ...,
    ) -> None: ...
    @staticmethod
    def from_resource(resource: Resource) -> DefaultPaymentMethod: ...


class Transaction(_Model):
    """A completed order (created by charging a cart)."""

    display_id: int | None
    is_test: bool | None
    is_editable: bool | None
    hide_transaction: bool | None
    data_is_fed: bool | None
    folder_uri: str | None
    transaction_date: datetime.datetime | datetime.date | None
    locale_code: str | None
    customer_first_name: str | None
    customer_last_name: str | None
    customer_tax_id: str | None
    customer_email: str | None
    customer_ip: str | None
    ip_country: str | None
    user_agent: str | None
    total_item_price: Decimal | None
    total_tax: Decimal | None
    total_shipping: Decimal | None
    total_future_shipping: Decimal | None
    total_order: Decimal | None
    currency_code: str | None
    currency_symbol: str | None
    status: str | None
    source: str | None
    date_created: datetime.datetime | datetime.date | None
    date_modified: datetime.datetime | datetime.date | None
    items: list[Item]
    attributes: list[Attribute]
    custom_fields: list[CustomField]
    discounts: list[Discount]
    def __init__(
        self,
        *,
        display_id: int | None = ...,
        is_test: bool | None = ...,
        is_editable: bool | None = ...,
        hide_transaction: bool | None = ...,
        data_is_fed: bool | None = ...,
        folder_uri: str | None = ...,
        transaction_date: datetime.datetime | datetime.date | str | None = ...,
        locale_code: str | None = ...,
        customer_first_name: str | None = ...,
        customer_last_name: str | None = ...,
        customer_tax_id: str | None = ...,
        customer_email: str | None = ...,
        customer_ip: str | None = ...,
        ip_country: str | None = ...,
        user_agent: str | None = ...,
        total_item_price: Decimal | int | str | None = ...,
        total_tax: Decimal | int | str | None = ...,
        total_shipping: Decimal | int | str | None = ...,
        total_future_shipping: Decimal | int | str | None = ...,
        total_order: Decimal | int | str | None = ...,
        currency_code: str | None = ...,
        currency_symbol: str | None = ...,
        status: str | None = ...,
        source: str | None = ...,
        date_created: datetime.datetime | datetime.date | str | None = ...,
        date_modified: datetime.datetime | datetime.date | str | None = ...,
        items: Iterable[Item] = ...,
        attributes: Iterable[Attribute] = ...,
        custom_fields: Iterable[CustomField] = ...,
        discounts: Iterable[Discount] = ...,
    ) -> None: ...
    @staticmethod
    def from_resource(resource: Resource) -> Transaction: ...


class Store(_Model):
    """The store and its settings."""

    store_version_uri: str | None
    store_name: str | None
    store_domain: str | None
    use_remote_domain: bool | None
    store_url: str | None
    receipt_continue_url: str | None
    store_email: str | None
    from_email: str | None
    use_email_dns: bool | None
    bcc_on_receipt_email: bool | None
    smtp_config: str | None
    postal_code: str | None
    region: str | None
    country: str | None
    locale_code: str | None
    timezone: str | None
    hide_currency_symbol: bool | None
    hide_decimal_characters: bool | None
    use_international_currency_symbol: bool | None
    language: str | None
    logo_url: str | None
    checkout_type: str | None
    use_webhook: bool | None
    webhook_url: str | None
    webhook_key: str | None
    use_cart_validation: bool | None
    use_single_sign_on: bool | None
    single_sign_on_url: str | None
    customer_password_hash_type: str | None
    customer_password_hash_config: Any | None
    features_multiship: bool | None
    products_require_expires_property: bool | None
    app_session_time: int | None
    shipping_address_type: str | None
    require_signed_shipping_rates: bool | None
    unified_order_entry_password: str | None
    custom_display_id_config: Any | None
    affiliate_id: int | None
    is_maintenance_mode: bool | None
    is_active: bool | None
    first_payment_date: datetime.datetime | datetime.date | None
    date_created: datetime.datetime | datetime.date | None
    date_modified: datetime.datetime | datetime.date | None
    def __init__(
        self,
        *,
        store_version_uri: str | None = ...,
        store_name: str | None = ...,
        store_domain: str | None = ...,
        use_remote_domain: bool | None = ...,
        store_url: str | None = ...,
        receipt_continue_url: str | None = ...,
        store_email: str | None = ...,
        from_email: str | None = ...,
        use_email_dns: bool | None = ...,
        bcc_on_receipt_email: bool | None = ...,
        smtp_config: str | None = ...,
        postal_code: str | None = ...,
        region: str | None = ...,
        country: str | None = ...,
        locale_code: str | None = ...,
        timezone: str | None = ...,
        hide_currency_symbol: bool | None = ...,
        hide_decimal_characters: bool | None = ...,
        use_international_currency_symbol: bool | None = ...,
        language: str | None = ...,
        logo_url: str | None = ...,
        checkout_type: str | None = ...,
        use_webhook: bool | None = ...,
        webhook_url: str | None = ...,
        webhook_key: str | None = ...,
        use_cart_validation: bool | None = ...,
        use_single_sign_on: bool | None = ...,
        single_sign_on_url: str | None = ...,
        customer_password_hash_type: str | None = ...,
        customer_password_hash_config: Any | None = ...,
        features_multiship: bool | None = ...,
        products_require_expires_property: bool | None = ...,
        app_session_time: int | None = ...,
        shipping_address_type: str | None = ...,
        require_signed_shipping_rates: bool | None = ...,
        unified_order_entry_password: str | None = ...,
        custom_display_id_config: Any | None = ...,
        affiliate_id: int | None = ...,
        is_maintenance_mode: bool | None = ...,
        is_active: bool | None = ...,
        first_payment_date: datetime.datetime | datetime.date | str | None = ...,
        date_created: datetime.datetime | datetime.date | str | None = ...,
        date_modified: datetime.datetime | datetime.date | str | None = ...,
    ) -> None: ...
    @staticmethod
    def from_resource(resource: Resource) -> Store: ...


class Discount(_Model):
    """A discount applied to a cart or transaction."""

    code: str | None
    amount: Decimal | None
    name: str | None
    display: str | None
    is_taxable: bool | None
    is_future_discount: bool | None
    date_created: datetime.datetime | datetime.date | None
    date_modified: datetime.datetime | datetime.date | None
    def __init__(
        self,
        *,
        code: str | None = ...,
        amount: Decimal | int | str | None = ...,
        name: str | None = ...,
        display: str | None = ...,
        is_taxable: bool | None = ...,
        is_future_discount: bool | None = ...,
        date_created: datetime.datetime | datetime.date | str | None = ...,
        date_modified: datetime.datetime | datetime.date | str | None = ...,
    ) -> None: ...
    @staticmethod
    def from_resource(resource: Resource) -> Discount: ...


class AppliedCouponCode(_Model):
    """A coupon code applied to a cart."""

    code: str | None
    date_created: datetime.datetime | datetime.date | None
    date_modified: datetime.datetime | datetime.date | None
    def __init__(
        self,
        *,
        code: str | None = ...,
        date_created: datetime.datetime | datetime.date | str | None = ...,
        date_modified: datetime.datetime | datetime.date | str | None = ...,
    ) -> None: ...
    @staticmethod
    def from_resource(resource: Resource) -> AppliedCouponCode: ...


class Subscription(_Model):
    """A subscription created by a charge of subscription items."""

    start_date: datetime.datetime | datetime.date | None
    next_transaction_date: datetime.datetime | datetime.date | None
    end_date: datetime.datetime | datetime.date | None
    frequency: str | None
    error_message: str | None
    past_due_amount: Decimal | None
    first_failed_transaction_date: datetime.datetime | datetime.date | None
    is_active: bool | None
    third_party_id: str | None
    payment_type: str | None
    date_created: datetime.datetime | datetime.date | None
    date_modified: datetime.datetime | datetime.date | None
    attributes: list[Attribute]
    def __init__(
        self,
        *,
        start_date: datetime.datetime | datetime.date | str | None = ...,
        next_transaction_date: datetime.datetime | datetime.date | str | None = ...,
        end_date: datetime.datetime | datetime.date | str | None = ...,
        frequency: str | None = ...,
        error_message: str | None = ...,
        past_due_amount: Decimal | int | str | None = ...,
        first_failed_transaction_date: datetime.datetime | datetime.date | str | None = ...,
        is_active: bool | None = ...,
        third_party_id: str | None = ...,
        payment_type: str | None = ...,
        date_created: datetime.datetime | datetime.date | str | None = ...,
        date_modified: datetime.datetime | datetime.date | str | None = ...,
        attributes: Iterable[Attribute] = ...,
    ) -> None: ...
    @staticmethod
    def from_resource(resource: Resource) -> Subscription: ...


class Collection:
    """One page of a collection: typed members, counts and links. Iterating it iterates the members."""

    @property
    def members(self) -> list[Any]: ...
    @property
    def total_items(self) -> int | None: ...
    @property
    def returned_items(self) -> int | None: ...
    @property
    def limit(self) -> int | None: ...
    @property
    def offset(self) -> int | None: ...
    @property
    def href(self) -> str | None: ...
    @property
    def next_href(self) -> str | None: ...
    @property
    def links(self) -> dict[str, list[Link]]: ...
    @property
    def meta(self) -> ResponseMeta | None: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Any]: ...
    def __getitem__(self, key: int) -> Any: ...

class Pages:
    """Every member of a collection, page by page (blocking iterator)."""

    def __iter__(self) -> Self: ...
    def __next__(self) -> Any: ...

class AsyncPages:
    """Every member of a collection, page by page (async iterator)."""

    def __aiter__(self) -> Self: ...
    def __anext__(self) -> Any: ...

# Clients --------------------------------------------------------------------------------------

class TypedResource:
    """A resource of one described relation: the base of every class of ``foxy.typed``, a handle on
    the core resource (a PUT sends every property and link that was read)."""

    def __new__(cls, relation: str, resource: Resource | TypedResource | None = None) -> Self: ...
    @property
    def relation(self) -> str: ...
    @property
    def href(self) -> str | None: ...
    @property
    def meta(self) -> ResponseMeta | None: ...
    def get_property(self, name: str) -> Any: ...
    def set_property(self, name: str, value: Any) -> None: ...
    def link(self, rel: str) -> Link | None: ...
    def embedded_of(self, rel: str) -> list[Resource]: ...
    def to_resource(self) -> Resource: ...
    def to_dict(self) -> dict[str, _Json]: ...

class Client:
    """The blocking client; every call releases the GIL while it waits."""

    def __init__(
        self,
        base_url: str = "https://api.foxycart.com/",
        *,
        client_id: str | None = None,
        client_secret: str | None = None,
        refresh_token: str | None = None,
        access_token: str | None = None,
        media_type: _MediaType = "hal+json",
        timeout: float | None = None,
        connect_timeout: float | None = None,
        max_attempts: int | None = None,
        user_agent_suffix: str | None = None,
        allow_insecure_http: bool = False,
        token_file: str | os.PathLike[str] | None = None,
        cassette: Cassette | None = None,
    ) -> None: ...
    def home(self) -> Resource: ...
    def follow(self, *rels: str) -> Follow: ...
    def at(self, target: _Target) -> Follow: ...
    def store(self) -> StorePath: ...
    def get(self, target: _Target, **query: Unpack[_Query]) -> Resource: ...
    def head(self, target: _Target, **query: Unpack[_Query]) -> Resource: ...
    def options(self, target: _Target) -> Resource: ...
    def post(self, target: _Target, body: Mapping[str, _Json] | Resource) -> Resource: ...
    def put(self, target: _Target, document: Resource | _Model | TypedResource) -> Resource: ...
    def patch(self, target: _Target, changes: Mapping[str, _Json]) -> Resource: ...
    def delete(self, target: _Target) -> Resource: ...
    @property
    def carts(self) -> Carts: ...
    @property
    def customers(self) -> Customers: ...
    @property
    def transactions(self) -> Transactions: ...

class AsyncClient:
    """The asyncio client: the methods of ``Client``, awaitable."""

    def __init__(
        self,
        base_url: str = "https://api.foxycart.com/",
        *,
        client_id: str | None = None,
        client_secret: str | None = None,
        refresh_token: str | None = None,
        access_token: str | None = None,
        media_type: _MediaType = "hal+json",
        timeout: float | None = None,
        connect_timeout: float | None = None,
        max_attempts: int | None = None,
        user_agent_suffix: str | None = None,
        allow_insecure_http: bool = False,
        token_file: str | os.PathLike[str] | None = None,
        cassette: Cassette | None = None,
    ) -> None: ...
    async def home(self) -> Resource: ...
    def follow(self, *rels: str) -> AsyncFollow: ...
    def at(self, target: _Target) -> AsyncFollow: ...
    async def get(self, target: _Target, **query: Unpack[_Query]) -> Resource: ...
    async def head(self, target: _Target, **query: Unpack[_Query]) -> Resource: ...
    async def options(self, target: _Target) -> Resource: ...
    async def post(self, target: _Target, body: Mapping[str, _Json] | Resource) -> Resource: ...
    async def put(self, target: _Target, document: Resource | _Model | TypedResource) -> Resource: ...
    async def patch(self, target: _Target, changes: Mapping[str, _Json]) -> Resource: ...
    async def delete(self, target: _Target) -> Resource: ...
    @property
    def carts(self) -> AsyncCarts: ...
    @property
    def customers(self) -> AsyncCustomers: ...
    @property
    def transactions(self) -> AsyncTransactions: ...

class Follow:
    """A relation path or href on the blocking client."""

    def follow(self, *rels: str) -> Follow: ...
    @property
    def rels(self) -> list[str]: ...
    def href(self) -> str: ...
    def get(self, **query: Unpack[_Query]) -> Resource: ...
    def head(self, **query: Unpack[_Query]) -> Resource: ...
    def options(self) -> Resource: ...
    def post(self, body: Mapping[str, _Json] | Resource) -> Resource: ...
    def put(self, document: Resource | _Model | TypedResource) -> Resource: ...
    def patch(self, changes: Mapping[str, _Json]) -> Resource: ...
    def delete(self) -> Resource: ...

class AsyncFollow:
    """A relation path or href on the async client."""

    def follow(self, *rels: str) -> AsyncFollow: ...
    @property
    def rels(self) -> list[str]: ...
    async def href(self) -> str: ...
    async def get(self, **query: Unpack[_Query]) -> Resource: ...
    async def head(self, **query: Unpack[_Query]) -> Resource: ...
    async def options(self) -> Resource: ...
    async def post(self, body: Mapping[str, _Json] | Resource) -> Resource: ...
    async def put(self, document: Resource | _Model | TypedResource) -> Resource: ...
    async def patch(self, changes: Mapping[str, _Json]) -> Resource: ...
    async def delete(self) -> Resource: ...

class Carts:
    """The store's carts (blocking)."""

    def list(self, **query: Unpack[_Query]) -> Collection: ...
    def all(self, **query: Unpack[_Query]) -> Iterator[Cart]: ...
    def get(self, href: _Target, **query: Unpack[_Query]) -> Cart: ...
    def create(self, cart: Cart) -> str: ...
    def create_and_get(self, cart: Cart, **query: Unpack[_Query]) -> Cart: ...
    def patch(self, href: _Target, changes: Mapping[str, _Json]) -> Cart: ...
    def put(self, cart: Cart) -> Cart: ...
    def delete(self, href: _Target) -> None: ...
    def charge(self, cart: Cart, customer: Customer) -> Transaction: ...
    def create_session(self, cart: Cart) -> CartSession: ...
    def items(self, cart: Cart, **query: Unpack[_Query]) -> Collection: ...
    def add_item(self, cart: Cart, item: Item) -> str: ...
    def item_options(self, item: Item, **query: Unpack[_Query]) -> Collection: ...
    def add_item_option(self, item: Item, option: ItemOption) -> str: ...
    def attributes(self, cart: Cart, **query: Unpack[_Query]) -> Collection: ...
    def add_attribute(self, cart: Cart, attribute: Attribute) -> str: ...
    def custom_fields(self, cart: Cart, **query: Unpack[_Query]) -> Collection: ...
    def add_custom_field(self, cart: Cart, field: CustomField) -> str: ...

class AsyncCarts:
    """The store's carts (asyncio)."""

    async def list(self, **query: Unpack[_Query]) -> Collection: ...
    def all(self, **query: Unpack[_Query]) -> AsyncIterator[Cart]: ...
    async def get(self, href: _Target, **query: Unpack[_Query]) -> Cart: ...
    async def create(self, cart: Cart) -> str: ...
    async def create_and_get(self, cart: Cart, **query: Unpack[_Query]) -> Cart: ...
    async def patch(self, href: _Target, changes: Mapping[str, _Json]) -> Cart: ...
    async def put(self, cart: Cart) -> Cart: ...
    async def delete(self, href: _Target) -> None: ...
    async def charge(self, cart: Cart, customer: Customer) -> Transaction: ...
    async def create_session(self, cart: Cart) -> CartSession: ...
    async def items(self, cart: Cart, **query: Unpack[_Query]) -> Collection: ...
    async def add_item(self, cart: Cart, item: Item) -> str: ...
    async def item_options(self, item: Item, **query: Unpack[_Query]) -> Collection: ...
    async def add_item_option(self, item: Item, option: ItemOption) -> str: ...
    async def attributes(self, cart: Cart, **query: Unpack[_Query]) -> Collection: ...
    async def add_attribute(self, cart: Cart, attribute: Attribute) -> str: ...
    async def custom_fields(self, cart: Cart, **query: Unpack[_Query]) -> Collection: ...
    async def add_custom_field(self, cart: Cart, field: CustomField) -> str: ...

class Customers:
    """The store's customers (blocking)."""

    def list(self, **query: Unpack[_Query]) -> Collection: ...
    def all(self, **query: Unpack[_Query]) -> Iterator[Customer]: ...
    def get(self, href: _Target, **query: Unpack[_Query]) -> Customer: ...
    def create(self, customer: Customer) -> str: ...
    def create_and_get(self, customer: Customer, **query: Unpack[_Query]) -> Customer: ...
    def patch(self, href: _Target, changes: Mapping[str, _Json]) -> Customer: ...
    def delete(self, href: _Target) -> None: ...
    def default_payment_method(self, customer: Customer) -> DefaultPaymentMethod: ...
    def update_default_payment_method(
        self, customer: Customer, changes: Mapping[str, _Json]
    ) -> DefaultPaymentMethod: ...
    def addresses(self, customer: Customer, **query: Unpack[_Query]) -> Collection: ...
    def add_address(self, customer: Customer, address: CustomerAddress) -> str: ...

class AsyncCustomers:
    """The store's customers (asyncio)."""

    async def list(self, **query: Unpack[_Query]) -> Collection: ...
    def all(self, **query: Unpack[_Query]) -> AsyncIterator[Customer]: ...
    async def get(self, href: _Target, **query: Unpack[_Query]) -> Customer: ...
    async def create(self, customer: Customer) -> str: ...
    async def create_and_get(self, customer: Customer, **query: Unpack[_Query]) -> Customer: ...
    async def patch(self, href: _Target, changes: Mapping[str, _Json]) -> Customer: ...
    async def delete(self, href: _Target) -> None: ...
    async def default_payment_method(self, customer: Customer) -> DefaultPaymentMethod: ...
    async def update_default_payment_method(
        self, customer: Customer, changes: Mapping[str, _Json]
    ) -> DefaultPaymentMethod: ...
    async def addresses(self, customer: Customer, **query: Unpack[_Query]) -> Collection: ...
    async def add_address(self, customer: Customer, address: CustomerAddress) -> str: ...

class Transactions:
    """The store's transactions (blocking)."""

    def list(self, **query: Unpack[_Query]) -> Collection: ...
    def all(self, **query: Unpack[_Query]) -> Iterator[Transaction]: ...
    def get(self, href: _Target, **query: Unpack[_Query]) -> Transaction: ...
    def get_with_items(self, href: _Target) -> Transaction: ...
    def items(self, transaction: Transaction, **query: Unpack[_Query]) -> Collection: ...

class AsyncTransactions:
    """The store's transactions (asyncio)."""

    async def list(self, **query: Unpack[_Query]) -> Collection: ...
    def all(self, **query: Unpack[_Query]) -> AsyncIterator[Transaction]: ...
    async def get(self, href: _Target, **query: Unpack[_Query]) -> Transaction: ...
    async def get_with_items(self, href: _Target) -> Transaction: ...
    async def items(self, transaction: Transaction, **query: Unpack[_Query]) -> Collection: ...

# Codecs ---------------------------------------------------------------------------------------

def parse(data: bytes | str, media_type: _MediaType = "hal+json") -> Resource:
    """Parses a document of a media type (``hal+json``, ``hal+xml``, ``siren``)."""

def write(resource: Resource, media_type: _MediaType = "hal+json") -> str:
    """Writes a resource as a document of a media type."""

def convert(data: bytes | str, *, from_: _MediaType, to: _MediaType) -> str:
    """Converts a document between media types."""

# Signing, webhooks, single sign-on, datafeed -----------------------------------------------------

class UrlVerification:
    """The outcome of ``verify_url``; truthy when every field checked out."""

    @property
    def is_valid(self) -> bool: ...
    @property
    def checked(self) -> int: ...
    @property
    def failures(self) -> list[tuple[str, str]]: ...
    def __bool__(self) -> bool: ...

def sign_url(secret: str, url: str) -> str:
    """Signs the product fields of a ``/cart`` link with the store secret."""

def verify_url(secret: str, url: str) -> UrlVerification:
    """Checks the signatures of a ``/cart`` link."""

def sign_html(secret: str, html: str) -> str:
    """Signs every cart link and form of an HTML page."""

def webhook_sign(key: str, body: bytes | str) -> str:
    """The ``Foxy-Webhook-Signature`` value of a body."""

def webhook_verify_signature(key: str, body: bytes | str, signature: str) -> bool:
    """Whether ``signature`` is the body's signature."""

def webhook_verify_request(key: str, headers: Mapping[str, str], body: bytes | str) -> str:
    """Checks a webhook request; returns its event. Raises ``SignatureError``."""

class WebhookEvent:
    """A verified webhook read into its event."""

    @property
    def name(self) -> str: ...
    @property
    def resource_kind(self) -> str: ...
    @property
    def resource(self) -> Resource: ...
    @property
    def data(self) -> Transaction | Subscription | Customer | None: ...

def webhook_verify_event(key: str, headers: Mapping[str, str], body: bytes | str) -> WebhookEvent:
    """Checks a webhook request and reads it into a ``WebhookEvent``."""

class SsoParams:
    """The parameters of a verified single sign-on URL."""

    @property
    def customer_id(self) -> int: ...
    @property
    def timestamp(self) -> int: ...
    @property
    def fcsid(self) -> str | None: ...

def sso_auth_token(secret: str, customer_id: int, timestamp: int) -> str:
    """``fc_auth_token``: hex SHA-1 of ``customer_id|timestamp|secret``."""

def sso_checkout_url(
    store_domain: str, secret: str, customer_id: int, timestamp: int, fcsid: str | None = None
) -> str:
    """The checkout URL that logs the customer in."""

def sso_verify_checkout_url(secret: str, url: str, now: int | None = None) -> SsoParams:
    """Checks a checkout URL at ``now``; raises ``SignatureError`` for a wrong or expired token."""

class Element:
    """One XML element of a datafeed."""

    @property
    def name(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def children(self) -> list[Element]: ...
    def child(self, name: str) -> Element | None: ...
    def find_all(self, name: str) -> list[Element]: ...
    def get(self, name: str, default: str | None = None) -> str | None: ...
    def to_xml(self) -> str: ...
    def __getitem__(self, key: str) -> str: ...
    def __contains__(self, key: str) -> bool: ...

class FoxyDataFeed:
    """A decrypted ``<foxydata>`` document."""

    @property
    def datafeed_version(self) -> str | None: ...
    @property
    def transactions(self) -> list[Element]: ...
    @property
    def subscriptions(self) -> list[Element]: ...
    @property
    def root(self) -> Element: ...
    @property
    def xml(self) -> str: ...

def datafeed_decrypt(data: bytes | str, key: str) -> str:
    """The XML of a datafeed (raw POST body or form value)."""

def datafeed_decode(data: bytes | str, key: str) -> FoxyDataFeed:
    """Decrypts and reads a datafeed."""

def datafeed_encrypt(xml: str, key: str) -> str:
    """Encrypts a ``<foxydata>`` document into the form value Foxy posts."""

# Sandbox --------------------------------------------------------------------------------------

class Sandbox:
    """A running local Foxy API and its seeded credentials."""

    @property
    def base_url(self) -> str: ...
    @property
    def client_id(self) -> str: ...
    @property
    def client_secret(self) -> str: ...
    @property
    def refresh_token(self) -> str: ...
    @property
    def store_secret(self) -> str: ...
    @property
    def store_id(self) -> int: ...
    @property
    def running(self) -> bool: ...
    def stats(self) -> dict[str, int]: ...
    def reset_stats(self) -> None: ...
    def stop(self) -> None: ...
    def __enter__(self) -> Self: ...
    def __exit__(self, *_exc: object) -> Literal[False]: ...

def sandbox_start(
    *,
    addr: str = "127.0.0.1:0",
    faults: str | None = None,
    seed: int = 0,
    token_lifetime: float | None = None,
    require_signed_carts: bool = False,
) -> Sandbox:
    """Starts a sandbox on a free port of 127.0.0.1."""

# Testing: record and replay -------------------------------------------------------------------

class Cassette:
    """A cassette to pass to ``Client(..., cassette=...)``: recording or replaying."""

    @property
    def path(self) -> str: ...
    @property
    def mode(self) -> Literal["record", "replay"]: ...
    @property
    def misses(self) -> list[str]: ...
    @property
    def unused(self) -> int: ...
    def finish(self) -> None: ...
    def __len__(self) -> int: ...
    def __enter__(self) -> Self: ...
    def __exit__(self, *_exc: object) -> Literal[False]: ...

def cassette_record(path: str | os.PathLike[str]) -> Cassette:
    """Records into a new cassette at ``path``, secrets scrubbed."""

def cassette_replay(path: str | os.PathLike[str]) -> Cassette:
    """Replays the cassette at ``path`` with no network."""
