"""A typed client for the Foxy.io (FoxyCart) hypermedia API, built on the foxy-rs Rust core.

- ``foxy.Client`` (blocking; releases the GIL during I/O) and ``foxy.AsyncClient`` (asyncio), with
  navigation by relation (``client.follow("fx:store", "fx:carts").get(limit=5)``), typed
  operations (``client.carts``, ``client.customers``, ``client.transactions``) and pagination
  (``for cart in client.carts.all(): ...``, ``async for ...``).
- Typed resources (``Cart``, ``Item``, ``Customer``, ``Transaction``...): money as
  ``decimal.Decimal``, dates as ``datetime``; ``to_dict()``.
- ``foxy.typed`` (generated from the API description): a class per relation over the core resource
  (``foxy.TypedResource``) and typed navigation (``client.store().coupons.list(limit=5)``).
- Helpers: ``foxy.convert`` / ``parse`` / ``write`` (HAL+JSON, HAL+XML, Siren),
  ``foxy.signing``, ``foxy.webhook``, ``foxy.sso``, ``foxy.datafeed``, and ``foxy.sandbox`` (a local
  emulator of the API for tests), ``foxy.testing`` (record and replay cassettes).
- Errors: ``foxy.FoxyError`` and its subclasses.
"""

from . import _foxy
from ._foxy import (
    AmbiguousChargeError,
    ApiError,
    AppliedCouponCode,
    AsyncCarts,
    AsyncClient,
    AsyncCustomers,
    AsyncFollow,
    AsyncPages,
    AsyncTransactions,
    Attribute,
    AuthError,
    Cart,
    Carts,
    CartSession,
    Client,
    Collection,
    CustomField,
    Customer,
    CustomerAddress,
    Customers,
    DecodeError,
    DefaultPaymentMethod,
    Discount,
    Follow,
    FoxyError,
    InvalidInputError,
    Item,
    ItemOption,
    Link,
    Pages,
    RateLimitError,
    RequestTimeout,
    Resource,
    ResponseMeta,
    SignatureError,
    Store,
    Subscription,
    Transaction,
    TokenRejectedError,
    Transactions,
    TransportError,
    TypedResource,
    __version__,
    convert,
    parse,
    write,
)
from . import datafeed, sandbox, signing, sso, testing, webhook

__all__ = [
    "AmbiguousChargeError",
    "ApiError",
    "AppliedCouponCode",
    "AsyncCarts",
    "AsyncClient",
    "AsyncCustomers",
    "AsyncFollow",
    "AsyncPages",
    "AsyncTransactions",
    "Attribute",
    "AuthError",
    "Cart",
    "CartSession",
    "Carts",
    "Client",
    "Collection",
    "CustomField",
    "Customer",
    "CustomerAddress",
    "Customers",
    "DecodeError",
    "DefaultPaymentMethod",
    "Discount",
    "Follow",
    "FoxyError",
    "InvalidInputError",
    "Item",
    "ItemOption",
    "Link",
    "Pages",
    "RateLimitError",
    "RequestTimeout",
    "Resource",
    "ResponseMeta",
    "SignatureError",
    "Store",
    "Subscription",
    "Transaction",
    "TokenRejectedError",
    "Transactions",
    "TransportError",
    "TypedResource",
    "__version__",
    "convert",
    "datafeed",
    "parse",
    "sandbox",
    "signing",
    "sso",
    "testing",
    "webhook",
    "write",
]

del _foxy
