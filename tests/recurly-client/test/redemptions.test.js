'use strict'
const { test } = require('node:test')
const { recurly, client, unique, all, account, refused, assert } = require('../support/harness')

test('a coupon is redeemed on an account by its id (200), listed, found by uuid, and removed (R1, R4)', async () => {
  const admin = client()
  const coupon = await admin.createCoupon({ code: unique('redeem'), name: 'Redeem me', discountType: 'percent', discountPercent: 20, maxRedemptionsPerAccount: 1 })
  const owner = await admin.createAccount(account(unique('holder')))
  assert.equal(owner.state, 'active')
  assert.equal(admin.adapter.responses.at(-1).statusCode, 201)

  const redemption = await admin.createCouponRedemption(owner.id, { couponId: coupon.id, currency: 'USD' })
  assert.equal(admin.adapter.responses.at(-1).statusCode, 200)
  assert.ok(redemption instanceof recurly.CouponRedemption)
  assert.equal(redemption.state, 'active')
  assert.equal(redemption.account.code, owner.code)
  assert.equal(redemption.coupon.id, coupon.id)
  assert.equal(redemption.discounted, 0)

  const second = await refused(() => admin.createCouponRedemption(owner.id, { couponId: coupon.id, currency: 'USD' }), recurly.errors.ValidationError)
  assert.ok(second.params.length >= 1)

  assert.equal((await all(admin.listActiveCouponRedemptions(owner.id))).length, 1)
  assert.equal((await admin.getCouponRedemption(owner.id, `uuid-${redemption.uuid}`)).id, redemption.id)
  const removed = await admin.removeCouponRedemption(owner.id)
  assert.equal(removed.state, 'inactive')
  assert.ok(removed.removedAt instanceof Date)
  assert.equal(await admin.listActiveCouponRedemptions(owner.id).count(), 0)
  const history = await all(admin.listAccountCouponRedemptions(owner.id, { params: { state: 'inactive' } }))
  assert.deepEqual(history.map(r => r.id), [redemption.id])
})

test('a subscription-level coupon shows in the subscription\'s coupon_redemptions (RECURLY.md §5.9)', async () => {
  const admin = client()
  const plan = await admin.createPlan({ code: unique('sub-level'), name: 'Sub level', currencies: [{ currency: 'USD', unitAmount: 30 }] })
  const coupon = await admin.createCoupon({ code: unique('sublevel'), name: 'Sub level', discountType: 'percent', discountPercent: 50, redemptionResource: 'subscription', duration: 'temporal', temporalUnit: 'billing_period', temporalAmount: 3 })
  assert.equal(coupon.duration, 'billing_periods')
  assert.equal(coupon.temporalAmount, 3)
  const subscription = await admin.createSubscription({ planCode: plan.code, currency: 'USD', account: account(unique('sub-holder')), couponCodes: [coupon.code] })
  assert.equal(subscription.couponRedemptions.length, 1)
  assert.equal(subscription.couponRedemptions[0].coupon.code, coupon.code)
  assert.equal(subscription.subtotal, 30)
  assert.equal(subscription.total, 15)
  assert.equal((await all(admin.listSubscriptionCouponRedemptions(subscription.id))).length, 1)
})

test('accounts are listed with filters that survive paging, and counted', async () => {
  const admin = client()
  const email = `${unique('shared')}@example.com`
  for (let i = 0; i < 3; i++) {
    await admin.createAccount({ code: unique('listed'), email, address: { country: 'DE' } })
  }
  const listed = await all(admin.listAccounts({ params: { email, limit: 1 } }))
  assert.equal(listed.length, 3)
  assert.ok(listed.every(a => a.email === email && a.address.country === 'DE'))
  assert.equal(await admin.listAccounts({ params: { email } }).count(), 3)
})
