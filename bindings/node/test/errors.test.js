'use strict'
// Every error code, with the details each carries.

const { test, before, after } = require('node:test')
const assert = require('node:assert/strict')
const http = require('node:http')
const { foxy, sandboxClient, failure } = require('./helpers.js')

let sandbox
let client

before(async () => {
  ;({ sandbox, client } = await sandboxClient())
})

after(() => sandbox.stop())

/** A local HTTP server answering every request with `handler`; resolves to its base URL. */
function serve(handler) {
  return new Promise((resolve) => {
    const server = http.createServer(handler)
    server.listen(0, '127.0.0.1', () => {
      resolve({ url: `http://127.0.0.1:${server.address().port}/`, close: () => { server.closeAllConnections(); server.close() } })
    })
  })
}

function assertFoxyError(error, code) {
  assert.ok(error instanceof Error, 'an Error')
  assert.ok(error instanceof foxy.FoxyError, `a FoxyError: ${error}`)
  assert.equal(error.name, error.constructor.name)
  assert.notEqual(error.constructor, foxy.FoxyError)
  assert.equal(typeof error.kind, 'string')
  assert.equal(error.code, code, error.message)
  assert.equal(typeof error.message, 'string')
  assert.ok(Array.isArray(error.messages))
  assert.ok(Array.isArray(error.logrefs))
  assert.equal(typeof error.ambiguous, 'boolean')
}

test('every error kind of the Rust client has its own class and code, none the fallback', () => {
  const kinds = foxy.errorKinds()
  assert.ok(kinds.length >= 18)
  assert.equal(new Set(kinds.map((k) => k.kind)).size, kinds.length)
  for (const { kind, className, code } of kinds) {
    assert.ok(className, `${kind} has a class`)
    const Class = foxy[className]
    assert.equal(typeof Class, 'function', className)
    assert.ok(Class.prototype instanceof foxy.FoxyError, `${className} extends FoxyError`)
    assert.notEqual(Class, foxy.InternalError, `${kind} is not the fallback`)
    assert.match(code, /^FOXY_[A-Z_]+$/)
    const error = foxy.errorOfKind(kind)
    assert.ok(error instanceof Class && error instanceof foxy.FoxyError && error instanceof Error)
    assert.equal(error.name, className)
    assert.equal(error.kind, kind)
    assert.equal(error.code, code)
  }
  const names = foxy.errorClasses().map((c) => c.name)
  assert.equal(new Set(names).size, names.length)
  for (const name of names) assert.equal(typeof foxy[name], 'function')
  assert.ok(foxy.RateLimitError.prototype instanceof foxy.ApiError)
  assert.ok(foxy.TokenRejectedError.prototype instanceof foxy.AuthError)
  assert.ok(foxy.errorOfKind('verification') instanceof foxy.VerificationError)
  assert.equal(foxy.errorOfKind('no such kind').code, 'FOXY_INVALID_INPUT')
})

test('limit 301 is FOXY_INVALID_INPUT before any request', async () => {
  sandbox.resetStats()
  const error = await failure(client.carts.list({ limit: 301 }))
  assertFoxyError(error, 'FOXY_INVALID_INPUT')
  assert.match(error.message, /limit must be between 1 and 300, got 301/)
  assert.equal(sandbox.stats().requests, 0)
  for (const bad of [{ limit: 0 }, { limit: 1.5 }, { offset: -1 }, { zoom: 'bad name!' }, { order: 'id sideways' }]) {
    assertFoxyError(await failure(client.carts.list(bad)), 'FOXY_INVALID_INPUT')
  }
  assertFoxyError(await failure(() => client.carts.all({ limit: 301 }).next()), 'FOXY_INVALID_INPUT')
  assert.equal(sandbox.stats().requests, 0)
  assertFoxyError(await failure(() => foxy.encodeQuery({ limit: 301 })), 'FOXY_INVALID_INPUT')
})

test('404 is FOXY_API with status, messages and logrefs', async () => {
  const error = await failure(client.carts.get(sandbox.baseUrl.replace(/\/$/, '') + '/carts/999999'))
  assertFoxyError(error, 'FOXY_API')
  assert.ok(error instanceof foxy.ApiError)
  assert.equal(error.kind, 'api')
  assert.equal(error.status, 404)
  assert.equal(error.messages.length, 1)
  assert.match(error.logrefs[0], /^sandbox-/)
  assert.equal(error.ambiguous, false)
})

test('a declined card is FOXY_API 400 with the API message', async () => {
  const [ada] = (await client.customers.list({ filters: { email: 'ada.lovelace@sandbox.test' } })).members
  const href = await client.carts.create({})
  const cart = await client.carts.get(href)
  await client.carts.addItem(cart, { name: 'Engine', price: '5', quantity: 1 })
  const error = await failure(client.carts.charge(cart, ada))
  assertFoxyError(error, 'FOXY_API')
  assert.equal(error.status, 400)
  assert.ok(error.messages[0].length > 0)
})

test('bad credentials are FOXY_AUTH, without the secret in the message', async () => {
  const wrong = new foxy.Client({
    baseUrl: sandbox.baseUrl,
    clientId: sandbox.clientId,
    clientSecret: 'not-the-secret-xyzzy',
    refreshToken: 'not-the-refresh-token-plugh',
  })
  const error = await failure(wrong.carts.list())
  assertFoxyError(error, 'FOXY_AUTH')
  assert.ok(!error.message.includes('xyzzy'))
  assert.ok(!error.message.includes('plugh'))
  assert.ok(!error.stack.includes('xyzzy'))
})

test('a rejected access token is FOXY_TOKEN_REJECTED with the OAuth code, not a missing token', async () => {
  const forged = new foxy.Client({ baseUrl: sandbox.baseUrl, accessToken: 'forged-token-7c2b', maxAttempts: 1 })
  const error = await failure(forged.carts.list())
  assertFoxyError(error, 'FOXY_TOKEN_REJECTED')
  assert.equal(error.oauthError, 'invalid_token')
  assert.match(error.message, /rejected/)
  assert.ok(!error.message.includes('authorize first'), error.message)
  assert.ok(!error.message.includes('forged-token-7c2b'))
  assert.equal(error.ambiguous, false)
})

test('missing credentials or bad options throw FOXY_INVALID_INPUT', () => {
  assertFoxyError(failureSync(() => new foxy.Client({ baseUrl: sandbox.baseUrl })), 'FOXY_INVALID_INPUT')
  assertFoxyError(
    failureSync(() => new foxy.Client({ baseUrl: sandbox.baseUrl, accessToken: 't', mediaType: 'text/csv' })),
    'FOXY_INVALID_INPUT',
  )
  assertFoxyError(
    failureSync(() => new foxy.Client({ baseUrl: sandbox.baseUrl, accessToken: 't', timeoutMs: -5 })),
    'FOXY_INVALID_INPUT',
  )
})

function failureSync(fn) {
  try {
    fn()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

test('a malformed document is FOXY_DECODE (response and convert)', async () => {
  const server = await serve((req, res) => {
    res.writeHead(200, { 'content-type': 'application/hal+json' })
    res.end('{"_links": {"self": ')
  })
  try {
    const broken = new foxy.Client({ baseUrl: server.url, accessToken: 'token', maxAttempts: 1 })
    assertFoxyError(await failure(broken.home()), 'FOXY_DECODE')
  } finally {
    server.close()
  }
  assertFoxyError(failureSync(() => foxy.convert('{"total": 1,', 'hal+json', 'siren')), 'FOXY_DECODE')
})

test('an invalid typed object is FOXY_INVALID_INPUT before any request', async () => {
  sandbox.resetStats()
  const error = await failure(client.carts.create({ items: [{ name: 'x', price: 'ten dollars', quantity: 1 }] }))
  assertFoxyError(error, 'FOXY_INVALID_INPUT')
  const noLink = await failure(client.carts.items({ billingCity: 'no links here' }))
  assertFoxyError(noLink, 'FOXY_INVALID_INPUT')
  assert.equal(sandbox.stats().requests, 0)
})

test('429 after the retries is FOXY_RATE_LIMIT', async () => {
  const limited = await foxy.startSandbox({ faults: '429=1' })
  try {
    const c = new foxy.Client({
      baseUrl: limited.baseUrl,
      clientId: limited.clientId,
      clientSecret: limited.clientSecret,
      refreshToken: limited.refreshToken,
      maxAttempts: 1,
    })
    const error = await failure(c.carts.list())
    assertFoxyError(error, 'FOXY_RATE_LIMIT')
    assert.equal(error.status, 429)
  } finally {
    await limited.stop()
  }
})

test('a refused connection is FOXY_TRANSPORT, not ambiguous', async () => {
  const server = await serve(() => {})
  const url = server.url
  server.close()
  await new Promise((r) => setTimeout(r, 50))
  const c = new foxy.Client({ baseUrl: url, accessToken: 'token', maxAttempts: 1 })
  const error = await failure(c.home())
  assertFoxyError(error, 'FOXY_TRANSPORT')
  assert.equal(error.ambiguous, false)
})

test('no answer in time is FOXY_TIMEOUT, ambiguous', async () => {
  const server = await serve(() => {}) // never answers
  try {
    const c = new foxy.Client({ baseUrl: server.url, accessToken: 'token', maxAttempts: 1, timeoutMs: 200 })
    const error = await failure(c.home())
    assertFoxyError(error, 'FOXY_TIMEOUT')
    assert.equal(error.ambiguous, true)
  } finally {
    server.close()
  }
})

test('verification failures are FOXY_VERIFICATION', () => {
  const secret = 'shh'
  const url = foxy.ssoCheckoutUrl('example.foxycart.com', secret, 7, 2000)
  assertFoxyError(failureSync(() => foxy.verifySsoUrl('other', url, 1000)), 'FOXY_VERIFICATION')
  assertFoxyError(failureSync(() => foxy.verifySsoUrl(secret, url, 3000)), 'FOXY_VERIFICATION')
  assertFoxyError(
    failureSync(() => foxy.verifyWebhook('k', { 'foxy-webhook-event': 'x' }, Buffer.from('{}'))),
    'FOXY_VERIFICATION',
  )
})

test('a sandbox address already in use is FOXY_SANDBOX', async () => {
  const busy = await serve(() => {})
  try {
    const addr = new URL(busy.url).host // 127.0.0.1:PORT, held by the server above
    const error = await failure(foxy.startSandbox({ addr }))
    assertFoxyError(error, 'FOXY_SANDBOX')
    assert.match(error.message, /cannot start the sandbox/)
    assert.equal(error.ambiguous, false)
  } finally {
    busy.close()
  }
  assertFoxyError(await failure(foxy.startSandbox({ addr: 'not an address' })), 'FOXY_INVALID_INPUT')
})

test('a charge that happened is never a plain FOXY_API error: ambiguous, with the transaction', async () => {
  const faulty = await foxy.startSandbox({ faults: '500=0.2', seed: 1 })
  try {
    const credentials = { baseUrl: faulty.baseUrl, clientId: faulty.clientId, clientSecret: faulty.clientSecret, refreshToken: faulty.refreshToken }
    const setup = new foxy.Client({ ...credentials, maxAttempts: 8 })
    // No retries: a 500 on the transaction's GET ends the charge after it happened.
    const charger = new foxy.Client({ ...credentials, maxAttempts: 1 })
    const again = async (fn) => {
      for (let i = 0; i < 40; i++) {
        try { return await fn() } catch (e) { if (i === 39) throw e }
      }
    }
    const [grace] = (await setup.customers.list({ filters: { email: 'grace.hopper@sandbox.test' } })).members
    let landedButFailed = 0
    for (let i = 0; i < 40; i++) {
      const href = await again(() => setup.carts.create({}))
      const cart = await setup.carts.get(href)
      await again(() => setup.carts.addItem(cart, { name: 'Sprocket', price: '3', quantity: 1 }))
      const before = faulty.stats().transactionsCreated
      try {
        await charger.carts.charge(cart, grace)
        assert.equal(faulty.stats().transactionsCreated, before + 1)
      } catch (error) {
        assertFoxyError(error, error.code)
        const made = faulty.stats().transactionsCreated - before
        if (!error.ambiguous) {
          assert.equal(made, 0, `charged, yet reported as failed: ${error.message}`)
        } else if (made === 1) {
          landedButFailed++
          assert.equal(error.code, 'FOXY_API')
          assert.equal(error.status, 500)
          assert.match(error.transaction, /\/transactions\//)
          assert.match(error.message, /may have gone through/)
        }
      }
    }
    assert.ok(landedButFailed > 0)
  } finally {
    faulty.stop()
  }
})
