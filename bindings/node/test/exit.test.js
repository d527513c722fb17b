'use strict'
// A script that awaits many requests and then returns exits 0, every time:
// the process ends cleanly while the native runtime still has threads.

const { test, before, after } = require('node:test')
const assert = require('node:assert/strict')
const { spawn } = require('node:child_process')
const path = require('node:path')
const { foxy } = require('./helpers.js')

const RUNS = 200
const PARALLEL = 2

// The child: 64 concurrent GETs on one client, then a plain return.
const CHILD = `
const foxy = require(${JSON.stringify(path.join(__dirname, '..', 'foxy.js'))})
const client = new foxy.Client({
  baseUrl: process.env.FOXY_BASE_URL,
  clientId: process.env.FOXY_CLIENT_ID,
  clientSecret: process.env.FOXY_CLIENT_SECRET,
  refreshToken: process.env.FOXY_REFRESH_TOKEN,
})
Promise.all(Array.from({ length: 64 }, () => client.home())).then((homes) => {
  if (homes.length !== 64) throw new Error('expected 64 answers, got ' + homes.length)
})
`

let sandbox

before(async () => {
  sandbox = await foxy.startSandbox()
})

after(() => sandbox.stop())

/** Runs the child once; resolves to its exit status (or signal) and stderr. */
function runChild(env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', CHILD], { env, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('close', (code, signal) => resolve({ code, signal, stderr }))
  })
}

test(`${RUNS} processes of 64 concurrent GETs all exit 0`, { timeout: 300_000 }, async () => {
  const env = {
    ...process.env,
    FOXY_BASE_URL: sandbox.baseUrl,
    FOXY_CLIENT_ID: sandbox.clientId,
    FOXY_CLIENT_SECRET: sandbox.clientSecret,
    FOXY_REFRESH_TOKEN: sandbox.refreshToken,
  }
  const results = []
  let next = 0
  async function worker() {
    while (next < RUNS) {
      next += 1
      results.push(await runChild(env))
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker))
  assert.equal(results.length, RUNS)
  const failed = results.filter((r) => r.code !== 0)
  assert.deepEqual(failed.slice(0, 1), [], `${failed.length} of ${RUNS} runs failed`)
})
