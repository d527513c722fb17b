// Types of the package entry point: the generated `index.d.ts`, plus the
// async iteration that `foxy.js` adds to the cursors.
export * from './index'
export * as typed from './typed'
import type { Cart, Cassette, Customer, ResponseMeta, Transaction } from './index'

declare module './index' {
  interface Client {
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
  | 'FOXY_VERIFICATION'
  | 'FOXY_SANDBOX'
  | 'FOXY_INTERNAL'

/** The shape of every error the package throws or rejects with (built in `src/errors.rs`). */
export interface FoxyError extends Error {
  name: 'FoxyError'
  /** The stable code. */
  code: FoxyErrorCode
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
