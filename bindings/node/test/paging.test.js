'use strict'
// `for await` over a cursor takes a whole page per native call and walks it
// in JavaScript; `next()` still hands over one member at a time.

const { test, before, after } = require('node:test')
const assert = require('node:assert/strict')
const http = require('node:http')
const { foxy, sandboxClient, failure } = require('./helpers.js')

const CARTS = 120
const LIMIT = 25
const query = { filters: { billing_city: 'Pager' }, order: 'id', limit: LIMIT }

let sandbox
let client
let created

before(async () => {
  ;({ sandbox, client } = await sandboxClient())
  created = []
  for (let i = 0; i < CARTS; i += 20) {
    const batch = Array.from({ length: Math.min(20, CARTS - i) }, () => client.carts.create({ billingCity: 'Pager' }))
    created.push(...(await Promise.all(batch)))
  }
})

after(() => sandbox.stop())

/** Counts the calls of a cursor method while `body` runs. */
async function counting(method, body) {
  const original = foxy.CartCursor.prototype[method]
  let calls = 0
  foxy.CartCursor.prototype[method] = function (...args) {
    calls += 1
    return original.apply(this, args)
  }
  try {
    await body()
  } finally {
    foxy.CartCursor.prototype[method] = original
  }
  return calls
}

test('for await crosses into the runtime once per page', async () => {
  const hrefs = []
  let members = 0
  const pages = await counting('nextPage', async () => {
    members = await counting('next', async () => {
      for await (const cart of client.carts.all(query)) hrefs.push(cart.href)
    })
  })
  assert.deepEqual(hrefs.sort(), [...created].sort())
  assert.equal(members, 0)
  assert.equal(pages, Math.ceil(CARTS / LIMIT) + 1) // every page, then `null`
})

test('next() and nextPage() walk the same collection in order', async () => {
  const walked = []
  for await (const cart of client.carts.all(query)) walked.push(cart.href)
  const cursor = client.carts.all(query)
  const mixed = [(await cursor.next()).href]
  const rest = await cursor.nextPage()
  assert.equal(rest.length, LIMIT - 1) // the rest of the first page
  mixed.push(...rest.map((c) => c.href))
  mixed.push((await cursor.next()).href)
  for (let page = await cursor.nextPage(); page !== null; page = await cursor.nextPage()) {
    mixed.push(...page.map((c) => c.href))
  }
  assert.deepEqual(mixed, walked)
  assert.equal(await cursor.next(), null)
  assert.equal(await cursor.nextPage(), null)
})

test('a cursor with a bad query rejects once, then ends', async () => {
  const cursor = client.carts.all({ limit: 301 })
  const error = await failure(cursor.nextPage())
  assert.equal(error.code, 'FOXY_INVALID_INPUT')
  assert.equal(await cursor.nextPage(), null)
  await assert.rejects(
    (async () => {
      for await (const cart of client.carts.all({ limit: 301 })) assert.fail(`unexpected ${cart.href}`)
    })(),
    (e) => e.code === 'FOXY_INVALID_INPUT',
  )
})

test('a described walk: a next that cannot be resolved is its error, after the page that links it', async () => {
  let requests = 0
  const server = http.createServer((req, res) => {
    requests += 1
    const self = `http://127.0.0.1:${server.address().port}${req.url}`
    res.writeHead(200, { 'content-type': 'application/hal+json' })
    res.end(
      JSON.stringify({
        _links: { self: { href: self }, next: { href: 'http://[not a host' } },
        _embedded: { 'fx:coupons': [{ id: 1 }, { id: 2 }] },
        total_items: 5,
        returned_items: 2,
        offset: 0,
      }),
    )
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const base = `http://127.0.0.1:${server.address().port}/`
    const broken = new foxy.Client({ baseUrl: base, accessToken: 'token', maxAttempts: 1 })
    const walk = broken.walk([], 'fx:coupons', 'coupon', undefined, `${base}coupons`)
    const first = await walk.nextPage()
    assert.deepEqual(first.map((c) => c.toResource().property('id')), ['1', '2'])
    const error = await failure(walk.nextPage())
    assert.ok(error instanceof foxy.FoxyError, String(error))
    assert.match(error.message, /not a host/)
    assert.equal(error.code, 'FOXY_INVALID_INPUT')
    assert.equal(await walk.nextPage(), null)
    assert.equal(requests, 1)
  } finally {
    server.closeAllConnections()
    server.close()
  }
})
