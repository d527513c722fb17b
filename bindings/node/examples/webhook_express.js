'use strict'
// Receiving Foxy webhooks with the Express middleware of `@foxy-rs/foxy/express`.
// With Express it is one line: `app.post('/webhooks', foxyWebhook({ key }), handler)`;
// this example uses a plain `node:http` server, as the middleware needs no Express.
//
//   FOXY_WEBHOOK_KEY=my_key node bindings/node/examples/webhook_express.js
//
// then `foxy sandbox`, `foxy --sandbox listen --forward-to http://127.0.0.1:3000/webhooks --key my_key`
// and `foxy --sandbox trigger transaction/created` in other terminals.

const http = require('node:http')
const { foxyWebhook } = require('../express.js')

/** The handler: runs only for webhooks whose signature checked out. */
function receive(req, res) {
  const event = req.foxyWebhook
  const transaction = event.transaction
  const customer = event.customer
  const summary = transaction
    ? `transaction ${transaction.displayId} total ${transaction.totalOrder}`
    : customer
      ? `customer ${customer.email}`
      : event.resourceKind
  console.log(`${event.name}: ${summary}`)
  res.setHeader('Content-Type', 'application/json')
  res.end(JSON.stringify({ event: event.name, summary }))
}

/** The server: `POST /webhooks` through the middleware, everything else 404. */
function createServer(key = () => process.env.FOXY_WEBHOOK_KEY || 'webhook_key_example') {
  const verify = foxyWebhook({ key })
  return http.createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/webhooks') {
      res.statusCode = 404
      res.end()
      return
    }
    verify(req, res, (err) => {
      if (err) {
        res.statusCode = 500
        res.end(`${err.message}\n`)
        return
      }
      receive(req, res)
    })
  })
}

module.exports = { createServer }

if (require.main === module) {
  const port = Number(process.env.PORT || 3000)
  createServer().listen(port, '127.0.0.1', () => {
    console.log(`listening on http://127.0.0.1:${port}/webhooks`)
  })
}
