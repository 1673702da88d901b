'use strict'
const { test } = require('node:test')
const crypto = require('node:crypto')
const { recurly, client, unique, all, account, refused, assert, BUSINESS_KEY, GUESSER_KEY } = require('../support/harness')

test('a missing field is a ValidationError with params naming it', async () => {
  const error = await refused(() => client().createCoupon({ code: unique('noname'), discountType: 'percent', discountPercent: 10 }), recurly.errors.ValidationError)
  assert.equal(error.type, 'validation')
  assert.equal(error.getResponse().status, 422)
  assert.ok(error.params.some(p => p.param === 'name'), JSON.stringify(error.params))
})

test('an unknown coupon, account, plan, subscription or invoice is a NotFoundError', async () => {
  const admin = client()
  for (const call of [
    () => admin.getCoupon('code-no-such-coupon'),
    () => admin.getAccount('code-no-such-account'),
    () => admin.getPlan('code-no-such-plan'),
    () => admin.getSubscription('uuid-00'),
    () => admin.getInvoice('number-999999'),
    () => admin.getUniqueCouponCode('code-NOPE')
  ]) {
    const error = await refused(call, recurly.errors.NotFoundError)
    assert.equal(error.type, 'not_found')
  }
})

test('a request without credentials is an UnauthorizedError; a wrong key an InvalidApiKeyError; a business key may not create coupons', async () => {
  const anonymous = client('anything', headers => { delete headers.Authorization; return headers })
  await refused(() => anonymous.listCoupons().first(), recurly.errors.UnauthorizedError)
  const wrong = await refused(() => client('not-a-key').listCoupons().first(), recurly.errors.InvalidApiKeyError)
  assert.equal(wrong.getResponse().status, 403)
  const business = client(BUSINESS_KEY)
  await refused(() => business.createCoupon({ code: unique('biz'), name: 'Biz', discountType: 'percent', discountPercent: 1 }), recurly.errors.InvalidPermissionsError)
  assert.ok(await business.listCoupons().count() >= 0)
})

test('another API version in Accept is an UnknownApiVersionError (406)', async () => {
  const old = client(undefined, headers => ({ ...headers, Accept: 'application/vnd.recurly.v2019-10-10' }))
  const error = await refused(() => old.listCoupons().first(), recurly.errors.UnknownApiVersionError)
  assert.equal(error.getResponse().status, 406)
})

test('every response carries Recurly-Version and application/json; charset=utf-8, errors included', async () => {
  const admin = client()
  await admin.listCoupons().count()
  await refused(() => admin.getCoupon('code-missing'), recurly.errors.NotFoundError)
  await admin.listCoupons().first()
  for (const response of admin.adapter.responses) {
    assert.equal(response.headers['recurly-version'], 'recurly.v2021-02-25')
  }
  assert.equal(admin.adapter.responses.at(-1).headers['content-type'], 'application/json; charset=utf-8')
})

test('a retry with the same Idempotency-Key answers the first response and creates nothing more (RECURLY.md §5.16)', async () => {
  const admin = client()
  const key = crypto.randomUUID()
  const code = unique('idem')
  const body = { code, email: `${code}@example.com`, address: { country: 'US' } }
  const first = await admin.createAccount(body, { headers: { 'Idempotency-Key': key } })
  const retry = await admin.createAccount(body, { headers: { 'Idempotency-Key': key } })
  assert.equal(retry.id, first.id)
  assert.equal(admin.adapter.responses.at(-1).headers['idempotency-prior'], 'true')
  assert.equal(await admin.listAccounts({ params: { email: body.email } }).count(), 1)
  await refused(() => admin.createAccount(body), recurly.errors.ValidationError)

  const coupon = await admin.createCoupon({ code: unique('idem-c'), name: 'Idem', discountType: 'percent', discountPercent: 5 })
  const redeemKey = crypto.randomUUID()
  const once = await admin.createCouponRedemption(first.id, { couponId: coupon.id, currency: 'USD' }, { headers: { 'Idempotency-Key': redeemKey } })
  const twice = await admin.createCouponRedemption(first.id, { couponId: coupon.id, currency: 'USD' }, { headers: { 'Idempotency-Key': redeemKey } })
  assert.equal(twice.id, once.id)
  assert.equal(await admin.listAccountCouponRedemptions(first.id).count(), 1)
})

test('a list parameter the list does not take is refused, not ignored', async () => {
  const admin = client()
  await refused(() => admin.listCoupons({ params: { state: 'redeemable' } }).first(), recurly.errors.ValidationError)
  const error = await refused(() => all(admin.listCoupons({ params: { limit: 500 } })), recurly.errors.ValidationError)
  assert.deepEqual(error.params.map(p => p.param), ['limit'])
})

test('guessing coupon codes: each miss counts, then the client gets its RateLimitedError (429, Retry-After); another key is unaffected', { skip: !GUESSER_KEY && 'set RECURLY_GUESSER_KEY to a business key of its own' }, async () => {
  const owner = await client().createAccount(account(unique('guessed')))
  const guesser = client(GUESSER_KEY)
  let misses = 0
  let limited
  while (!limited && misses <= 100) {
    try {
      await guesser.createCouponRedemption(owner.id, { couponId: `code-${unique('nope')}`, currency: 'USD' })
      assert.fail('a code nobody issued was redeemed')
    } catch (error) {
      if (error instanceof recurly.errors.RateLimitedError) {
        limited = error
      } else {
        assert.ok(error instanceof recurly.errors.NotFoundError, `expected NotFoundError, got ${error.constructor.name}: ${error.message}`)
        misses++
      }
    }
  }
  assert.ok(limited, 'no RateLimitedError after 100 misses')
  assert.equal(misses, Number(process.env.RECURLY_GUESSES_PER_MINUTE || 20), 'each miss took one of Billing:Limits:CouponGuessesPerMinute')
  assert.equal(limited.type, 'rate_limited')
  assert.equal(limited.getResponse().status, 429)
  assert.ok(Number(guesser.adapter.responses.at(-1).headers['retry-after']) > 0)
  await refused(() => client(BUSINESS_KEY).createCouponRedemption(owner.id, { couponId: `code-${unique('nope')}`, currency: 'USD' }), recurly.errors.NotFoundError)
})
