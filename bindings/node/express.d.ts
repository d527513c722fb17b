// Types of `@foxy-rs/foxy/express` (express.js, written by hand).
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { WebhookEvent } from './index'

/** The options of {@link foxyWebhook}. */
export interface FoxyWebhookOptions {
  /** The webhook's encryption key, or a function returning it (read on each request). */
  key: string | (() => string)
  /** The largest body read, in bytes (default {@link DEFAULT_LIMIT}); a larger one is answered 413. */
  limit?: number
}

/** A request the middleware has verified: `foxyWebhook` is set before `next()`. */
export interface FoxyWebhookRequest extends IncomingMessage {
  /** The verified event (set by the middleware). */
  foxyWebhook?: WebhookEvent
  /** A raw body left by `express.raw()`, if any. */
  body?: unknown
}

/** The default largest body read, in bytes (1 MiB). */
export declare const DEFAULT_LIMIT: number

/**
 * An Express middleware (`(req, res, next)`, so plain `node:http` works too) that reads the raw
 * body, verifies `Foxy-Webhook-Signature` in constant time and sets `req.foxyWebhook`; a bad
 * signature is answered 401 with the reason, a signed body that is not its event's resource 400.
 */
export declare function foxyWebhook(
  options: string | FoxyWebhookOptions
): (req: FoxyWebhookRequest, res: ServerResponse, next: (err?: unknown) => void) => void
