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

test('read, change one field through a setter, PUT: the sandbox holds the unknown property, the links stay', async () => {
  const listed = (await client.store().coupons.list({ limit: 1 })).members[0]
  const before = await client.get(listed.href) // the raw resource, as the sandbox holds it
  // What the class does not describe: a property and a link, added to the document as read (its
  // text, so numbers keep their exact form).
  const text = before.write('hal+json')
  assert.match(text, /^\{/)
  assert.match(text, /"_links":\s*\{/)
  const document = text
    .replace(/^\{/, '{"x_partner_ref":"partner-42",')
    .replace(/"_links":\s*\{/, '"_links":{"x:partner":{"href":"https://partner.example/coupons/42"},')
  const coupon = new typed.Coupon(foxy.parseResource(document))
  assert.equal(coupon.name, before.property('name'))
  coupon.name = 'Renamed from Node'
  // The handle keeps what it does not describe, beside the change.
  assert.equal(coupon.toResource().property('x_partner_ref'), 'partner-42')
  assert.equal(coupon.link('x:partner'), 'https://partner.example/coupons/42')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foxy-typed-'))
  const file = path.join(dir, 'put.json')
  const recorder = new foxy.Client({
    baseUrl: sandbox.baseUrl,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    refreshToken: sandbox.refreshToken,
    cassette: foxy.testing.record(file),
  })
  await recorder.put(coupon.href, coupon) // the typed object itself
  const puts = JSON.parse(fs.readFileSync(file, 'utf8')).interactions.filter((e) => e.request.method === 'PUT')
  assert.equal(puts.length, 1)
  const sent = typeof puts[0].request.body === 'string' ? puts[0].request.body : JSON.stringify(puts[0].request.body)
  assert.match(sent, /"x_partner_ref":"partner-42"/)
  assert.match(sent, /"name":"Renamed from Node"/)
  // Every other property sent is the one read (the core leaves out what the server sets).
  const was = before.toJSON().properties
  for (const [name, value] of Object.entries(foxy.parseResource(sent).toJSON().properties)) {
    if (name !== 'name' && name !== 'x_partner_ref') assert.deepEqual(value, was[name], name)
  }
  // GET raw: the change is held, every other property written and every link unchanged.
  const after = await client.get(listed.href)
  assert.equal(after.property('name'), 'Renamed from Node')
  assert.equal(after.property('x_partner_ref'), 'partner-42') // the sandbox holds the unknown property
  const wasLinks = before.toJSON().links
  const { properties: now, links: nowLinks } = after.toJSON()
  for (const name of Object.keys(foxy.parseResource(sent).toJSON().properties)) {
    if (!['name', 'x_partner_ref'].includes(name)) assert.deepEqual(now[name], was[name], name)
  }
  assert.deepEqual(nowLinks, wasLinks)
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

test('all() is an async iterator crossing once per page, the next page requested one ahead', async () => {
  const path = client.store().coupons
  const total = (await path.list({ limit: 1 })).totalItems
  assert.ok(total >= 2)
  const walk = client.walk(path.rels, 'fx:coupons', 'coupon', { limit: 1 })
  sandbox.resetStats()
  const first = await walk.nextPage()
  assert.equal(first.length, 1)
  await new Promise((resolve) => setTimeout(resolve, 200))
  // The first page, then the second requested ahead: never a third.
  assert.equal(sandbox.stats().requests, 2)
  const iterator = path.all({ limit: 1 })
  assert.equal(typeof iterator[Symbol.asyncIterator], 'function')
  let seen = 0
  for await (const coupon of iterator) {
    assert.ok(coupon instanceof typed.Coupon)
    seen++
  }
  assert.equal(seen, total)
  // One page holding them all (its `next` may link to itself): each member once.
  const once = []
  for await (const coupon of path.all({ limit: 300 })) once.push(coupon.href)
  assert.equal(once.length, total)
  await assert.rejects(async () => {
    for await (const c of path.all({ limit: 301 })) assert.fail(`unexpected ${c.href}`)
  }, foxy.InvalidInputError)
})

test('client.follow() returns a path to keep following, read by get()', async () => {
  const store = client.follow('fx:store')
  assert.ok(store instanceof typed.Path)
  assert.deepEqual(store.follow('fx:coupons').rels, ['fx:store', 'fx:coupons'])
  const page = await store.follow('fx:coupons').get({ limit: 1 })
  assert.ok(page instanceof foxy.Resource)
  assert.equal(page.embedded('fx:coupons').length, 1)
  const home = await client.home()
  const fromStore = client.follow('fx:coupons', home.link('fx:store'))
  assert.match(await fromStore.resolve(), /\/coupons$/)
})

test('embedded children are live views: cart.items[0].quantity = 5 changes what toResource() (a PUT) sends', () => {
  const document = JSON.stringify({
    _links: { self: { href: 'https://api.foxycart.com/carts/1' } },
    _embedded: {
      'fx:items': [
        { _links: { self: { href: 'https://api.foxycart.com/items/7' } }, name: 'Hat', price: 19.99, quantity: 1, color: 'red' },
        { _links: { self: { href: 'https://api.foxycart.com/items/8' } }, name: 'Scarf', price: 5, quantity: 2 },
      ],
      'fx:customer': [{ _links: { self: { href: 'https://api.foxycart.com/customers/3' } }, first_name: 'Ada' }],
    },
    total_order: 49.99,
  })
  const cart = new typed.Cart(foxy.parseResource(document))
  const items = cart.items
  assert.equal(items, cart.items, 'the same array on every read')
  assert.ok(items[0] instanceof typed.Item)
  assert.equal(items[0].name, 'Hat')
  assert.equal(items[0].price, '19.99')
  items[0].quantity = 5
  items[1].price = '6.50'
  cart.customer.firstName = 'Grace'
  assert.equal(cart.customer, cart.customer)
  const sent = cart.toResource()
  const [hat, scarf] = sent.embedded('fx:items')
  assert.equal(hat.property('quantity'), '5')
  assert.equal(hat.property('color'), 'red', 'what Item does not describe stays')
  assert.equal(hat.href, 'https://api.foxycart.com/items/7')
  assert.equal(scarf.property('price'), '6.50')
  assert.equal(sent.embedded('fx:customer')[0].property('first_name'), 'Grace')
  assert.equal(sent.property('total_order'), '49.99')
  assert.match(sent.write('hal+json'), /"quantity":\s*5\b/)
  // Replacing or growing the list.
  cart.items.push(new typed.Item())
  cart.items[2].name = 'Gloves'
  assert.deepEqual(
    cart.toResource().embedded('fx:items').map((item) => item.property('name')),
    ['Hat', 'Scarf', 'Gloves'],
  )
  cart.items = [items[1]]
  assert.deepEqual(
    cart.toResource().embedded('fx:items').map((item) => item.property('name')),
    ['Scarf'],
  )
  cart.items = [{ name: 'Plain', quantity: 3 }]
  assert.ok(cart.items[0] instanceof typed.Item, 'a plain object becomes the generated class')
  assert.equal(cart.toResource().embedded('fx:items')[0].property('quantity'), '3')
  // No embedded list: an empty array; no embedded resource: null.
  assert.deepEqual(new typed.Cart().items, [])
  assert.equal(new typed.Cart().customer, null)
})

test('a generated class from a plain object: names looked up in the description, setters used', () => {
  const cart = new typed.Cart({
    billingCity: 'Austin',
    totalShipping: '4.10',
    items: [{ name: 'Hat', price: '19.990', quantity: 2 }, new typed.Item({ name: 'Scarf' })],
  })
  assert.equal(cart.billingCity, 'Austin')
  assert.equal(cart.totalShipping, '4.10', 'money stays exact decimal text')
  assert.deepEqual(
    cart.items.map((item) => item.name),
    ['Hat', 'Scarf'],
  )
  assert.equal(cart.items[0].price, '19.990')
  const sent = cart.toResource()
  assert.equal(sent.property('billing_city'), 'Austin')
  assert.equal(sent.embedded('fx:items')[0].property('quantity'), '2')
  assert.equal(cart.href, null)
  assert.throws(() => new typed.Cart({ noSuchField: 1 }), TypeError)
  assert.throws(() => new typed.Cart({ totalOrder: '1.00' }), TypeError, 'read-only')
  assert.throws(() => new typed.Cart({ href: 'x' }), TypeError)
  assert.throws(() => new typed.Cart('cart'), TypeError)
  assert.throws(() => new typed.Item({ quantity: 'many' }), { code: 'FOXY_INVALID_INPUT' })
})
