'use strict'
// Record and replay (`foxy.testing`): a session recorded against a sandbox keeps none of its
// secrets and replays with the sandbox stopped; a request the cassette lacks rejects naming it.

const { test } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { foxy, failure } = require('./helpers.js')

const GRACE = 'grace.hopper@sandbox.test'
const CARD = '4111111111111111'

async function session(client) {
  const store = await client.follow('fx:store').get()
  const page = await client.customers.list({ filters: { email: GRACE } })
  const card = await client.customers.updateDefaultPaymentMethod(page.members[0], {
    cc_number: CARD,
    cc_exp_month: '11',
    cc_exp_year: '2031',
  })
  return {
    storeName: store.properties.store_name,
    emails: page.members.map((c) => c.email),
    masked: card.ccNumberMasked,
  }
}

test('a session replays with the sandbox stopped and keeps no secret', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'foxy-node-cassette-')), 'session.json')
  const sandbox = await foxy.startSandbox()
  const base = sandbox.baseUrl
  const secrets = [sandbox.clientSecret, sandbox.refreshToken, sandbox.storeSecret, CARD]
  const recording = foxy.testing.record(file)
  assert.equal(recording.mode, 'record')
  const recorded = await session(
    new foxy.Client({
      baseUrl: base,
      clientId: sandbox.clientId,
      clientSecret: sandbox.clientSecret,
      refreshToken: sandbox.refreshToken,
      cassette: recording,
    }),
  )
  recording.finish()
  await sandbox.stop()
  assert.equal(recorded.masked, 'xxxxxxxxxxxx1111')

  const text = fs.readFileSync(file, 'utf8')
  for (const secret of secrets) assert.ok(!text.includes(secret), `${secret} is in the cassette`)
  assert.ok(text.includes('Bearer [scrubbed]'))

  // Nothing listens any more: only the cassette can answer.
  const down = await failure(new foxy.Client({ baseUrl: base, accessToken: 't', maxAttempts: 1 }).home())
  assert.equal(down.code, 'FOXY_TRANSPORT')

  const replay = foxy.testing.replay(file)
  assert.equal(replay.length, recording.length)
  const client = new foxy.Client({
    baseUrl: base,
    clientId: 'any',
    clientSecret: 'not the secret',
    refreshToken: 'x',
    cassette: replay,
  })
  assert.deepEqual(await session(client), recorded)
  assert.deepEqual(replay.misses, [])
  assert.equal(replay.unused, 0)

  const strict = new foxy.Client({ baseUrl: base, accessToken: 'any', maxAttempts: 1, cassette: replay })
  const miss = await failure(strict.get(`${base}/carts?b=2&a=1`))
  assert.equal(miss.code, 'FOXY_TRANSPORT')
  assert.match(miss.message, /no recording in the cassette for GET http:\/\/127\.0\.0\.1:\d+\/carts\?b=2&a=1/)
  assert.deepEqual(replay.misses, [`GET ${base}/carts?b=2&a=1`])
})

test('a missing or corrupt cassette is invalid input', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foxy-node-cassette-'))
  assert.throws(() => foxy.testing.replay(path.join(dir, 'absent.json')), {
    code: 'FOXY_INVALID_INPUT',
    message: /cannot read the cassette/,
  })
  fs.writeFileSync(path.join(dir, 'corrupt.json'), '{"version": 1, "interactions": [')
  assert.throws(() => foxy.testing.replay(path.join(dir, 'corrupt.json')), {
    code: 'FOXY_INVALID_INPUT',
    message: /not a cassette/,
  })
})
