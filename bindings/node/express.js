'use strict'
// `@foxy-rs/foxy/express`: an Express middleware that verifies Foxy webhooks.
//
// Foxy signs the raw body, so the check must happen before anything parses
// it. The middleware reads the raw body itself (or takes the Buffer that
// `express.raw()` left in `req.body`), has the Rust core check
// `Foxy-Webhook-Signature` in constant time and read the body into a typed
// `WebhookEvent`, and sets `req.foxyWebhook` before calling `next()`. A
// missing or wrong signature is answered 401 with the reason, a signed body
// that is not the resource its event names 400, a body over `limit` 413.
// Its signature is `(req, res, next)`, so it needs no Express: a plain
// `node:http` server can call it too.

const { verifyWebhookEvent } = require('./foxy.js')

/** The default largest body read, in bytes (1 MiB). */
const DEFAULT_LIMIT = 1024 * 1024

function reject(res, status, reason) {
  res.statusCode = status
  res.setHeader('Content-Type', 'text/plain; charset=utf-8')
  res.end(`${reason}\n`)
}

/** Reads the whole body of `req` as a Buffer; `null` when it exceeds `limit`. */
function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = []
    let size = 0
    let over = false
    req.on('data', (chunk) => {
      size += chunk.length
      if (size > limit) over = true
      if (!over) chunks.push(chunk)
    })
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/**
 * The middleware. `options` is the webhook's encryption key, or
 * `{ key, limit }` where `key` is the key or a function returning it (read
 * on each request) and `limit` the largest body in bytes.
 */
function foxyWebhook(options) {
  const { key, limit = DEFAULT_LIMIT } = typeof options === 'object' && options !== null ? options : { key: options }
  if (typeof key !== 'string' && typeof key !== 'function') {
    throw new TypeError('foxyWebhook needs the webhook key: foxyWebhook(key) or foxyWebhook({ key })')
  }
  return function foxyWebhookMiddleware(req, res, next) {
    let body
    if (Buffer.isBuffer(req.body)) {
      body = Promise.resolve(req.body)
    } else if (req.body !== undefined || req.readableEnded) {
      next(
        new Error(
          'foxyWebhook: the body was already read and parsed (express.json() or another parser ran first); ' +
            'the signature covers the raw bytes, so mount foxyWebhook before the body parsers, or use express.raw()'
        )
      )
      return
    } else {
      body = readBody(req, limit)
    }
    body.then((bytes) => {
      if (bytes === null) {
        reject(res, 413, `webhook rejected: the body is over ${limit} bytes`)
        return
      }
      let event
      try {
        event = verifyWebhookEvent(typeof key === 'function' ? key() : key, req.headers, bytes)
      } catch (err) {
        const status = err && err.code === 'FOXY_VERIFICATION' ? 401 : err && err.code === 'FOXY_INVALID_INPUT' ? 400 : 500
        if (status === 500) {
          next(err)
          return
        }
        reject(res, status, err.message)
        return
      }
      req.foxyWebhook = event
      next()
    }, next)
  }
}

module.exports = { foxyWebhook, DEFAULT_LIMIT }
