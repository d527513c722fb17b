'use strict'
// `for await` over a cursor takes a whole page per native call and walks it
// in JavaScript; `next()` still hands over one member at a time.

const { test, before, after } = require('node:test')
const assert = require('node:assert/strict')
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
