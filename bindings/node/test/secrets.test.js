'use strict'
// Every failure a user can meet, each with distinctive secret values: none of them appears in
// the error's message, its properties, its stack, its inspection or its chain of causes.

const { test, before, after } = require('node:test')
const assert = require('node:assert/strict')
const net = require('node:net')
const util = require('node:util')
const { foxy, failure } = require('./helpers.js')

const CLIENT_SECRET = 'CLIENT-SECRET-e04b7d21'
const REFRESH_TOKEN = 'REFRESH-TOKEN-8d13fa6c'
const ACCESS_TOKEN = 'ACCESS-TOKEN-5f2a90bd'

let sandbox
let failing

before(async () => {
  sandbox = await foxy.startSandbox()
  failing = await foxy.startSandbox({ faults: '500=1.0' })
})

after(() => {
  sandbox.stop()
  failing.stop()
})

function closedPort() {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** What a user or a log could see of an error: message, properties, stack, inspection, causes. */
function everythingSaid(error) {
  const parts = []
  for (let e = error; e; e = e.cause) {
    parts.push(String(e), e.stack ?? '', util.inspect(e, { depth: 5, showHidden: true }), JSON.stringify(e))
  }
  return parts.join('\n')
}

const cases = {
  'bad client secret': ['FOXY_AUTH', () => new foxy.Client({
    baseUrl: sandbox.baseUrl, clientId: sandbox.clientId, clientSecret: CLIENT_SECRET, refreshToken: sandbox.refreshToken,
  })],
  'wrong refresh token': ['FOXY_AUTH', () => new foxy.Client({
    baseUrl: sandbox.baseUrl, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, refreshToken: REFRESH_TOKEN,
  })],
  '401 on a forged token': ['FOXY_TOKEN_REJECTED', () => new foxy.Client({ baseUrl: sandbox.baseUrl, accessToken: ACCESS_TOKEN })],
  '5xx after retries': ['FOXY_API', () => new foxy.Client({
    baseUrl: failing.baseUrl, clientId: failing.clientId, clientSecret: failing.clientSecret,
    refreshToken: failing.refreshToken, maxAttempts: 2,
  })],
  'connection refused': ['FOXY_TRANSPORT', async () => new foxy.Client({
    baseUrl: `http://127.0.0.1:${await closedPort()}/`, clientId: 'id', clientSecret: CLIENT_SECRET,
    refreshToken: REFRESH_TOKEN, maxAttempts: 1,
  })],
  'invalid input': ['FOXY_INVALID_INPUT', () => new foxy.Client({ baseUrl: sandbox.baseUrl, accessToken: ACCESS_TOKEN + '\n' })],
}

for (const [name, [code, makeClient]] of Object.entries(cases)) {
  test(`no secret in the failure: ${name}`, async () => {
    const client = await makeClient()
    const error = await failure(client.follow('fx:store').get())
    assert.equal(error.code, code, error.message)
    const said = everythingSaid(error)
    assert.ok(said.includes(error.message))
    for (const secret of [CLIENT_SECRET, REFRESH_TOKEN, ACCESS_TOKEN, sandbox.clientSecret, sandbox.refreshToken]) {
      assert.ok(!said.includes(secret), `${name}: ${secret} appears in\n${said}`)
    }
  })
}

test('no secret in a client that fails to build', async () => {
  const error = await failure(() => new foxy.Client({ baseUrl: 'http://api.example.test/', accessToken: ACCESS_TOKEN }))
  assert.equal(error.code, 'FOXY_INVALID_INPUT')
  assert.ok(!everythingSaid(error).includes(ACCESS_TOKEN))
})
