// The package works from ES modules: every CommonJS export has a named ESM
// export, and the ESM client reaches the sandbox.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import foxyDefault, * as esm from '@foxy-rs/foxy'
import { Client, startSandbox, encodeQuery } from '@foxy-rs/foxy'

const require = createRequire(import.meta.url)
const cjs = require('@foxy-rs/foxy')

test('ESM and CommonJS export the same API', () => {
  const cjsNames = Object.keys(cjs).filter((k) => !k.startsWith('__')).sort()
  const esmNames = Object.keys(esm).filter((k) => k !== 'default').sort()
  assert.deepEqual(esmNames, cjsNames)
  assert.equal(foxyDefault, cjs)
  assert.equal(esm.Client, cjs.Client)
})

test('an ESM client iterates carts of the sandbox', async () => {
  assert.equal(encodeQuery({ limit: 2 }), 'limit=2')
  const sandbox = await startSandbox()
  try {
    const client = new Client({
      baseUrl: sandbox.baseUrl,
      clientId: sandbox.clientId,
      clientSecret: sandbox.clientSecret,
      refreshToken: sandbox.refreshToken,
    })
    await client.carts.create({ billingCity: 'Esm' })
    const cities = []
    for await (const cart of client.carts.all({ filters: { billing_city: 'Esm' } })) cities.push(cart.billingCity)
    assert.deepEqual(cities, ['Esm'])
  } finally {
    await sandbox.stop()
  }
})
