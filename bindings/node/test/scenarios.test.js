'use strict'
// The behaviour suite (`tests/scenarios/*.json`, format in its README) run by the Node binding:
// one test per file, in name order, each against a fresh sandbox. Prints `scenarios: N passed`
// when every file has run. Paths come from `__dirname` (CI runs `node --test` from the root).

const { test, after } = require('node:test')
const fs = require('node:fs')
const path = require('node:path')
const { foxy } = require('./helpers.js')

const SCENARIOS = path.resolve(__dirname, '..', '..', '..', 'tests', 'scenarios')
const FILES = fs
  .readdirSync(SCENARIOS)
  .filter((name) => name.endsWith('.json'))
  .sort()

const KIND_CODES = new Set([
  'api', 'auth', 'input', 'decode', 'model', 'missing_link', 'transport', 'timeout', 'policy',
  'legacy', 'cart_endpoint', 'invalid_base_url', 'invalid_token_endpoint', 'unsupported_media_type',
  'no_credentials', 'transport_setup', 'driver_misuse', 'ambiguous',
])
// The binding's error codes → the error kind codes of `foxy::ErrorKind`, for errors that do not
// carry the kind (`error.kind`) yet. FOXY_INVALID_INPUT also covers missing links: only `kind`
// tells them apart.
const ERROR_KINDS = {
  FOXY_API: 'api',
  FOXY_RATE_LIMIT: 'api',
  FOXY_AUTH: 'auth',
  FOXY_TOKEN_REJECTED: 'auth',
  FOXY_TRANSPORT: 'transport',
  FOXY_TIMEOUT: 'timeout',
  FOXY_DECODE: 'decode',
  FOXY_INVALID_INPUT: 'input',
  FOXY_AMBIGUOUS: 'ambiguous',
}

// Scenarios this binding cannot pass yet: file name → the binding defect. Remove an entry once
// the defect is fixed.
const GAPS = {}

const STEP_KEYS = new Set(['do', 'save', 'expect', 'rels', 'query', 'to', 'body', 'from', 'set', 'ms'])
const EXPECT_KEYS = new Set(['props', 'no_props', 'links', 'no_links', 'embedded', 'count', 'total_items', 'error', 'status'])
const MAX_WAIT_MS = 1500

const results = { passed: 0, skipped: 0, failed: 0 }

/** A failed scenario: a step's outcome differed from what it expects, or the file is wrong. */
class ScenarioError extends Error {}

function kindOf(error) {
  if (KIND_CODES.has(error?.kind)) return error.kind
  if (KIND_CODES.has(error?.code)) return error.code
  return ERROR_KINDS[error?.code] ?? null
}

function isFoxyError(error) {
  return error instanceof foxy.FoxyError || (typeof error?.code === 'string' && error.code.startsWith('FOXY_'))
}

test('there are enough scenarios', () => {
  if (FILES.length < 30) throw new Error(`only ${FILES.length} scenario files in ${SCENARIOS}`)
})

for (const file of FILES) {
  const id = file.replace(/\.json$/, '')
  test(id, async (t) => {
    if (GAPS[id] !== undefined) {
      results.skipped += 1
      t.skip(`binding gap: ${GAPS[id]}`)
      return
    }
    try {
      await runFile(path.join(SCENARIOS, file), id)
    } catch (error) {
      results.failed += 1
      throw error
    }
    results.passed += 1
  })
}

after(() => {
  let line = `scenarios: ${results.passed} passed`
  if (results.skipped > 0) {
    const byGap = new Map()
    for (const [id, gap] of Object.entries(GAPS)) byGap.set(gap, [...(byGap.get(gap) ?? []), id])
    const gaps = [...byGap].map(([gap, ids]) => `${ids.join(', ')}: ${gap}`)
    line += `, ${results.skipped} skipped (binding gaps: ${gaps.join('; ')})`
  }
  if (results.failed > 0) line += `, ${results.failed} failed`
  process.stderr.write(`${line}\n`)
})

// Running a file ------------------------------------------------------------------------------

async function runFile(file, id) {
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'))
  const sandboxOptions = {}
  for (const [key, value] of Object.entries(doc.sandbox ?? {})) {
    if (key !== 'token_lifetime') throw new ScenarioError(`${id}: unknown sandbox option ${key}`)
    sandboxOptions.tokenLifetimeMs = value * 1000
  }
  const clientOptions = {}
  for (const [key, value] of Object.entries(doc.client ?? {})) {
    if (key !== 'media_type') throw new ScenarioError(`${id}: unknown client option ${key}`)
    clientOptions.mediaType = value
  }
  const sandbox = await foxy.startSandbox(sandboxOptions)
  try {
    const run = new Run(sandbox, clientOptions)
    let waited = 0
    for (const [index, step] of doc.steps.entries()) {
      const what = step.do ?? '?'
      try {
        if (what === 'wait') {
          waited += step.ms
          if (waited > MAX_WAIT_MS) throw new ScenarioError('the scenario waits more than 1500 ms')
          await new Promise((resolve) => setTimeout(resolve, step.ms))
          continue
        }
        await run.step(step)
      } catch (error) {
        if (error instanceof ScenarioError) throw new ScenarioError(`${id} step ${index} (${what}): ${error.message}`)
        throw error
      }
    }
  } finally {
    await sandbox.stop()
  }
}

/** A scenario's client and the results saved by name. */
class Run {
  constructor(sandbox, clientOptions) {
    this.base = sandbox.baseUrl.replace(/\/+$/, '')
    this.client = new foxy.Client({
      baseUrl: sandbox.baseUrl,
      clientId: sandbox.clientId,
      clientSecret: sandbox.clientSecret,
      refreshToken: sandbox.refreshToken,
      ...clientOptions,
    })
    this.saved = new Map()
  }

  async step(step) {
    const unknown = Object.keys(step).filter((k) => !STEP_KEYS.has(k))
    if (unknown.length > 0) throw new ScenarioError(`unknown step keys ${unknown}`)
    const expect = step.expect ?? {}
    const unknownExpect = Object.keys(expect).filter((k) => !EXPECT_KEYS.has(k))
    if (unknownExpect.length > 0) throw new ScenarioError(`unknown expect keys ${unknownExpect}`)
    let result
    try {
      result = await this.perform(step)
    } catch (error) {
      if (error instanceof ScenarioError || !isFoxyError(error)) throw error
      checkError(expect, error)
      return
    }
    if (expect.error !== undefined) throw new ScenarioError(`expected an error ${expect.error}, the call succeeded`)
    if (typeof result === 'number') {
      if (expect.count !== undefined) same('count', expect.count, result)
      return
    }
    // References in `expect.props` name results of earlier steps.
    checkResource({ ...expect, props: this.substitute(expect.props ?? {}) }, result)
    if (step.save !== undefined) this.saved.set(step.save, result)
  }

  async perform(step) {
    const query = toQuery(this.substitute(step.query ?? {}))
    const client = this.client
    switch (step.do) {
      case 'home':
        return client.home()
      case 'follow':
        return client.follow(step.rels).get(query)
      case 'get':
        return client.get(this.target(step), query)
      case 'post':
        return client.post(this.target(step), this.substitute(step.body))
      case 'patch':
        return client.patch(this.target(step), this.substitute(step.body))
      case 'put':
        return client.put(this.target(step), this.document(step))
      case 'delete':
        return client.delete(this.target(step))
      case 'list':
        return (await this.typed(step).list(query)).toResource()
      case 'all': {
        let count = 0
        for await (const _member of this.typed(step).all(query)) count += 1
        return count
      }
      default:
        throw new ScenarioError(`unknown operation ${step.do}`)
    }
  }

  /** The typed navigation path of `["fx:store", "fx:REL"]` (`client.store().giftCards`). */
  typed(step) {
    const rels = step.rels
    if (rels.length !== 2 || rels[0] !== 'fx:store' || !rels[1].startsWith('fx:')) {
      throw new ScenarioError('rels of list/all must be ["fx:store", "fx:REL"]')
    }
    const name = rels[1].slice(3).replace(/_([a-z])/g, (_, c) => c.toUpperCase())
    const nav = this.client.store()[name]
    if (nav === undefined) throw new ScenarioError(`no typed navigation store().${name}`)
    return nav
  }

  target(step) {
    const to = this.substitute(step.to)
    if (typeof to !== 'string') throw new ScenarioError('`to` is not a string')
    return to.startsWith('/') ? this.base + to : to
  }

  /** A PUT's document: `body`, or the resource saved as `from` (as read) with `set` applied. */
  document(step) {
    if (step.from === undefined) return foxy.parseResource(JSON.stringify(this.substitute(step.body)))
    const saved = this.saved.get(step.from)
    if (saved === undefined) throw new ScenarioError(`nothing saved as ${step.from}`)
    // The Resource has no property setter: its own HAL+JSON, changed, read back.
    const doc = JSON.parse(saved.write('hal+json'))
    Object.assign(doc, this.substitute(step.set ?? {}))
    return foxy.parseResource(JSON.stringify(doc))
  }

  substitute(value) {
    if (typeof value === 'string' && value.startsWith('$')) return this.resolve(value)
    if (Array.isArray(value)) return value.map((v) => this.substitute(v))
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.substitute(v)]))
    }
    return value
  }

  resolve(reference) {
    const body = reference.slice(1)
    const dot = body.indexOf('.')
    const name = dot < 0 ? body : body.slice(0, dot)
    const part = dot < 0 ? '' : body.slice(dot + 1)
    const saved = this.saved.get(name)
    if (saved === undefined) throw new ScenarioError(`${reference}: nothing saved as ${name}`)
    const missing = (what) => new ScenarioError(`${reference}: the saved ${name} has no ${what}`)
    if (part === '') {
      if (saved.href === null) throw missing('self link')
      return saved.href
    }
    if (part.startsWith('link:')) {
      const href = saved.link(part.slice(5))
      if (href === null) throw missing(part)
      return href
    }
    if (part.startsWith('prop:')) {
      const props = saved.properties
      if (!(part.slice(5) in props)) throw missing(part)
      return props[part.slice(5)]
    }
    if (part.startsWith('member:')) {
      const members = saved.embeddedRels.flatMap((rel) => saved.embedded(rel))
      const member = members[Number(part.slice(7))]
      if (member === undefined || member.href === null) throw missing(part)
      return member.href
    }
    throw new ScenarioError(`${reference}: unknown reference form`)
  }
}

const QUERY_KEYS = new Set(['zoom', 'fields', 'order', 'limit', 'offset', 'filters'])

function toQuery(spec) {
  const unknown = Object.keys(spec).filter((k) => !QUERY_KEYS.has(k))
  if (unknown.length > 0) throw new ScenarioError(`unknown query keys ${unknown}`)
  const query = {}
  for (const key of ['zoom', 'fields', 'order', 'limit', 'offset']) {
    if (spec[key] !== undefined) query[key] = spec[key]
  }
  if (spec.filters !== undefined) {
    query.filters = Object.fromEntries(Object.entries(spec.filters).map(([k, v]) => [k, String(v)]))
  }
  return query
}

// Expectations --------------------------------------------------------------------------------

function checkError(expect, error) {
  const kind = kindOf(error)
  if (expect.error === undefined) throw new ScenarioError(`failed with ${kind} (${error.code}): ${error.message}`)
  if (kind !== expect.error) {
    throw new ScenarioError(`expected error ${expect.error}, got ${kind} (${error.code}): ${error.message}`)
  }
  if (expect.status !== undefined && error.status !== expect.status) {
    throw new ScenarioError(`expected status ${expect.status}, got ${error.status}: ${error.message}`)
  }
}

function checkResource(expect, resource) {
  const props = resource.properties
  for (const [name, want] of Object.entries(expect.props ?? {})) {
    if (!(name in props)) throw new ScenarioError(`property ${name} is absent`)
    same(`property ${name}`, want, props[name])
  }
  for (const name of expect.no_props ?? []) {
    if (name in props) throw new ScenarioError(`property ${name} is present`)
  }
  for (const rel of expect.links ?? []) {
    if (resource.link(rel) === null) throw new ScenarioError(`no link ${rel}`)
  }
  for (const rel of expect.no_links ?? []) {
    if (resource.link(rel) !== null) throw new ScenarioError(`link ${rel} is present`)
  }
  for (const [rel, want] of Object.entries(expect.embedded ?? {})) {
    same(`embedded ${rel} count`, want, resource.embedded(rel).length)
  }
  if (expect.count !== undefined) {
    const count = resource.embeddedRels.reduce((n, rel) => n + resource.embedded(rel).length, 0)
    same('member count', expect.count, count)
  }
  if (expect.total_items !== undefined) {
    if (!('total_items' in props)) throw new ScenarioError('property total_items is absent')
    same('total_items', expect.total_items, props.total_items)
  }
}

function same(what, want, got) {
  if (!equal(want, got)) throw new ScenarioError(`${what}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`)
}

/** JSON equality; two numbers or decimal strings compare by exact decimal value. */
function equal(want, got) {
  const [a, b] = [decimalText(want), decimalText(got)]
  if (a !== null && b !== null) return a === b
  if (Array.isArray(want) && Array.isArray(got)) {
    return want.length === got.length && want.every((v, i) => equal(v, got[i]))
  }
  if (want !== null && got !== null && typeof want === 'object' && typeof got === 'object') {
    const keys = Object.keys(want)
    return keys.length === Object.keys(got).length && keys.every((k) => k in got && equal(want[k], got[k]))
  }
  return want === got
}

/** The canonical text of a decimal number or numeric string (`"24.990"` → `24.99`). */
function decimalText(value) {
  if (typeof value !== 'number' && typeof value !== 'string') return null
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(String(value).trim())
  if (match === null) return null
  const whole = match[2].replace(/^0+/, '') || '0'
  const fraction = (match[3] ?? '').replace(/0+$/, '')
  const text = fraction === '' ? whole : `${whole}.${fraction}`
  return text === '0' || match[1] === '' ? text : `-${text}`
}
