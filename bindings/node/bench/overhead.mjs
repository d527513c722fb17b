// The cost of one call through the Node binding compared with the Rust
// client on the same request: GET one cart with its items (`zoom=items`)
// from an in-process sandbox, sequentially, after a warm-up.
//
//   npm run build:release
//   cargo build --release -p foxy --example overhead
//   node bench/overhead.mjs [CALLS]
//
// The Rust figure comes from `crates/foxy/examples/overhead.rs` (same request, same
// sandbox code, tokio). Prints a Markdown table.
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import path from 'node:path'
import { Client, startSandbox, encodeQuery, signWebhook } from '../foxy.mjs'

const calls = Number(process.argv[2] ?? 2000)
const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../../..')

function stats(micros) {
  micros.sort((a, b) => a - b)
  const mean = micros.reduce((a, b) => a + b, 0) / micros.length
  return { mean, median: micros[micros.length >> 1], p90: micros[Math.floor(micros.length * 0.9)] }
}

async function timeAsync(fn) {
  for (let i = 0; i < calls / 10; i++) await fn()
  const micros = []
  for (let i = 0; i < calls; i++) {
    const start = process.hrtime.bigint()
    await fn()
    micros.push(Number(process.hrtime.bigint() - start) / 1e3)
  }
  return stats(micros)
}

function timeSync(fn, n = 100000) {
  for (let i = 0; i < n / 10; i++) fn()
  const start = process.hrtime.bigint()
  for (let i = 0; i < n; i++) fn()
  return Number(process.hrtime.bigint() - start) / 1e3 / n
}

const sandbox = await startSandbox()
const client = new Client({
  baseUrl: sandbox.baseUrl,
  clientId: sandbox.clientId,
  clientSecret: sandbox.clientSecret,
  refreshToken: sandbox.refreshToken,
})
const href = await client.carts.create({})
// The same cart as the Rust baseline: two items.
await client.carts.addItem(await client.carts.get(href), { name: 'Sprocket', price: '10', quantity: 2 })
await client.carts.addItem(await client.carts.get(href), { name: 'Widget', price: '5', quantity: 1 })
const node = await timeAsync(() => client.carts.get(href, { zoom: 'items' }))
// A Promise round trip through the runtime with no HTTP: refused before any request.
const roundTrip = await timeAsync(() => client.carts.list({ limit: 301 }).catch(() => {}))
await sandbox.stop()

const binary = path.join(root, 'target/release/examples/overhead')
const rust = JSON.parse(execFileSync(binary, [String(calls)], { encoding: 'utf8' }).trim()).rust_async

const small = timeSync(() => encodeQuery({ limit: 20 }))
const body = Buffer.alloc(1024, 'a')
const sign = timeSync(() => signWebhook('key', body))

const f = (x) => x.toFixed(1)
console.log(`| ${calls} sequential calls, GET cart zoom=items | mean µs | median µs | p90 µs |`)
console.log('|---|---:|---:|---:|')
console.log(`| Rust \`AsyncClient\` | ${f(rust.mean_us)} | ${f(rust.median_us)} | ${f(rust.p90_us)} |`)
console.log(`| Node binding | ${f(node.mean)} | ${f(node.median)} | ${f(node.p90)} |`)
console.log(`| overhead per call | ${f(node.mean - rust.mean_us)} | ${f(node.median - rust.median_us)} | |`)
console.log()
console.log(`Promise round trip without HTTP (rejected before any request): mean ${f(roundTrip.mean)} µs, median ${f(roundTrip.median)} µs`)
console.log(`sync calls: encodeQuery({ limit: 20 }) ${f(small)} µs, signWebhook(1 KiB Buffer) ${f(sign)} µs`)
