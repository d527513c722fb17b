'use strict'
// The pure helpers: cart signing, webhooks (with a raw body from a real
// HTTP request, as in an Express or Fastify handler), single sign-on,
// datafeeds, codecs and the query encoder.

const { test } = require('node:test')
const assert = require('node:assert/strict')
const http = require('node:http')
const crypto = require('node:crypto')
const foxy = require('../foxy.js')

test('signUrl signs product fields; verifyUrl catches tampering', () => {
  const signed = foxy.signUrl('1', 'https://example.foxycart.com/cart?code=mycode&price=123.00')
  assert.ok(
    signed.includes('price||aed2692b1b278b04b974c3c9822e597dc5da880561cf256ab20b2873a5346b66=123.00'),
    signed,
  )
  const ok = foxy.verifyUrl('1', signed)
  assert.equal(ok.valid, true)
  assert.equal(ok.checked, 2)
  const report = foxy.verifyUrl('1', signed.replace('=123.00', '=1.00'))
  assert.equal(report.valid, false)
  assert.deepEqual(report.failures, [{ name: 'price', reason: 'mismatch' }])
  const unsigned = foxy.verifyUrl('1', 'https://example.foxycart.com/cart?code=a&price=1')
  assert.equal(unsigned.failures[0].reason, 'unsigned')
  assert.throws(() => foxy.signUrl('1', 'https://x.test/cart?price=1'), { code: 'FOXY_INVALID_INPUT' })
})

test('signHtml signs cart links and forms', () => {
  const html = '<a href="https://example.foxycart.com/cart?code=abc&name=Thing&price=5">buy</a>'
  const signed = foxy.signHtml('secret', html)
  assert.match(signed, /name\|\|[0-9a-f]{64}=Thing/)
  const href = signed.match(/href="([^"]+)"/)[1].replace(/&amp;/g, '&')
  assert.equal(foxy.verifyUrl('secret', href).valid, true)
})

test('webhook signatures: sign, verify the raw body of a real request', async () => {
  const key = 'webhook-key'
  const body = Buffer.from(JSON.stringify({ id: 1, total_order: 10.5 }))
  const signature = foxy.signWebhook(key, body)
  assert.equal(signature, crypto.createHmac('sha256', key).update(body).digest('hex'))
  assert.equal(foxy.signWebhook(key, body.toString()), signature) // text works too
  assert.equal(foxy.verifyWebhookSignature(key, body, signature), true)
  assert.equal(foxy.verifyWebhookSignature(key, body, signature.toUpperCase()), true)
  assert.equal(foxy.verifyWebhookSignature('wrong', body, signature), false)
  assert.equal(foxy.verifyWebhookSignature(key, body, 'not hex'), false)

  // An Express-style handler: the raw Buffer and Node's lowercased headers.
  const results = []
  const server = http.createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      try {
        const verified = foxy.verifyWebhook(key, req.headers, Buffer.concat(chunks))
        results.push(verified.event)
        res.writeHead(200).end('ok')
      } catch (error) {
        results.push(error.code)
        res.writeHead(401).end()
      }
    })
  })
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  const url = `http://127.0.0.1:${server.address().port}/hook`
  const send = (sig) =>
    fetch(url, {
      method: 'POST',
      headers: { 'Foxy-Webhook-Signature': sig, 'Foxy-Webhook-Event': 'transaction/created', 'content-type': 'application/json' },
      body,
    })
  assert.equal((await send(signature)).status, 200)
  assert.equal((await send(foxy.signWebhook('other', body))).status, 401)
  server.close()
  assert.deepEqual(results, ['transaction/created', 'FOXY_VERIFICATION'])
})

test('single sign-on: token, checkout URL, verification', () => {
  assert.equal(foxy.ssoAuthToken('yes, very', 12345, 1585405655), 'fe55dd1299ce7db668bd43ee3284e823a84fe3b3')
  const url = foxy.ssoCheckoutUrl('example.foxycart.com', 'yes, very', 12345, 1585405655, 'abc')
  assert.equal(
    url,
    'https://example.foxycart.com/checkout?fc_customer_id=12345&timestamp=1585405655' +
      '&fc_auth_token=fe55dd1299ce7db668bd43ee3284e823a84fe3b3&fcsid=abc',
  )
  assert.deepEqual(foxy.verifySsoUrl('yes, very', url, 1585405000), {
    customerId: 12345,
    timestamp: 1585405655,
    fcsid: 'abc',
  })
  assert.throws(() => foxy.ssoAuthToken('s', -1, 5), { code: 'FOXY_INVALID_INPUT' })
  assert.throws(() => foxy.ssoAuthToken('s', 1.5, 5), { code: 'FOXY_INVALID_INPUT' })
  assert.throws(() => foxy.ssoCheckoutUrl('bad domain/', 's', 1, 5), { code: 'FOXY_INVALID_INPUT' })
})

test('datafeeds: decrypt and decode into elements, values exact text', () => {
  const key = 'my-store-secret'
  const published =
    'FoxyData=%9C%D8%BC%D9%7F%D3%22l%2AN%EC%A9%97%CC%85%9Cc%D3%06%D4%B5%2B%AF%DA%B3H%A9h%C9s%E4%BBk%24%8B%B2%F1%21%EF%299%07%91%B3_q%BD%90v%AFN%01%9F%A7%D8%23SM%17uK%8D.%D3Sb%5E%B7%13%A6%BAq~o%A5V%CAe%8B%E6.%87%3F%D3%E7%F9%89%F5'
  assert.match(foxy.decryptDatafeed(Buffer.from(published), key), /<foxydata><transactions><\/transactions><\/foxydata>$/)
  assert.deepEqual(foxy.decodeDatafeed(published, key).transactions, [])

  const xml =
    '<?xml version="1.0" encoding="UTF-8"?><foxydata><datafeed_version>XML FoxyCart Version 2.0</datafeed_version>' +
    '<transactions><transaction><id>616</id><store_id>8</store_id><is_test>1</is_test>' +
    '<customer_first_name>Grace</customer_first_name><customer_email>g@example.test</customer_email>' +
    '<product_total>10.10</product_total><order_total>0.30</order_total>' +
    '<custom_fields><custom_field><custom_field_name>note</custom_field_name><custom_field_value>hi</custom_field_value>' +
    '<custom_field_is_hidden>0</custom_field_is_hidden></custom_field></custom_fields>' +
    '<transaction_details><transaction_detail><product_name>Thing</product_name><product_price>0.10</product_price>' +
    '<product_quantity>3</product_quantity><product_code>t1</product_code><transaction_detail_options>' +
    '<transaction_detail_option><product_option_name>color</product_option_name><product_option_value>red</product_option_value>' +
    '<price_mod>0.20</price_mod></transaction_detail_option></transaction_detail_options></transaction_detail>' +
    '</transaction_details></transaction></transactions></foxydata>'
  const value = foxy.encryptDatafeed(xml, key)
  const feed = foxy.decodeDatafeed(`FoxyData=${value}`, key)
  assert.equal(feed.datafeedVersion, 'XML FoxyCart Version 2.0')
  assert.equal(feed.root.name, 'foxydata')
  assert.equal(feed.root.get('datafeed_version'), 'XML FoxyCart Version 2.0')
  assert.deepEqual(feed.subscriptions, [])
  const [t] = feed.transactions
  assert.ok(t instanceof foxy.DatafeedElement)
  assert.equal(t.name, 'transaction')
  assert.equal(t.get('id'), '616')
  assert.equal(t.get('is_test'), '1')
  assert.equal(t.get('customer_first_name'), 'Grace')
  assert.equal(t.get('product_total'), '10.10')
  assert.equal(t.get('order_total'), '0.30')
  assert.equal(t.get('tax_total'), null)
  assert.equal(t.has('custom_fields'), true)
  assert.equal(t.has('tax_total'), false)
  assert.equal(t.child('nope'), null)
  const fields = t.child('custom_fields').findAll('custom_field')
  assert.deepEqual(
    fields.map((f) => [f.get('custom_field_name'), f.get('custom_field_value'), f.get('custom_field_is_hidden')]),
    [['note', 'hi', '0']],
  )
  const [detail] = t.child('transaction_details').findAll('transaction_detail')
  assert.equal(detail.get('product_price'), '0.10')
  assert.equal(detail.get('product_quantity'), '3')
  const [option] = detail.child('transaction_detail_options').children
  assert.deepEqual(JSON.parse(JSON.stringify(option)), {
    name: 'transaction_detail_option',
    text: '',
    children: [
      { name: 'product_option_name', text: 'color', children: [] },
      { name: 'product_option_value', text: 'red', children: [] },
      { name: 'price_mod', text: '0.20', children: [] },
    ],
  })
  assert.equal(option.child('price_mod').text, '0.20')
  assert.match(option.toXml(), /<price_mod>0\.20<\/price_mod>/)
  assert.deepEqual(
    t.children.map((c) => c.name),
    ['id', 'store_id', 'is_test', 'customer_first_name', 'customer_email', 'product_total', 'order_total', 'custom_fields', 'transaction_details'],
  )
  assert.equal(feed.xml, xml)
  assert.equal(foxy.DATAFEED_REPLY, 'foxy')
  assert.throws(() => foxy.decodeDatafeed(value, 'wrong key'), { code: 'FOXY_VERIFICATION' })
  assert.throws(() => foxy.decryptDatafeed(value, ''), { code: 'FOXY_INVALID_INPUT' })
  const badAmount = foxy.encryptDatafeed(xml.replace('<order_total>0.30', '<order_total>a lot'), key)
  assert.throws(() => foxy.decodeDatafeed(badAmount, key), { code: 'FOXY_DECODE' })
})

test('convert between HAL+JSON, HAL+XML and Siren keeps numbers exact', () => {
  const doc =
    '{"_links": {"self": {"href": "https://api.test/carts/1"}, "fx:store": {"href": "https://api.test/stores/8"}},' +
    ' "total_order": 12345678901234567890.10, "price": 19.990}'
  const siren = foxy.convert(doc, 'hal+json', 'siren')
  const xml = foxy.convert(siren, 'application/vnd.siren+json', 'hal+xml')
  const back = foxy.convert(Buffer.from(xml), 'hal+xml', 'hal+json')
  const resource = foxy.parseResource(back)
  assert.equal(resource.href, 'https://api.test/carts/1')
  assert.equal(resource.link('fx:store'), 'https://api.test/stores/8')
  assert.equal(resource.property('price'), '19.990')
  assert.match(foxy.convert(doc, 'hal+json', 'hal+json'), /12345678901234567890\.10/)
  assert.throws(() => foxy.convert(doc, 'hal+json', 'text/csv'), { code: 'FOXY_INVALID_INPUT' })
  assert.throws(() => foxy.convert('<nope', 'hal+xml', 'siren'), { code: 'FOXY_DECODE' })
})

test('encodeQuery writes the query language', () => {
  assert.equal(foxy.encodeQuery(), '')
  assert.equal(
    foxy.encodeQuery({
      zoom: ['items', 'items:item_options'],
      filters: { first_name: 'Jo*n', total_order: '10..20' },
      order: 'total_order desc',
      fields: ['id', 'total_order'],
      limit: 300,
      offset: 20,
    }),
    'zoom=items,items:item_options&first_name=Jo*n&total_order=10..20&order=total_order%20desc&fields=id,total_order&limit=300&offset=20',
  )
})
