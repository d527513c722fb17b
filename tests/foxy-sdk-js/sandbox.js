'use strict'
// Starts the `foxy-sandbox` binary on a free port of 127.0.0.1 and reads its
// banner: the base URL and the seeded credentials it prints.

const { spawn } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')
const readline = require('node:readline')

/** The repository root (this file is tests/foxy-sdk-js/sandbox.js). */
const ROOT = path.resolve(__dirname, '../..')

/** The sandbox binary: `FOXY_SANDBOX_BIN`, else the workspace's debug build. */
function binary() {
  const bin = process.env.FOXY_SANDBOX_BIN || path.join(ROOT, 'target/debug/foxy-sandbox')
  if (!fs.existsSync(bin)) {
    throw new Error(`no sandbox binary at ${bin}: run \`cargo build -p foxy-sandbox\` or set FOXY_SANDBOX_BIN`)
  }
  return bin
}

/**
 * Starts a sandbox and resolves to `{ baseUrl, clientId, clientSecret,
 * refreshToken, stop }` once its banner is complete.
 */
function startSandbox() {
  const child = spawn(binary(), ['--addr', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    const found = {}
    const lines = readline.createInterface({ input: child.stdout })
    const timer = setTimeout(() => {
      child.kill()
      reject(new Error('the sandbox printed no banner within 30 s'))
    }, 30000)
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`the sandbox exited early (${code})`)))
    lines.on('line', (line) => {
      const listening = line.match(/^foxy-sandbox listening on (http:\/\/\S+)$/)
      if (listening) found.baseUrl = `${listening[1]}/`
      const field = line.match(/^\s+(client_id|client_secret|refresh_token):\s+(\S+)$/)
      if (field) found[field[1]] = field[2]
      if (found.baseUrl && found.client_id && found.client_secret && found.refresh_token) {
        clearTimeout(timer)
        lines.removeAllListeners('line')
        child.removeAllListeners('exit')
        child.stdout.resume() // keep draining what it prints later
        resolve({
          baseUrl: found.baseUrl,
          clientId: found.client_id,
          clientSecret: found.client_secret,
          refreshToken: found.refresh_token,
          stop: () =>
            new Promise((done) => {
              child.once('exit', () => done())
              child.kill('SIGTERM')
            }),
        })
      }
    })
  })
}

/**
 * The conformance corpus folder (`FOXY_CONFORMANCE_DIR`, else
 * `../shared/conformance` beside the checkout), or null when it is absent.
 */
function conformanceDir() {
  const dir = process.env.FOXY_CONFORMANCE_DIR || path.resolve(ROOT, '../shared/conformance')
  return fs.existsSync(dir) ? dir : null
}

module.exports = { startSandbox, conformanceDir, ROOT }
