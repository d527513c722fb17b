// Compiled (not run) by types.test.js: the published types describe the
// API as the tests use it, async iteration included.
import { Client, startSandbox, signUrl, verifyWebhook, encodeQuery, typed, decodeDatafeed } from '@foxy-rs/foxy'
import type { Datafeed, DatafeedElement, FoxyError, FoxyErrorCode, QueryOptions, ResponseMeta } from '@foxy-rs/foxy'

type Cart = typed.Cart
type Transaction = typed.Transaction

export async function demo(): Promise<string> {
  const sandbox = await startSandbox({ faults: '429=0.1' })
  const client = new Client({
    baseUrl: sandbox.baseUrl,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    refreshToken: sandbox.refreshToken,
  })
  const query: QueryOptions = { zoom: ['items'], filters: { billing_city: 'Paris' }, order: 'id desc', limit: 10 }
  const totals: string[] = []
  for await (const cart of client.carts.all(query)) {
    const total: string | null = cart.totalOrder
    if (total !== null) totals.push(total)
  }
  const cart: Cart = await client.carts.get('https://api.test/carts/1', { zoom: 'items' })
  const [grace] = (await client.customers.list({ filters: { email: 'grace.hopper@sandbox.test' } })).members
  const transaction: Transaction = await client.carts.charge(cart, grace)
  for await (const t of client.transactions.all()) totals.push(t.totalOrder ?? '')
  const store = await client.follow(['fx:store']).get()
  const meta: ResponseMeta | null = store.meta
  if (meta !== null) totals.push(`${meta.status} ${meta.url} ${meta.elapsed}s ${meta.etag ?? ''} ${meta.headers['etag'] ?? ''}`)
  totals.push(String(cart.meta?.attempts))
  let code: FoxyErrorCode = 'FOXY_API'
  try {
    await client.carts.list({ limit: 301 })
  } catch (error) {
    const e = error as FoxyError
    code = e.code
    if (e.status === 404) totals.push(...e.messages, ...e.logrefs, String(e.ambiguous))
    const logref: string | undefined = e.meta?.logref
    if (logref !== undefined) totals.push(logref)
  }
  verifyWebhook('key', { 'foxy-webhook-signature': 'x' }, Buffer.from('{}'))
  await sandbox.stop()
  return [signUrl('k', 'https://x.test/cart?code=a'), encodeQuery(query), transaction.href, store.href, code].join()
}

/** Typed navigation over five relations, streaming with `for await`, type-checked under --strict. */
export async function fiveRelations(client: Client): Promise<string[]> {
  const out: string[] = []
  const store = client.store()
  const coupons: typed.Coupons = await store.coupons.list({ limit: 5 })
  for (const coupon of coupons.members) {
    const name: string | null = coupon.name
    coupon.name = `${name ?? ''} (renamed)`
    await client.put(coupon.href ?? '', coupon)
  }
  for await (const subscription of store.subscriptions.all({ limit: 50 })) {
    const s: typed.Subscription = subscription
    const frequency: string | null = s.frequency
    const due: string | null = s.pastDueAmount // money: exact decimal text
    out.push(`${frequency} ${due} ${s.meta?.status ?? ''}`)
  }
  for await (const customer of store.customers.all()) out.push(customer.email ?? '')
  for await (const transaction of store.transactions.all({ limit: 20 })) out.push(transaction.totalOrder ?? '')
  const carts: typed.Carts = await store.carts.list()
  out.push(String(carts.totalItems), ...carts.members.map((c: typed.Cart) => c.customerUri ?? ''))
  const path: typed.Path = client.follow('fx:store').follow('fx:coupons')
  out.push(await path.resolve(), (await path.get()).href ?? '')
  // Generated classes from plain objects; embedded children are live, typed views.
  const made = new typed.Cart({ billingCity: 'Austin', items: [{ name: 'Hat', quantity: 2, price: '19.99' }] })
  const hat: typed.Item = made.items[0]
  hat.quantity = 5
  made.items = [...made.items, new typed.Item({ name: 'Scarf' })]
  const owner: typed.Customer | null = made.customer
  out.push(hat.price ?? '', owner?.email ?? '')
  return out
}

/** A datafeed read as generic elements: every value is its exact text, or null. */
export function datafeedTotals(body: Buffer, key: string): Array<string | null> {
  const feed: Datafeed = decodeDatafeed(body, key)
  const root: DatafeedElement = feed.root
  const details: DatafeedElement[] = feed.transactions.flatMap((t) => t.child('transaction_details')?.findAll('transaction_detail') ?? [])
  return [root.get('datafeed_version'), ...feed.transactions.map((t) => t.get('order_total')), ...details.map((d) => d.text)]
}
