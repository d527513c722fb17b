// Types of the package entry point: the generated `index.d.ts`, plus the
// async iteration that `foxy.js` adds to the cursors.
export * from './index'
export * as typed from './typed'
import type { Cassette, ResponseMeta } from './index'
import type { Cart, Customer, Transaction } from './typed'

declare module './index' {
  interface Client {
    /**
     * A relation path from the API home (or from `from`, an href): `follow('fx:store').get()`;
     * nothing is requested until `get()`.
     */
    follow(rels: string | readonly string[], from?: string): import('./typed').Path
    /** Typed navigation from the store: `client.store().coupons.list({ limit: 5 })`. */
    store(): import('./typed').StorePath
  }
  interface CartCursor {
    [Symbol.asyncIterator](): AsyncIterator<Cart>
  }
  interface CustomerCursor {
    [Symbol.asyncIterator](): AsyncIterator<Customer>
  }
  interface TransactionCursor {
    [Symbol.asyncIterator](): AsyncIterator<Transaction>
  }
}

/** Record and replay: cassettes to pass as `new Client({ ..., cassette })` (docs/NODE.md). */
export declare const testing: {
  /** Records every exchange into a new cassette at `path`, secrets scrubbed. */
  record(path: string): Cassette
  /** Answers every request from the cassette at `path`, with no network. */
  replay(path: string): Cassette
}

/** The stable `code` of every error the package throws or rejects with (see docs/NODE.md). */
export type FoxyErrorCode =
  | 'FOXY_API'
  | 'FOXY_RATE_LIMIT'
  | 'FOXY_AUTH'
  | 'FOXY_TOKEN_REJECTED'
  | 'FOXY_TRANSPORT'
  | 'FOXY_TIMEOUT'
  | 'FOXY_DECODE'
  | 'FOXY_INVALID_INPUT'
  | 'FOXY_LEGACY'
  | 'FOXY_CART_ENDPOINT'
  | 'FOXY_USAGE'
  | 'FOXY_VERIFICATION'
  | 'FOXY_SANDBOX'
  | 'FOXY_INTERNAL'

/**
 * The base class of every error the package throws or rejects with (classes made from the native
 * table `errorClasses()`, one per kind of error of the Rust client: `errorKinds()`).
 */
export declare class FoxyError extends Error {
  /** The class name (`'ApiError'`). */
  name: string
  /** The stable code. */
  code: FoxyErrorCode
  /** The Rust client's error kind (`'api'`, `'missing_link'`, `'timeout'`...; `'verification'`, `'sandbox'`, `'internal'`). */
  kind: string
  /** The HTTP status of an API error (`FOXY_API`, `FOXY_RATE_LIMIT`). */
  status?: number
  /** The messages of the API's `fx:errors` document, in order. */
  messages: string[]
  /** The logrefs of the API's `fx:errors` document, in order. */
  logrefs: string[]
  /**
   * Whether the request may have been processed (a dropped connection or a timeout), or a charge
   * may have gone through before a later step failed: check before charging again.
   */
  ambiguous: boolean
  /** The href of the transaction a charge made, when an ambiguous failure followed it. */
  transaction?: string
  /** The server's OAuth error code of `FOXY_TOKEN_REJECTED` (such as `invalid_token`). */
  oauthError?: string
  /** What the server said besides the body, for an API error: status, headers, url, attempts, `logref`. */
  meta?: ResponseMeta
}
/** The API answered with an error status (`status`, `messages`, `logrefs`, `meta`). */
export declare class ApiError extends FoxyError {}
/** The API still answered 429 after the retries. */
export declare class RateLimitError extends ApiError {}
/** No token, or the token endpoint refused. */
export declare class AuthError extends FoxyError {}
/** The API rejected the access token (401; `oauthError`). */
export declare class TokenRejectedError extends AuthError {}
/** The connection failed or dropped (or the transport could not be set up). */
export declare class TransportError extends FoxyError {}
/** No response in time. */
export declare class TimeoutError extends FoxyError {}
/** A document that cannot be read (or does not fit the typed model). */
export declare class DecodeError extends FoxyError {}
/** Refused before anything was sent (limit 301, bad URI, bad amount...). */
export declare class InvalidInputError extends FoxyError {}
/** A resource on the way has no link of the relation to follow. */
export declare class MissingLinkError extends InvalidInputError {}
/** The transport policy refused the URL before any request. */
export declare class PolicyError extends InvalidInputError {}
/** A client cannot be built as configured (base URL, token endpoint, media type, credentials). */
export declare class ConfigurationError extends InvalidInputError {}
/** The legacy XML API refused the request or failed. */
export declare class LegacyApiError extends FoxyError {}
/** The /cart endpoint refused the request or failed. */
export declare class CartEndpointError extends FoxyError {}
/** The client was used in a way it cannot work. */
export declare class UsageError extends FoxyError {}
/** A charge may have gone through and a later step failed (`transaction`; `code` is the cause's). */
export declare class AmbiguousChargeError extends FoxyError {}
/** A signature, webhook or single sign-on token did not check out. */
export declare class VerificationError extends FoxyError {}
/** The embedded sandbox could not start. */
export declare class SandboxError extends FoxyError {}
/** A bug in the SDK (including a caught panic). */
export declare class InternalError extends FoxyError {}
