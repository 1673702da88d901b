'use strict'
// Strict mode before the package loads: the client then throws on any member its resource classes do not declare
// and on any type mismatch (RECURLY.md §3.1).
process.env.RECURLY_STRICT_MODE = 'TRUE'

const assert = require('node:assert/strict')
const crypto = require('node:crypto')
const recurly = require('recurly')
const recurlyUtils = require('recurly/lib/recurly/utils')

const BILLING_URL = process.env.BILLING_URL
if (!BILLING_URL) {
  throw new Error('Set BILLING_URL to the host, e.g. http://127.0.0.1:5000 (the tests add /recurly).')
}

const ADMIN_KEY = process.env.RECURLY_ADMIN_KEY || 'dev-recurly-admin-key'
const BUSINESS_KEY = process.env.RECURLY_BUSINESS_KEY || 'dev-recurly-business-key'
// A second business key, used only by the code-guessing test: each key is its own caller with its own slots.
const GUESSER_KEY = process.env.RECURLY_GUESSER_KEY

/**
 * The documented seam (RECURLY.md §1): the official adapter, keeping its gzip, keep-alive, timeout and retry, with
 * the origin of each URL swapped for Billing's /recurly base. It also keeps every response, so that tests can check
 * headers the client does not expose (Recurly-Version). `rewrite` lets a test tamper with the request headers.
 */
class BillingAdapter extends recurly.DefaultHttpAdapter {
  constructor (rewrite = headers => headers) {
    super()
    this.rewrite = rewrite
    this.responses = []
  }

  async execute (method, url, headers, body) {
    const target = new URL(url)
    const response = await super.execute(method, `${BILLING_URL}/recurly${target.pathname}${target.search}`, this.rewrite({ ...headers }), body)
    this.responses.push(response)
    return response
  }
}

function client (key = ADMIN_KEY, rewrite) {
  const adapter = new BillingAdapter(rewrite)
  const c = new recurly.Client(key, { httpAdapter: adapter })
  c.adapter = adapter
  return c
}

/** A code no other test uses: every test file runs against the same host. */
function unique (prefix) {
  return `${prefix}-${crypto.randomBytes(4).toString('hex')}`
}

/** Runs a call with strict mode off: the client's UniqueCouponCodeParams class declares no `object` (RECURLY.md §5.15). */
async function lenient (call) {
  recurlyUtils.STRICT_MODE = false
  try {
    return await call()
  } finally {
    recurlyUtils.STRICT_MODE = true
  }
}

async function all (pager) {
  const items = []
  for await (const item of pager.each()) {
    items.push(item)
  }
  return items
}

/** Asserts the call is refused with this error class of the client, and answers the error. */
async function refused (call, errorClass) {
  try {
    await call()
  } catch (error) {
    assert.ok(error instanceof errorClass, `expected ${errorClass.name}, got ${error.constructor.name}: ${error.message}`)
    return error
  }
  assert.fail(`expected ${errorClass.name}, but the call succeeded`)
}

function account (code) {
  return { code, email: `${code}@example.com`, address: { country: 'US' } }
}

module.exports = { recurly, client, unique, lenient, all, refused, account, assert, ADMIN_KEY, BUSINESS_KEY, GUESSER_KEY }
