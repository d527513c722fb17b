// Compiled (not run) by types.test.js: every line after a `@ts-expect-error`
// directive must be a type error (tsc fails on a directive that is unused),
// and, with the directives taken out, those lines are the only errors.
import { Client, encodeQuery, signUrl, typed } from '@foxy-rs/foxy'
import type { FoxyError, FoxyErrorCode, QueryOptions } from '@foxy-rs/foxy'

type Cart = typed.Cart

export async function misuse(client: Client, cart: Cart, error: FoxyError): Promise<void> {
  // @ts-expect-error a base URL is a string
  new Client({ baseUrl: 8080 })
  // @ts-expect-error an option the client does not have
  new Client({ apiKey: 'k' })
  // @ts-expect-error the limit of a query is a number
  const query: QueryOptions = { limit: '10' }
  // @ts-expect-error filters map names to strings
  encodeQuery({ filters: { total_order: 10 } })
  // @ts-expect-error an href is a string
  await client.carts.get(42)
  // @ts-expect-error the carts have no such method
  await client.carts.fetch('https://api.test/carts/1')
  // @ts-expect-error a cart is not a number
  const total: number = await client.carts.get('https://api.test/carts/1')
  // @ts-expect-error the href of a resource is read-only
  cart.href = 'https://api.test/carts/2'
  // @ts-expect-error a customer email is text
  cart.customerEmail = 5
  // @ts-expect-error not one of the error codes
  const code: FoxyErrorCode = 'FOXY_NOPE'
  // @ts-expect-error messages are strings
  const first: number = error.messages[0]
  // @ts-expect-error the iterator yields carts, which have no `nope`
  for await (const c of client.carts.all()) c.nope()
  // @ts-expect-error signUrl needs the secret and the URL
  signUrl('https://x.test/cart?code=a')
  void [query, total, code, first]
}
