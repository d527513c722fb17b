'use strict'
// Foxy's official TypeScript SDK (@foxy.io/sdk), unchanged, against the
// sandbox: refresh-token authentication, link following, a cart created,
// filled with one embedded PUT, read back, listed with query parameters,
// a customer patched and the cart deleted. Every body the SDK sends is
// `JSON.stringify` text, which fetch labels `text/plain;charset=UTF-8`.
//
// The SDK's node methods answer a Response whose `status` is always 200 (it
// copies the fetch Response with Object.assign, which drops the status
// getter), so statuses are checked on raw `api.fetch` calls and the SDK's
// answers by their documents.

const { test, before, after } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const FoxySDK = require('@foxy.io/sdk')
const { startSandbox, conformanceDir } = require('../sandbox.js')

/** The embedded PUT body of Foxy's cart reference, from the conformance corpus. */
function embeddedPutBody(t) {
  const dir = conformanceDir()
  if (!dir) {
    if (process.env.CI === 'true') assert.fail('no conformance corpus (set FOXY_CONFORMANCE_DIR)')
    t.skip('no conformance corpus at ../shared/conformance or FOXY_CONFORMANCE_DIR')
    return null
  }
  return JSON.parse(fs.readFileSync(path.join(dir, 'seeds/cart.put-embedded.request.json'), 'utf8'))
}

/** consola's level that logs only fatal errors: node:test owns standard output. */
const QUIET = 0

let sandbox
let api
/** State the steps hand on to each other, in order. */
const state = {}

before(async () => {
  sandbox = await startSandbox()
  api = new FoxySDK.Backend.API({
    base: new URL(sandbox.baseUrl),
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    refreshToken: sandbox.refreshToken,
    level: QUIET,
  })
})

after(async () => {
  if (sandbox) await sandbox.stop()
})

/** An SDK node rooted at `url` (a resource, maybe with a query), sharing the token and cache. */
function at(url) {
  return new FoxySDK.Backend.API({
    base: new URL(url),
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    refreshToken: sandbox.refreshToken,
    storage: api.storage,
    cache: api.cache,
    level: QUIET,
  })
}

test('the SDK authenticates with the refresh token and follows fx:store', async () => {
  const response = await api.follow('fx:store').get()
  assert.equal(response.status, 200)
  const store = await response.json()
  assert.equal(store.store_name, 'Sandbox Store')
  assert.ok(store._links['fx:carts'], 'the store links its carts')
  const token = JSON.parse(api.storage.getItem(FoxySDK.Backend.API.ACCESS_TOKEN))
  assert.equal(typeof token.access_token, 'string')
  assert.ok(token.expires_in > 0)
})

test('POST to fx:carts creates a cart', async () => {
  const raw = await api.fetch(new URL('stores/2', sandbox.baseUrl).toString())
  assert.equal(raw.status, 200, 'api.fetch is authenticated')
  const response = await api.follow('fx:store').follow('fx:carts').post({})
  const created = await response.json()
  assert.match(created._links.self.href, /\/carts\/\d+$/)
  assert.match(created.message, /created successfully/)
  state.cartHref = created._links.self.href
})

test('PUT with zoom=items,items:item_options writes attributes, items and options in one call', async (t) => {
  assert.ok(state.cartHref, 'a cart was created')
  const body = embeddedPutBody(t)
  if (!body) return
  const url = new URL(state.cartHref)
  url.searchParams.set('zoom', 'items,items:item_options')
  // The reference's example names item category 10 of Foxy's production
  // host; a real store, like the sandbox, knows only its own categories.
  const categories = await (await api.follow('fx:store').follow('fx:item_categories').get()).json()
  const category = categories._embedded['fx:item_categories'].find((c) => c.code === 'DEFAULT')
  for (const item of body._embedded['fx:items']) item.item_category_uri = category._links.self.href
  const response = await at(url).put(body)
  const written = await response.json()
  assert.equal(written._embedded['fx:errors'], undefined, JSON.stringify(written))
  const items = written._embedded['fx:items']
  assert.deepEqual(
    items.map((item) => [item.name, item.code, item.quantity]),
    [
      ['Example Subscription', 'xyz456', 1],
      ['Sprocket', 'abc123', 2],
    ],
  )
  const options = items.map((item) => item._embedded['fx:item_options'].map((o) => `${o.name}=${o.value}`))
  assert.deepEqual(options, [['color=red'], ['size=xl']])
  state.embedded = true
})

test('the totals read back follow the embedded items and their price modifiers', async (t) => {
  if (!state.embedded) return t.skip('the embedded PUT did not run')
  const response = await at(state.cartHref).get({ zoom: ['attributes', { items: 'item_options' }] })
  const json = await response.json()
  // (19.99 - 10) x 1 + (100 + 0) x 2
  assert.equal(Number(json.total_item_price), 209.99)
  assert.equal(Number(json.total_order), 209.99)
  const attributes = json._embedded['fx:attributes'].map((a) => [a.name, a.value, a.visibility])
  assert.deepEqual(attributes, [
    ['cart attribute 1', 'value 1', 'public'],
    ['cart attribute 2', 'value 2', 'public'],
  ])
  assert.equal(json._embedded['fx:items'][0]._embedded['fx:item_options'][0].price_mod, -10)
})

test('listing carts honours limit, order, zoom and fields', async () => {
  const carts = api.follow('fx:store').follow('fx:carts')
  for (const city of ['Aachen', 'Cairo', 'Berlin']) {
    await carts.post({ billing_city: city, billing_last_name: 'Sdk-listing' })
  }
  const response = await carts.get({
    filters: ['billing_last_name=Sdk-listing'],
    limit: 2,
    order: { billing_city: 'desc' },
    zoom: ['items'],
    fields: ['billing_city', 'total_item_price'],
  })
  const page = await response.json()
  assert.equal(page.limit, 2)
  assert.equal(page.returned_items, 2)
  assert.equal(Number(page.total_items), 3)
  const members = page._embedded['fx:carts']
  assert.deepEqual(
    members.map((cart) => cart.billing_city),
    ['Cairo', 'Berlin'],
  )
  for (const cart of members) {
    assert.equal(cart.billing_last_name, undefined, 'fields leaves out the other properties')
    assert.equal(Number(cart.total_item_price), 0)
    assert.deepEqual(cart._embedded['fx:items'], [], 'zoom embeds the (empty) items')
  }
  assert.match(page._links.next.href, /limit=2/)
  assert.match(page._links.next.href, /offset=2/)
  // Each member's links are SDK nodes: follow one back.
  const again = await (await members[0]._links.self.get()).json()
  assert.equal(again.billing_city, 'Cairo')
  assert.equal(again.billing_last_name, 'Sdk-listing')
})

test('PATCH a customer changes only what it sends', async () => {
  const customers = api.follow('fx:store').follow('fx:customers')
  const found = await (await customers.get({ filters: ['email=alan.turing@sandbox.test'] })).json()
  assert.equal(found.returned_items, 1)
  const alan = found._embedded['fx:customers'][0]
  const answer = await (await alan._links.self.patch({ first_name: 'Alan Mathison' })).json()
  assert.equal(answer._embedded?.['fx:errors'], undefined, JSON.stringify(answer))
  const patched = await (await alan._links.self.get()).json()
  assert.equal(patched.first_name, 'Alan Mathison')
  assert.equal(patched.last_name, alan.last_name)
  assert.equal(patched.email, 'alan.turing@sandbox.test')
})

test('DELETE a cart, after which it is gone', async () => {
  assert.ok(state.cartHref, 'a cart was created')
  const cart = at(state.cartHref)
  const answer = await (await cart.delete()).json()
  assert.match(answer.message, /deleted successfully/)
  const gone = await (await cart.get()).json()
  assert.match(gone._embedded['fx:errors'][0].message, /not found/)
  const raw = await api.fetch(state.cartHref)
  assert.equal(raw.status, 404)
})
