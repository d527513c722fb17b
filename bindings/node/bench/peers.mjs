// One variant of the peers benchmark (`cargo xtask bench peers`), timed in
// this process. The xtask starts one sandbox and runs this script once per
// variant and round, interleaving the variants of every language; each run
// prints one JSON line.
//
//   node peers.mjs VARIANT --base URL --client-id ID --client-secret S \
//     --refresh-token T [--cart HREF] [--carts HREF] [--calls N] [--concurrency C] [--limit L]
//
// Variants: `foxy-get`, `foxy-concurrent`, `foxy-walk` (the binding),
// `sdk-get`, `sdk-concurrent`, `sdk-walk` (Foxy's `@foxy.io/sdk`, paging by
// hand along `next`), `fetch-get` (fetch + JSON.parse with the SDK's headers).
// `@foxy.io/sdk` is loaded from `FOXY_PEERS_NODE_MODULES` (the xtask installs
// it under target/bench-peers). `us_per_call` is the median of sequential
// calls, or the wall time over the calls for the concurrent variants;
// `maxrss_mib` is this process's peak resident memory.
import { createRequire } from 'node:module'
import path from 'node:path'
import { Client } from '../foxy.mjs'

const [variant, ...rest] = process.argv.slice(2)
const opt = {}
for (let i = 0; i < rest.length; i += 2) opt[rest[i].replace(/^--/, '')] = rest[i + 1]
const calls = Number(opt.calls ?? 1000)
const width = Number(opt.concurrency ?? 32)
const limit = Number(opt.limit ?? 300)

function sdk() {
  const modules = process.env.FOXY_PEERS_NODE_MODULES
  if (!modules) throw new Error('FOXY_PEERS_NODE_MODULES names the folder holding @foxy.io/sdk')
  return createRequire(path.join(modules, 'index.js'))('@foxy.io/sdk')
}

const maxrss = () => process.resourceUsage().maxRSS / 1024

async function sequential(call) {
  for (let i = 0; i < Math.max(calls / 10, 5); i++) await call()
  const micros = []
  for (let i = 0; i < calls; i++) {
    const start = process.hrtime.bigint()
    await call()
    micros.push(Number(process.hrtime.bigint() - start) / 1e3)
  }
  micros.sort((a, b) => a - b)
  return micros[micros.length >> 1]
}

async function concurrent(call) {
  await Promise.all(Array.from({ length: width }, () => call()))
  const each = Math.floor(calls / width)
  const start = process.hrtime.bigint()
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let i = 0; i < each; i++) await call()
    }),
  )
  return Number(process.hrtime.bigint() - start) / 1e3 / (each * width)
}

function foxyClient() {
  return new Client({
    baseUrl: opt.base,
    clientId: opt['client-id'],
    clientSecret: opt['client-secret'],
    refreshToken: opt['refresh-token'],
  })
}

/** The SDK's API at the sandbox's root, its token fetched (nodes at other URLs share it). */
async function sdkRoot(FoxySDK) {
  const root = sdkApi(FoxySDK, opt.base)
  await (await root.follow('fx:store').get()).json()
  return root
}

function sdkApi(FoxySDK, base, shared) {
  return new FoxySDK.Backend.API({
    base: new URL(base),
    clientId: opt['client-id'],
    clientSecret: opt['client-secret'],
    refreshToken: opt['refresh-token'],
    level: 0,
    ...(shared ? { storage: shared.storage, cache: shared.cache } : {}),
  })
}

async function bareToken() {
  const body = new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: opt['refresh-token'],
    client_id: opt['client-id'],
    client_secret: opt['client-secret'],
  })
  const response = await fetch(new URL('token', opt.base), { method: 'POST', body })
  return (await response.json()).access_token
}

const out = { variant }
const zoomUrl = `${opt.cart}?zoom=items`
if (variant === 'foxy-get' || variant === 'foxy-concurrent') {
  const client = foxyClient()
  const call = async () => (await client.carts.get(opt.cart, { zoom: 'items' })).items
  out.us_per_call = variant === 'foxy-get' ? await sequential(call) : await concurrent(call)
} else if (variant === 'sdk-get' || variant === 'sdk-concurrent') {
  const FoxySDK = sdk()
  const cart = sdkApi(FoxySDK, opt.cart, await sdkRoot(FoxySDK))
  const call = async () => (await cart.get({ zoom: ['items'] })).json()
  out.us_per_call = variant === 'sdk-get' ? await sequential(call) : await concurrent(call)
} else if (variant === 'fetch-get') {
  const headers = {
    Authorization: `Bearer ${await bareToken()}`,
    'FOXY-API-VERSION': '1',
    Accept: 'application/hal+json',
  }
  out.us_per_call = await sequential(async () => JSON.parse(await (await fetch(zoomUrl, { headers })).text()))
} else if (variant === 'foxy-walk') {
  const client = foxyClient()
  await client.carts.list({ limit: 1 }) // token and links, as the SDK's walk fetches its token first
  out.rss_before_mib = maxrss()
  const start = process.hrtime.bigint()
  let count = 0
  // The generated typed walk: lazy handles over the core resources, one crossing per page, one page ahead.
  for await (const cart of client.store().carts.all({ limit })) if (cart) count++
  out.seconds = Number(process.hrtime.bigint() - start) / 1e9
  out.count = count
} else if (variant === 'sdk-walk') {
  const FoxySDK = sdk()
  const root = await sdkRoot(FoxySDK)
  out.rss_before_mib = maxrss()
  const start = process.hrtime.bigint()
  let count = 0
  let url = `${opt.carts}?limit=${limit}`
  while (url) {
    const page = await (await sdkApi(FoxySDK, url, root).get()).json()
    const carts = page._embedded?.['fx:carts'] ?? []
    count += carts.length
    // Foxy's last page links `next` to itself.
    const next = page._links?.next?.href
    url = carts.length && next !== page._links?.self?.href ? next : null
  }
  out.seconds = Number(process.hrtime.bigint() - start) / 1e9
  out.count = count
} else {
  throw new Error(`unknown variant ${variant}`)
}
out.maxrss_mib = maxrss()
console.log(JSON.stringify(out))
process.exit(0)
