'use strict'
// Every client method against the embedded sandbox over 127.0.0.1.

const { test, before, after } = require('node:test')
const assert = require('node:assert/strict')
const { foxy, sandboxClient } = require('./helpers.js')

let sandbox
let client

before(async () => {
  ;({ sandbox, client } = await sandboxClient())
})

after(async () => {
  await sandbox.stop()
  await sandbox.stop() // idempotent
})

async function customerByEmail(email) {
  const page = await client.customers.list({ filters: { email } })
  assert.equal(page.members.length, 1)
  return page.members[0]
}

async function cartWithItem(name = 'Sprocket', price = '10.50', quantity = 2) {
  const href = await client.carts.create({ currencyCode: 'USD' })
  const cart = await client.carts.get(href)
  const itemHref = await client.carts.addItem(cart, { name, price, quantity, code: 'sku-' + name })
  assert.match(itemHref, /\/items\/\d+$/)
  return client.carts.get(href, { zoom: ['items', 'items:item_options'] })
}

test('the sandbox exposes its URL and seeded credentials', () => {
  assert.match(sandbox.baseUrl, /^http:\/\/127\.0\.0\.1:\d+/)
  assert.equal(typeof sandbox.clientId, 'string')
  assert.equal(typeof sandbox.clientSecret, 'string')
  assert.equal(typeof sandbox.refreshToken, 'string')
  assert.equal(typeof sandbox.storeSecret, 'string')
  assert.match(sandbox.storeUrl, /\/stores\/\d+$/)
})

test('navigation: home, follow by relation, resolve, get', async () => {
  const home = await client.home()
  assert.ok(home instanceof foxy.Resource)
  assert.ok(home.link('fx:store'))
  const store = await client.follow('fx:store').get()
  assert.equal(store.href, home.link('fx:store'))
  assert.equal(store.property('store_name'), 'Sandbox Store')
  const carts = await client.follow(['fx:store', 'fx:carts']).get({ limit: 2 })
  assert.equal(carts.property('limit'), '2') // numbers are exact text
  const href = await client.resolve(['fx:store', 'fx:customers'])
  assert.match(href, /\/stores\/\d+\/customers$/)
  const customers = await client.get(href, { fields: 'email' })
  const first = customers.embedded('fx:customers')[0]
  assert.ok(first.property('email'))
  assert.equal(first.property('first_name'), null)
  const fromStore = await client.follow('fx:customers', store.href).get()
  assert.equal(fromStore.href.split('?')[0], href)
  assert.deepEqual(Object.keys(JSON.parse(JSON.stringify(store))), ['href', 'properties', 'links'])
  assert.ok(store.embeddedRels.length === 0)
  assert.match(store.write('siren'), /"class"|"properties"/)
})

test('generic post, patch, put and delete', async () => {
  const cartsHref = await client.resolve(['fx:store', 'fx:carts'])
  const created = await client.post(cartsHref, { customer_email: 'x@example.test' })
  const href = created.href
  assert.match(href, /\/carts\/\d+$/)
  const patched = await client.patch(href, { billing_city: 'Paris', locale_code: 'fr_FR' })
  assert.equal(patched.property('billing_city'), 'Paris')
  const doc = foxy.parseResource(JSON.stringify({ billing_city: 'Lyon', customer_email: 'y@example.test' }))
  const replaced = await client.put(href, doc)
  assert.equal(replaced.property('billing_city'), 'Lyon')
  const deleted = await client.delete(href)
  assert.ok(deleted instanceof foxy.Resource)
})

test('carts: create, get, list, patch, put, delete', async () => {
  const href = await client.carts.create({ billingCity: 'Oslo', billingFirstName: 'Pat' })
  const cart = await client.carts.get(href)
  assert.equal(cart.href, href)
  assert.equal(cart.billingCity, 'Oslo')
  assert.equal(cart.link('fx:items').startsWith('http'), true)

  const made = await client.carts.createAndGet({ billingCity: 'Made' }, { zoom: 'items' })
  assert.deepEqual(made.items, [])

  const page = await client.carts.list({ filters: { billing_first_name: 'Pat' }, limit: 5 })
  assert.equal(page.members.length, 1)
  assert.equal(page.totalItems, 1)
  assert.equal(Number(page.toResource().property('limit')), 5)

  const patched = await client.carts.patch(href, { billing_city: 'Bergen' })
  assert.equal(patched.billingCity, 'Bergen')

  const withItem = await cartWithItem('Gear', '3.10', 3)
  withItem.items[0].quantity = 5
  withItem.billingCity = 'Turku'
  const replaced = await client.carts.put(withItem)
  assert.equal(replaced.billingCity, 'Turku')
  const reread = await client.carts.get(withItem.href, { zoom: 'items' })
  assert.equal(reread.items[0].quantity, 5)
  assert.equal(reread.totalItemPrice.replace(/0+$/, ''), '15.5')

  await client.carts.delete(href)
  const after = await client.carts.list({ filters: { billing_first_name: 'Pat' } })
  assert.equal(after.members.length, 0)
})

test('items, item options, attributes and custom fields of a cart', async () => {
  const cart = await cartWithItem('Widget', '19.99', 1)
  assert.equal(cart.items.length, 1)
  const item = cart.items[0]
  assert.equal(item.price, '19.99') // exact text, not a float
  assert.equal(item.quantity, 1)

  const optionHref = await client.carts.addItemOption(item, { name: 'color', value: 'red', priceMod: '1.01' })
  assert.match(optionHref, /\/item_options\/\d+$/)
  const options = await client.carts.itemOptions(item, {})
  assert.equal(options.members.length, 1)
  assert.equal(options.members[0].priceMod, '1.01')

  const items = await client.carts.items(cart, { zoom: 'item_options' })
  assert.equal(items.members[0].itemOptions.length, 1)
  const totals = await client.carts.get(cart.href)
  assert.equal(Number(totals.totalItemPrice), 21)
  assert.equal(typeof totals.totalOrder, 'string')

  await client.carts.addAttribute(cart, { name: 'gift', value: 'yes', visibility: 'private' })
  const attributes = await client.carts.attributes(cart)
  assert.deepEqual(
    attributes.members.map((a) => [a.name, a.value, a.visibility]),
    [['gift', 'yes', 'private']],
  )

  await client.carts.addCustomField(cart, { name: 'note', value: 'ring twice', isHidden: true })
  const fields = await client.carts.customFields(cart)
  assert.equal(fields.members[0].name, 'note')
  assert.equal(fields.members[0].isHidden, true)
})

test('a plain object argument is made the class of the relation its native parameter reads', async () => {
  const cart = await cartWithItem('Gizmo', '2.00', 1)
  const before = sandbox.stats().requests
  // An item option's field on an item parameter, a cart's field on an item parameter: refused
  // by the generated class before anything is sent, as a rejection.
  await assert.rejects(client.carts.addItem(cart, { priceMod: '1.00' }), TypeError)
  await assert.rejects(client.carts.addItemOption(cart.items[0], { quantity: 2 }), TypeError)
  await assert.rejects(client.carts.charge(cart, 42)) // napi's own argument check, as a rejection
  assert.equal(sandbox.stats().requests, before)
  // The same names are fine where the parameter is that relation.
  const href = await client.carts.addItemOption(cart.items[0], { name: 'size', value: 'L', priceMod: '0.50' })
  assert.match(href, /\/item_options\/\d+$/)
})

test('createSession gives a session id and a cart link', async () => {
  const cart = await cartWithItem()
  const session = await client.carts.createSession(cart)
  const sessionId = session.property('session_id')
  assert.ok(sessionId.length > 0)
  assert.ok(session.property('cart_link').includes(sessionId))
})

test('customers: create, get, list, patch, addresses, payment method, delete', async () => {
  const href = await client.customers.create({ firstName: 'Katherine', lastName: 'Johnson', email: 'kj@example.test' })
  const customer = await client.customers.get(href)
  assert.equal(customer.email, 'kj@example.test')
  const made = await client.customers.createAndGet({ firstName: 'Dorothy', email: 'dv@example.test' })
  assert.equal(made.firstName, 'Dorothy')

  const patched = await client.customers.patch(href, { last_name: 'Goble' })
  assert.equal(patched.lastName, 'Goble')

  const addressHref = await client.customers.addAddress(customer, { addressName: 'Home', city: 'Hampton', country: 'US' })
  assert.match(addressHref, /customer_addresses\/\d+$/)
  const addresses = await client.customers.addresses(customer, { filters: { address_name: 'Home' } })
  assert.equal(addresses.members[0].city, 'Hampton')

  const none = await client.customers.defaultPaymentMethod(customer)
  assert.equal(Boolean(none.saveCc), false)
  const saved = await client.customers.updateDefaultPaymentMethod(customer, {
    save_cc: true,
    cc_number: '4242424242424242',
    cc_exp_month: '12',
    cc_exp_year: '2030',
  })
  assert.match(saved.ccNumberMasked, /4242$/)

  await client.customers.delete(href)
  const left = await client.customers.list({ filters: { email: 'kj@example.test' } })
  assert.equal(left.members.length, 0)
})

test('charge, then transactions: list, get, getWithItems, items', async () => {
  const grace = await customerByEmail('grace.hopper@sandbox.test')
  const cart = await cartWithItem('Compiler', '1234567.89', 1)
  const transaction = await client.carts.charge(cart, grace)
  assert.equal(transaction.status, 'completed')
  assert.equal(transaction.totalItemPrice, '1234567.89')
  assert.equal(transaction.items.length, 1)

  const got = await client.transactions.get(transaction.href)
  assert.equal(got.href, transaction.href)
  const withItems = await client.transactions.getWithItems(transaction.href)
  assert.equal(withItems.items[0].name, 'Compiler')
  const items = await client.transactions.items(transaction)
  assert.equal(items.members[0].price, '1234567.89')
  const page = await client.transactions.list({ order: ['id desc'], limit: 1 })
  assert.equal(page.members[0].href, transaction.href)
})

test('for await walks every page of carts, customers and transactions', async () => {
  for (let i = 0; i < 5; i++) await client.carts.create({ billingCity: `Walk${i}` })
  const seen = []
  for await (const cart of client.carts.all({ filters: { billing_city: 'Walk*' }, limit: 2, order: 'id' })) {
    seen.push(cart.billingCity)
  }
  assert.deepEqual(seen, ['Walk0', 'Walk1', 'Walk2', 'Walk3', 'Walk4'])

  const customers = []
  for await (const c of client.customers.all({ limit: 1 })) customers.push(c.email)
  assert.ok(customers.includes('ada.lovelace@sandbox.test'))

  let transactions = 0
  for await (const t of client.transactions.all({ limit: 1 })) {
    assert.equal(typeof t.totalOrder, 'string')
    transactions++
  }
  assert.ok(transactions >= 1)

  // The cursor itself: next() until null.
  const cursor = client.carts.all({ filters: { billing_city: 'Walk0' } })
  assert.equal((await cursor.next()).billingCity, 'Walk0')
  assert.equal(await cursor.next(), null)
})

test('the sandbox counts requests and resets', async () => {
  sandbox.resetStats()
  await client.home()
  const stats = sandbox.stats()
  assert.ok(stats.requests >= 1)
  assert.equal(typeof stats.tokenRequests, 'number')
})

test('HAL+XML and Siren clients read the same carts', async () => {
  for (const mediaType of ['hal+xml', 'siren']) {
    const other = new foxy.Client({
      baseUrl: sandbox.baseUrl,
      clientId: sandbox.clientId,
      clientSecret: sandbox.clientSecret,
      refreshToken: sandbox.refreshToken,
      mediaType,
    })
    const page = await other.carts.list({ limit: 3 })
    assert.ok(page.members.length > 0, mediaType)
    assert.equal(typeof page.members[0].href, 'string')
  }
})
