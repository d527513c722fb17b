'use strict'
// A typed object is a handle on the core value: a PUT writes back every
// property and link it read, the unmodelled ones included, plus the changes.
// The sandbox stores only the fields it knows, so the documents live in a
// small store on 127.0.0.1 that keeps whatever properties it is sent. Like
// Foxy, it owns the links: a PUT (which the core sends without links)
// replaces everything else.

const { test, before, after } = require('node:test')
const assert = require('node:assert/strict')
const http = require('node:http')
const { foxy } = require('./helpers.js')

let server
let base
const documents = new Map()

before(async () => {
  server = http.createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      if (req.method === 'PUT') {
        const { _links, ...rest } = JSON.parse(body)
        documents.set(path, { _links: documents.get(path)?._links ?? _links, ...rest })
      }
      const stored = documents.get(path)
      res.writeHead(stored === undefined ? 404 : 200, { 'Content-Type': 'application/hal+json' })
      res.end(JSON.stringify(stored ?? { message: 'not found' }))
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${server.address().port}`
})

after(() => server.close())

/** Stores `document` at `path` with a raw PUT; returns its URL. */
async function rawPut(path, document) {
  const response = await fetch(base + path, { method: 'PUT', body: JSON.stringify(document) })
  assert.equal(response.status, 200)
  return base + path
}

/** The stored document at `path`, parsed. */
async function rawGet(path) {
  return JSON.parse(await (await fetch(base + path)).text())
}

test('a PUT of a typed cart keeps unmodelled properties, links and item fields', async () => {
  const href = await rawPut('/carts/1', {
    _links: {
      self: { href: `${base}/carts/1` },
      'fx:items': { href: `${base}/carts/1/items` },
      'fx:loyalty': { href: `${base}/loyalty/7`, title: 'Not modelled' },
    },
    _embedded: {
      'fx:items': [
        {
          _links: { self: { href: `${base}/items/2` } },
          name: 'Sprocket',
          price: 10.5,
          quantity: 2,
          engraving: 'for Ada',
        },
      ],
    },
    billing_city: 'Oslo',
    loyalty_tier: { level: 'gold', since: '2024-01-01' },
  })
  const client = new foxy.Client({ baseUrl: base, accessToken: 'token', maxAttempts: 1 })

  const cart = await client.carts.get(href, { zoom: 'items' })
  assert.ok(cart instanceof foxy.typed.Cart)
  assert.equal(cart.link('fx:loyalty'), `${base}/loyalty/7`)
  cart.billingCity = 'Bergen'
  cart.items[0].quantity = 3
  const answer = await client.carts.put(cart)
  assert.equal(answer.billingCity, 'Bergen')

  const stored = await rawGet('/carts/1')
  assert.equal(stored.billing_city, 'Bergen')
  assert.deepEqual(stored.loyalty_tier, { level: 'gold', since: '2024-01-01' })
  assert.deepEqual(stored._links['fx:loyalty'], { href: `${base}/loyalty/7`, title: 'Not modelled' })
  const [item] = stored._embedded['fx:items']
  assert.equal(item.engraving, 'for Ada')
  assert.equal(item.quantity, 3)
  assert.equal(item.name, 'Sprocket')
})

test('embedded lists are live handles', async () => {
  const cart = new foxy.typed.Cart({ billingCity: 'Riga', items: [{ name: 'Gear', price: '1.25', quantity: 1 }] })
  const [item] = cart.items
  item.price = '2.50'
  assert.equal(cart.items[0].price, '2.50')
  cart.items = [...cart.items, { name: 'Bolt', price: '0.10', quantity: 4 }]
  assert.deepEqual(
    cart.items.map((i) => [i.name, i.price, i.quantity]),
    [
      ['Gear', '2.50', 1],
      ['Bolt', '0.10', 4],
    ],
  )
  assert.throws(() => (item.price = 'two'), (e) => e.code === 'FOXY_INVALID_INPUT')
  const shared = new foxy.typed.Item({ name: 'Shared', quantity: 1 })
  const holder = new foxy.typed.Cart({ items: [shared] })
  shared.quantity = 9
  assert.equal(holder.items[0].quantity, 9)
  cart.billingCity = null
  assert.equal(cart.billingCity, null)
})

test('toJSON and console.log show the plain form', () => {
  const cart = new foxy.typed.Cart({ billingCity: 'Lima', items: [{ name: 'Nut', quantity: 2 }] })
  const item = { href: null, properties: { name: 'Nut', quantity: '2' }, links: {} }
  assert.deepEqual(JSON.parse(JSON.stringify(cart)), {
    href: null,
    properties: { billing_city: 'Lima' },
    links: {},
    embedded: { 'fx:items': [item] },
  })
  assert.match(require('node:util').inspect(cart, { depth: 4 }), /^Cart \{[^]*billing_city: 'Lima'[^]*name: 'Nut'/)
})
