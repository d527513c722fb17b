'use strict'
// The quick start of docs/NODE.md runs as written (from the package folder,
// where `@foxy-rs/foxy` resolves to this package).

const { test } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { execFileSync } = require('node:child_process')

test('docs/NODE.md quick start runs against a local sandbox', () => {
  const doc = fs.readFileSync(path.join(__dirname, '../../../docs/NODE.md'), 'utf8')
  const code = doc.match(/```js\n([\s\S]*?)```/)[1]
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: path.join(__dirname, '..'),
    encoding: 'utf8',
    timeout: 60000,
  })
  assert.match(out, /cart total 59\.97 for 1 item\(s\)/)
  assert.match(out, /^cart http:\/\/127\.0\.0\.1:\d+\/carts\/\d+$/m)
  assert.match(out, /transaction http:\S+: completed, 59\.97/)
  assert.match(out, /store Sandbox Store/)
  assert.match(out, /FOXY_INVALID_INPUT invalid input: limit must be between 1 and 300, got 301/)
})

test('README.md Node quick start runs against a local sandbox', () => {
  const readme = fs.readFileSync(path.join(__dirname, '../../../README.md'), 'utf8')
  const code = readme.match(/```js\n([\s\S]*?)```/)[1]
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: path.join(__dirname, '..'),
    encoding: 'utf8',
    timeout: 60000,
  })
  const lines = out.trim().split('\n')
  assert.equal(lines[0], 'store Sandbox Store')
  assert.equal(lines[1], 'cart total 59.97')
  assert.equal(lines[2], 'transaction completed 59.97')
  assert.ok(lines.slice(3, -1).length >= 1, out)
  for (const line of lines.slice(3, -1)) assert.match(line, /^http:\/\/127\.0\.0\.1:\d+\/transactions\/\d+ \d+\.\d+$/)
  assert.ok(lines.slice(3, -1).some((line) => line.endsWith(' 59.97')), out) // the one just charged
  assert.equal(lines.at(-1), 'FOXY_INVALID_INPUT')
})
