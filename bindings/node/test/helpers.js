'use strict'
// Shared by the tests: one sandbox per test file and a client for it.

const foxy = require('../foxy.js')

/** Starts a sandbox and a client authenticated with its refresh token. */
async function sandboxClient(options = {}) {
  const sandbox = await foxy.startSandbox(options.sandbox)
  const client = new foxy.Client({
    baseUrl: sandbox.baseUrl,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    refreshToken: sandbox.refreshToken,
    ...options.client,
  })
  return { sandbox, client }
}

/** The rejection (or throw) of `promiseOrFn`; fails when it succeeds. */
async function failure(promiseOrFn) {
  try {
    await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn)
  } catch (error) {
    return error
  }
  throw new Error('expected a failure')
}

module.exports = { foxy, sandboxClient, failure }
