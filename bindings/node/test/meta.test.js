'use strict'
// Response metadata (`meta`) on values read and on API errors, against the sandbox.

const { test, before, after } = require('node:test')
const assert = require('node:assert/strict')
const { foxy, sandboxClient, failure } = require('./helpers.js')

let sandbox
let client

before(async () => {
  ;({ sandbox, client } = await sandboxClient())
})

after(() => sandbox.stop())

/** The path of an absolute href (`/stores/1`). */
const pathOf = (href) => new URL(href).pathname

test('a resource read carries its status, etag, url, attempts and time', async () => {
  const store = await client.follow('fx:store').get()
  const meta = store.meta
  assert.ok(meta, 'meta')
  assert.equal(meta.status, 200)
  assert.ok(meta.etag, 'etag')
  assert.ok(meta.attempts >= 1)
  assert.ok(meta.elapsed > 0)
  assert.ok(meta.url.endsWith(pathOf(store.href)), meta.url)
  assert.equal(meta.headers.etag, meta.etag)
  assert.ok(!('authorization' in meta.headers))
  assert.ok(['bypassed', 'miss', 'revalidated', 'hit'].includes(meta.cache))
  assert.equal(meta.logref ?? null, null)
})

test('typed objects and pages carry it; values built in code do not', async () => {
  const href = await client.carts.create({ currencyCode: 'USD' })
  const cart = await client.carts.get(href)
  assert.equal(cart.meta.status, 200)
  assert.ok(cart.meta.url.endsWith(pathOf(href)), cart.meta.url)
  assert.ok(cart.meta.etag && cart.meta.attempts >= 1 && cart.meta.elapsed > 0)
  const page = await client.carts.list({ limit: 2 })
  assert.equal(page.meta.status, 200)
  assert.ok(new URL(page.meta.url).pathname.endsWith('/carts'), page.meta.url)
  assert.equal(new foxy.typed.Cart({}).meta, null)
  assert.equal(foxy.parseResource('{"total": 1}').meta, null)
})

test('a 404 carries the answer meta with the logref', async () => {
  const error = await failure(client.carts.get(sandbox.baseUrl.replace(/\/$/, '') + '/carts/999999'))
  assert.equal(error.code, 'FOXY_API')
  assert.ok(error.meta, 'meta')
  assert.equal(error.meta.status, 404)
  assert.ok(error.meta.url.endsWith('/carts/999999'), error.meta.url)
  assert.ok(error.meta.attempts >= 1)
  assert.ok(error.meta.logref, 'logref')
  assert.equal(error.meta.logref, error.logrefs[0])
})

test('errors not from an answer have no meta', async () => {
  const error = await failure(client.carts.list({ limit: 301 }))
  assert.equal(error.code, 'FOXY_INVALID_INPUT')
  assert.equal(error.meta, undefined)
})
