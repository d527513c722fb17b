'use strict'
// The generated typed classes and navigation (`typed.js`, over the native `TypedResource`) against
// the embedded sandbox: a class is a handle on the core resource, so a PUT sends what it does not describe.

const { test, before, after } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { foxy, sandboxClient } = require('./helpers.js')

const { typed } = foxy

let sandbox
let client

before(async () => {
  ;({ sandbox, client } = await sandboxClient())
})

after(async () => {
  await sandbox.stop()
})

test('client.store().coupons.list() is a typed page of typed coupons', async () => {
  const page = await client.store().coupons.list({ limit: 2 })
  assert.ok(page instanceof typed.Coupons)
  assert.ok(page.totalItems >= 1)
  const coupon = page.members[0]
  assert.ok(coupon instanceof typed.Coupon && coupon instanceof foxy.TypedResource)
  assert.equal(coupon.relation, 'coupon')
  assert.equal(typeof coupon.name, 'string')
  assert.match(coupon.href, /\/coupons\/\d+$/)
  assert.match(coupon.storeHref, /\/stores\/\d+$/)
  assert.deepEqual(client.store().coupons.rels, ['fx:store', 'fx:coupons'])
})

test('all() walks every page; follow() returns a path', async () => {
  const seen = []
  for await (const coupon of client.store().coupons.all({ limit: 1 })) seen.push(coupon.href)
  const page = await client.store().coupons.list({ limit: 1 })
  assert.equal(seen.length, page.totalItems)
  assert.equal(new Set(seen).size, seen.length)
  const onward = client.store().follow('fx:coupons')
  assert.ok(onward instanceof typed.Path)
  assert.match(await onward.resolve(), /\/coupons$/)
  const store = await client.store().get()
  assert.ok(store instanceof typed.Store)
  assert.equal(typeof store.storeName, 'string')
})

test('a PUT sends the property the class does not describe, with the change', async () => {
  const read = (await client.store().coupons.list({ limit: 1 })).members[0]
  const document = read.toJSON()
  document.x_partner_ref = 'partner-42'
  const coupon = new typed.Coupon(foxy.parseResource(JSON.stringify(document)))
  coupon.name = 'Renamed from Node'
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foxy-typed-'))
  const file = path.join(dir, 'put.json')
  const recording = foxy.testing.record(file)
  const recorder = new foxy.Client({
    baseUrl: sandbox.baseUrl,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    refreshToken: sandbox.refreshToken,
    cassette: recording,
  })
  await recorder.put(read.href, coupon.toResource())
  const puts = JSON.parse(fs.readFileSync(file, 'utf8')).interactions.filter((e) => e.request.method === 'PUT')
  assert.equal(puts.length, 1)
  const sent = typeof puts[0].request.body === 'string' ? puts[0].request.body : JSON.stringify(puts[0].request.body)
  assert.match(sent, /"x_partner_ref":"partner-42"/)
  assert.match(sent, /Renamed from Node/)
  const again = new typed.Coupon(await client.get(read.href))
  assert.equal(again.name, 'Renamed from Node')
  assert.equal(again.storeHref, read.storeHref)
  assert.equal(again.couponCodesHref, read.couponCodesHref)
})

test('typed getters and setters of a subscription; errors are thrown, not crashes', () => {
  const resource = foxy.parseResource(
    JSON.stringify({
      frequency: '1m',
      is_active: '1',
      past_due_amount: '19.990',
      _links: { self: { href: 'https://api.foxycart.test/subscriptions/9' } },
    }),
  )
  const sub = new typed.Subscription(resource)
  assert.equal(sub.frequency, '1m')
  assert.equal(sub.isActive, true)
  assert.equal(sub.pastDueAmount, '19.990')
  sub.pastDueAmount = '0.50'
  assert.equal(sub.toResource().property('past_due_amount'), '0.50')
  sub.isActive = false
  assert.equal(sub.toResource().property('is_active'), '0')
  assert.throws(() => {
    sub.isActive = 'maybe'
  }, { code: 'FOXY_INVALID_INPUT' })
  const coupon = new typed.Coupon(foxy.parseResource('{"id": 7}'))
  assert.equal(coupon.id, 7)
  assert.throws(() => coupon.setProperty('id', 8), { code: 'FOXY_INVALID_INPUT' })
  assert.throws(() => new foxy.TypedResource('no_such_relation'), { code: 'FOXY_INVALID_INPUT' })
  assert.equal(typed.CLASSES.coupon, typed.Coupon)
})
