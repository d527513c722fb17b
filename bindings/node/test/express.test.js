'use strict'
// `@foxy-rs/foxy/express` behind the example's server (node:http, over
// 127.0.0.1): a signed webhook reaches the handler typed; a tampered,
// unsigned or wrongly keyed one is answered 401 with the reason; a body that
// a parser already consumed is a clear error, a raw Buffer body is used as is.

const { test, before, after } = require('node:test')
const assert = require('node:assert/strict')
const http = require('node:http')
const { foxy } = require('./helpers.js')
const { foxyWebhook } = require('../express.js')
const { createServer } = require('../examples/webhook_express.js')

const KEY = 'webhook_key_node_test'
const TRANSACTION = Buffer.from(
  '{"_links": {"self": {"href": "https://api.test/transactions/42"}}, "display_id": 42, "total_order": 19.99, "unknown": [1]}'
)

let server
let url

before(async () => {
  server = createServer(() => KEY)
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${server.address().port}/webhooks`
})

after(() => new Promise((resolve) => server.close(resolve)))

function signed(event, body, key = KEY) {
  return {
    'Content-Type': 'application/json',
    'Foxy-Webhook-Event': event,
    'Foxy-Webhook-Signature': foxy.signWebhook(key, body),
  }
}

async function post(body, headers, to = url) {
  const answer = await fetch(to, { method: 'POST', body, headers })
  return { status: answer.status, text: await answer.text() }
}

test('a signed transaction reaches the handler typed', async () => {
  const { status, text } = await post(TRANSACTION, signed('transaction/created', TRANSACTION))
  assert.equal(status, 200, text)
  assert.deepEqual(JSON.parse(text), { event: 'transaction/created', summary: 'transaction 42 total 19.99' })
})

test('a customer event is typed as a customer', async () => {
  const body = Buffer.from('{"_links": {}, "email": "ada@sandbox.test"}')
  const { status, text } = await post(body, signed('customer/updated', body))
  assert.equal(status, 200, text)
  assert.deepEqual(JSON.parse(text), { event: 'customer/updated', summary: 'customer ada@sandbox.test' })
})

test('a tampered body is refused with 401 and the reason', async () => {
  const headers = signed('transaction/created', TRANSACTION)
  const tampered = Buffer.from(TRANSACTION.toString().replace('19.99', '0.01'))
  const { status, text } = await post(tampered, headers)
  assert.equal(status, 401)
  assert.equal(text, 'webhook rejected: signature does not match the body\n')
})

test('a missing signature or another key is refused with 401', async () => {
  let answer = await post(TRANSACTION, { 'Foxy-Webhook-Event': 'transaction/created' })
  assert.equal(answer.status, 401)
  assert.equal(answer.text, 'webhook rejected: missing Foxy-Webhook-Signature header\n')
  answer = await post(TRANSACTION, signed('transaction/created', TRANSACTION, 'another key'))
  assert.equal(answer.status, 401)
  assert.ok(!answer.text.includes(KEY))
})

test('a signed body that is not a document is a bad request', async () => {
  const body = Buffer.from('[1, 2')
  const { status, text } = await post(body, signed('transaction/created', body))
  assert.equal(status, 400)
  assert.match(text, /^webhook rejected: the webhook body is not a HAL\+JSON resource/)
})

test('the event keeps the whole resource', () => {
  const event = foxy.verifyWebhookEvent(KEY, signed('transaction/created', TRANSACTION), TRANSACTION)
  assert.equal(event.name, 'transaction/created')
  assert.equal(event.resourceKind, 'transaction')
  assert.equal(event.resource.href, 'https://api.test/transactions/42')
  assert.deepEqual(event.resource.property('unknown'), ['1'])
  assert.equal(event.customer, null)
  assert.equal(event.transaction.totalOrder, '19.99')
})

/** A server running `prepare` (a body parser stand-in), then the middleware. */
async function withServer(prepare, run) {
  const verify = foxyWebhook({ key: KEY, limit: 64 })
  const srv = http.createServer(async (req, res) => {
    await prepare(req)
    verify(req, res, (err) => {
      res.statusCode = err ? 500 : 200
      res.end(err ? err.message : req.foxyWebhook.name)
    })
  })
  await new Promise((resolve) => srv.listen(0, '127.0.0.1', resolve))
  try {
    await run(`http://127.0.0.1:${srv.address().port}/`)
  } finally {
    await new Promise((resolve) => srv.close(resolve))
  }
}

async function readAll(req) {
  const chunks = []
  for await (const chunk of req) chunks.push(chunk)
  return Buffer.concat(chunks)
}

test('a raw Buffer body (express.raw()) is verified as is', async () => {
  const body = Buffer.from('{"_links": {}}')
  await withServer(
    async (req) => {
      req.body = await readAll(req)
    },
    async (to) => {
      const answer = await post(body, signed('transaction/created', body), to)
      assert.deepEqual(answer, { status: 200, text: 'transaction/created' })
    }
  )
})

test('a body a JSON parser already consumed is a clear error, not a bad signature', async () => {
  const body = Buffer.from('{"_links": {}}')
  await withServer(
    async (req) => {
      req.body = JSON.parse((await readAll(req)).toString())
    },
    async (to) => {
      const answer = await post(body, signed('transaction/created', body), to)
      assert.equal(answer.status, 500)
      assert.match(answer.text, /mount foxyWebhook before the body parsers/)
    }
  )
})

test('a body over the limit is refused with 413', async () => {
  const body = Buffer.alloc(100, 32)
  await withServer(
    async () => {},
    async (to) => {
      const answer = await post(body, signed('transaction/created', body), to)
      assert.equal(answer.status, 413)
    }
  )
})

test('the key is required', () => {
  assert.throws(() => foxyWebhook({}), TypeError)
})
