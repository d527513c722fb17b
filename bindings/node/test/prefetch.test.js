'use strict'
// A cursor fetches one page ahead: while JavaScript reads page n, page n+1 is
// fetched, never page n+2; every member comes once, in order.

const { test, before, after } = require('node:test')
const assert = require('node:assert/strict')
const { sandboxClient } = require('./helpers.js')

const CARTS = 23
const LIMIT = 5
const query = { filters: { billing_city: 'Ahead' }, order: 'id', limit: LIMIT }

let sandbox
let client
let created

before(async () => {
  ;({ sandbox, client } = await sandboxClient())
  created = []
  for (let i = 0; i < CARTS; i++) created.push(await client.carts.create({ billingCity: 'Ahead' }))
})

after(() => sandbox.stop())

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

test('nextPage() holds at most one page ahead and walks in order', async () => {
  await client.carts.list(query) // token and links first, with no cursor fetching ahead in the background
  const start = sandbox.stats().requests
  const cursor = client.carts.all(query)
  const hrefs = []
  let page = 0
  for (let members = await cursor.nextPage(); members !== null; members = await cursor.nextPage()) {
    hrefs.push(...members.map((c) => c.href))
    await sleep(50) // the next page arrives meanwhile, never the one after it
    const fetched = sandbox.stats().requests - start
    assert.ok(fetched <= page + 2, `reading page ${page}, ${fetched} fetched`)
    page += 1
  }
  assert.deepEqual(hrefs.sort(), [...created].sort())
})

test('for await walks every member once', async () => {
  const hrefs = []
  for await (const cart of client.carts.all(query)) hrefs.push(cart.href)
  assert.equal(new Set(hrefs).size, CARTS)
  assert.deepEqual(hrefs.sort(), [...created].sort())
})
