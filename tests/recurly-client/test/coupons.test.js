'use strict'
const { test } = require('node:test')
const { recurly, client, unique, lenient, all, refused, account, assert } = require('../support/harness')

test('a percent coupon round-trips Recurly\'s asymmetric shapes: discount_percent in, discount.percent out (RECURLY.md §5.1)', async () => {
  const admin = client()
  const code = unique('ten')
  const coupon = await admin.createCoupon({
    code,
    name: 'Ten percent',
    discountType: 'percent',
    discountPercent: 10,
    duration: 'forever',
    hostedDescription: 'Ten off',
    invoiceDescription: '10% off',
    maxRedemptionsPerAccount: 1
  })
  assert.ok(coupon instanceof recurly.Coupon)
  assert.equal(coupon.code, code)
  assert.equal(coupon.state, 'redeemable')
  assert.equal(coupon.couponType, 'single_code')
  assert.deepEqual({ ...coupon.discount }, { type: 'percent', percent: 10 })
  assert.equal(coupon.hostedPageDescription, 'Ten off')
  assert.equal(coupon.appliesToAllPlans, true)
  assert.equal(coupon.plans, null)
  assert.equal(coupon.redemptionResource, 'account')
  assert.ok(coupon.createdAt instanceof Date)
  assert.equal(admin.adapter.responses.at(-1).statusCode, 201)

  const byCode = await admin.getCoupon(`code-${code}`)
  assert.equal(byCode.id, coupon.id)
  const byId = await admin.getCoupon(coupon.id)
  assert.equal(byId.code, code)
})

test('a fixed coupon carries its amounts per currency; updating the name keeps the discount (C11)', async () => {
  const admin = client()
  const code = unique('twenty')
  const coupon = await admin.createCoupon({ code, name: 'Twenty', discountType: 'fixed', currencies: [{ currency: 'USD', discount: 20 }] })
  assert.equal(coupon.discount.type, 'fixed')
  assert.equal(coupon.discount.currencies[0].currency, 'USD')
  assert.equal(coupon.discount.currencies[0].amount, 20)
  assert.equal(coupon.discount.percent, undefined)

  const renamed = await admin.updateCoupon(coupon.id, { name: 'Twenty dollars', maxRedemptions: 5 })
  assert.equal(renamed.name, 'Twenty dollars')
  assert.equal(renamed.maxRedemptions, 5)
  assert.equal(renamed.discount.currencies[0].amount, 20)
})

test('deactivating a coupon expires it with expired_at, and restoring makes it redeemable again (C12, C14)', async () => {
  const admin = client()
  const coupon = await admin.createCoupon({ code: unique('gone'), name: 'Gone', discountType: 'percent', discountPercent: 5 })
  const expired = await admin.deactivateCoupon(coupon.id)
  assert.equal(expired.state, 'expired')
  assert.ok(expired.expiredAt instanceof Date)
  assert.equal(admin.adapter.responses.at(-1).statusCode, 200)

  const restored = await admin.restoreCoupon(coupon.id, {})
  assert.equal(restored.state, 'redeemable')
  assert.equal(restored.expiredAt, null)
})

test('a free-trial coupon shows its trial both nested and flat', async () => {
  const coupon = await client().createCoupon({ code: unique('trial'), name: 'Trial', discountType: 'free_trial', freeTrialUnit: 'month', freeTrialAmount: 2 })
  assert.deepEqual({ ...coupon.discount.trial }, { unit: 'month', length: 2 })
  assert.equal(coupon.freeTrialUnit, 'month')
  assert.equal(coupon.freeTrialAmount, 2)
})

test('a bulk coupon\'s codes are generated, listed through several pages, counted, redeemed once and refused the second time (C16, R1)', async () => {
  const admin = client()
  const code = unique('bulk')
  const coupon = await admin.createCoupon({
    code,
    name: 'Bulk',
    discountType: 'percent',
    discountPercent: 15,
    couponType: 'bulk',
    uniqueCodeTemplate: `'${code.toUpperCase()}-'*****`
  })
  assert.equal(coupon.couponType, 'bulk')
  assert.equal(coupon.uniqueCouponCodesCount, 0)

  const params = await lenient(() => admin.generateUniqueCouponCodes(coupon.id, { numberOfUniqueCodes: 7 }))
  assert.equal(params.order, 'asc')
  assert.equal(params.sort, 'created_at')
  assert.equal(admin.adapter.responses.at(-1).statusCode, 201)
  const sync = await admin.generateUniqueCouponCodesSync(coupon.id, { numberOfUniqueCodes: 3 })
  assert.equal(sync.uniqueCouponCodes.length, 3)
  assert.ok(sync.uniqueCouponCodes.every(c => c instanceof recurly.UniqueCouponCode && c.state === 'redeemable' && c.bulkCouponId === coupon.id))

  const pager = admin.listUniqueCouponCodes(coupon.id, { params: { limit: 3, order: 'asc' } })
  const pages = []
  for await (const page of pager.eachPage()) {
    pages.push(page.map(c => c.code))
  }
  assert.deepEqual(pages.map(p => p.length), [3, 3, 3, 1])
  const codes = pages.flat()
  assert.equal(new Set(codes).size, 10)
  assert.ok(codes.every(c => c.startsWith(`${code.toUpperCase()}-`)))
  assert.equal(await admin.listUniqueCouponCodes(coupon.id, { params: { limit: 3 } }).count(), 10)
  assert.equal((await admin.getCoupon(coupon.id)).uniqueCouponCodesCount, 10)

  const buyer = await admin.createAccount(account(unique('bulk-buyer')))
  const plan = await admin.createPlan({ code: unique('bulkplan'), name: 'Bulk plan', currencies: [{ currency: 'USD', unitAmount: 10 }] })
  const subscription = await admin.createSubscription({ planCode: plan.code, currency: 'USD', account: { code: buyer.code }, couponCodes: [codes[0]] })
  assert.equal(subscription.state, 'active')
  const invoice = await admin.getInvoice(subscription.activeInvoiceId)
  assert.equal(invoice.total, 8.5)

  const redeemed = await admin.getUniqueCouponCode(`code-${codes[0]}`)
  assert.equal(redeemed.state, 'redeemed')
  assert.ok(redeemed.redeemedAt instanceof Date)
  assert.equal(await admin.listUniqueCouponCodes(coupon.id, { params: { redeemed: true } }).count(), 1)
  assert.equal(await admin.listUniqueCouponCodes(coupon.id, { params: { redeemed: false } }).count(), 9)

  const other = await admin.createAccount(account(unique('bulk-second')))
  const error = await refused(
    () => admin.createSubscription({ planCode: plan.code, currency: 'USD', account: { code: other.code }, couponCodes: [codes[0]] }),
    recurly.errors.ValidationError)
  assert.equal(error.getResponse().status, 422)
})

test('a unique code is deactivated (inactive) and reactivated with a bodiless PUT', async () => {
  const admin = client()
  const code = unique('uniq')
  const coupon = await admin.createCoupon({ code, name: 'Uniq', discountType: 'percent', discountPercent: 5, couponType: 'bulk', uniqueCodeTemplate: `'${code.toUpperCase()}-'99999` })
  const { uniqueCouponCodes: [first] } = await admin.generateUniqueCouponCodesSync(coupon.id, { numberOfUniqueCodes: 1 })
  const inactive = await admin.deactivateUniqueCouponCode(first.id)
  assert.equal(inactive.state, 'inactive')
  const again = await admin.reactivateUniqueCouponCode(`code-${first.code}`)
  assert.equal(again.state, 'redeemable')
  assert.equal(again.bulkCouponCode, coupon.code)
})

test('listCoupons pages with a next link that carries every filter, and count() answers HEAD with the total', async () => {
  const admin = client()
  const begin = new Date('2000-01-01T00:00:00Z')
  const created = []
  for (let i = 0; i < 3; i++) {
    created.push(await admin.createCoupon({ code: unique('page'), name: `Page ${i}`, discountType: 'percent', discountPercent: 1 }))
  }
  const total = await admin.listCoupons({ params: { limit: 1 } }).count()
  assert.ok(total >= 3)
  const listed = await all(admin.listCoupons({ params: { limit: 2, order: 'asc', sort: 'created_at', beginTime: begin } }))
  assert.ok(listed.length >= 3)
  assert.ok(listed.every(c => c instanceof recurly.Coupon))
  assert.equal(new Set(listed.map(c => c.id)).size, listed.length)
  const requested = admin.adapter.responses.length
  assert.ok(requested >= 2)
  const first = await admin.listCoupons({ params: { order: 'desc' } }).first()
  assert.ok(first instanceof recurly.Coupon)
  // ids takes a coupon's id or code-<code> (RECURLY.md §3.4), narrowing the list and its count alike.
  const ids = `code-${created[0].code},${created[2].id}`
  const picked = await all(admin.listCoupons({ params: { ids, limit: 1 } }))
  assert.deepEqual(picked.map(c => c.id).sort(), [created[0].id, created[2].id].sort())
  assert.equal(await admin.listCoupons({ params: { ids } }).count(), 2)
})
