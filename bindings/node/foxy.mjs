// The package entry point for ES modules: the CommonJS entry point
// (`foxy.js`), re-exported by name. test/esm.test.mjs checks that no
// export is missing here.
import foxy from './foxy.js'

export const {
  Client,
  Carts,
  Customers,
  Transactions,
  CartCursor,
  CustomerCursor,
  TransactionCursor,
  Resource,
  Cart,
  Item,
  ItemOption,
  Attribute,
  CustomField,
  Discount,
  AppliedCouponCode,
  Customer,
  CustomerAddress,
  DefaultPaymentMethod,
  Transaction,
  CartSession,
  WebhookEvent,
  Sandbox,
  startSandbox,
  encodeQuery,
  convert,
  parseResource,
  signUrl,
  verifyUrl,
  signHtml,
  signWebhook,
  verifyWebhookSignature,
  verifyWebhook,
  verifyWebhookEvent,
  ssoAuthToken,
  ssoCheckoutUrl,
  verifySsoUrl,
  decryptDatafeed,
  decodeDatafeed,
  encryptDatafeed,
  DATAFEED_REPLY,
} = foxy

export default foxy
