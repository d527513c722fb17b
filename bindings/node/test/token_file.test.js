'use strict'
// `tokenFile`: a token file shared by several Node processes, which refresh an expired token
// once between them, and which is private to its owner.

const { test, before, after } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { execFile } = require('node:child_process')
const { foxy } = require('./helpers.js')

let sandbox
let folder

before(async () => {
  sandbox = await foxy.startSandbox()
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'foxy-token-file-'))
})

after(() => {
  sandbox.stop()
  fs.rmSync(folder, { recursive: true, force: true })
})

const WORKER = `
const foxy = require(${JSON.stringify(path.join(__dirname, '..', 'foxy.js'))})
const [baseUrl, clientId, clientSecret, refreshToken, tokenFile] = process.argv.slice(1)
const client = new foxy.Client({ baseUrl, clientId, clientSecret, refreshToken, tokenFile })
Promise.all(Array.from({ length: 8 }, () => client.follow('fx:store').get())).then((stores) => {
  if (!stores.every((s) => s.property('store_name') === 'Sandbox Store')) process.exit(3)
})
`

function worker(file) {
  return new Promise((resolve) => {
    const args = ['-e', WORKER, sandbox.baseUrl, sandbox.clientId, sandbox.clientSecret, sandbox.refreshToken, file]
    execFile(process.execPath, args, (error) => resolve(error ? error.code ?? 1 : 0))
  })
}

test('processes sharing a token file refresh an expired token once', async () => {
  const file = path.join(folder, 'tokens.json')
  // An expired token in the file's format (Unix seconds), with the real refresh token.
  fs.writeFileSync(file, JSON.stringify({ access_token: 'expired-token', refresh_token: sandbox.refreshToken, expires_at: 1 }))
  sandbox.resetStats()
  const codes = await Promise.all([worker(file), worker(file), worker(file), worker(file)])
  assert.deepEqual(codes, [0, 0, 0, 0])
  assert.equal(sandbox.stats().refreshGrants, 1)
  const record = JSON.parse(fs.readFileSync(file, 'utf8'))
  assert.notEqual(record.access_token, 'expired-token')
  assert.equal(record.lease, undefined)
  assert.equal(fs.statSync(file).mode & 0o777, 0o600)
})
