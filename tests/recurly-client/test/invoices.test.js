'use strict'
const { test } = require('node:test')
const { recurly, client, unique, all, account, assert } = require('../support/harness')

async function planA (admin, setupFee) {
  return admin.createPlan({
    code: unique('plan-a'),
    name: 'Plan A',
    currencies: [{ currency: 'USD', unitAmount: 15, setupFee }],
    addOns: [{ code: 'extra', name: 'Extra', currencies: [{ currency: 'USD', unitAmount: 7 }] }]
  })
}

function line (invoice, origin) {
  const found = invoice.lineItems.find(l => l.origin === origin)
  assert.ok(found, `no ${origin} line`)
  return found
}

test('seed 004, percentage example: 10% off plan A discounts the plan and add-on, never the setup fee; subtotal 72.00, total 69.80 (I3)', async () => {
  const admin = client()
  const plan = await planA(admin, 50)
  assert.equal(plan.currencies[0].setupFee, 50)
  assert.equal(plan.intervalUnit, 'months')
  const coupon = await admin.createCoupon({ code: unique('ten-a'), name: '10% off Plan A', discountType: 'percent', discountPercent: 10, planCodes: [plan.code] })
  assert.equal(coupon.appliesToAllPlans, false)
  assert.deepEqual(coupon.plans.map(p => p.code), [plan.code])

  const collection = await admin.createPurchase({
    currency: 'USD',
    account: account(unique('buyer-a')),
    subscriptions: [{ planCode: plan.code, addOns: [{ code: 'extra', quantity: 1 }] }],
    couponCodes: [coupon.code]
  })
  assert.ok(collection instanceof recurly.InvoiceCollection)
  assert.equal(admin.adapter.responses.at(-1).statusCode, 201)
  const invoice = collection.chargeInvoice
  assert.equal(invoice.origin, 'purchase')
  assert.equal(invoice.subtotal, 72)
  assert.equal(invoice.discount, 2.2)
  assert.equal(invoice.subtotalAfterDiscount, 69.8)
  assert.equal(invoice.total, 69.8)
  assert.equal(invoice.couponRedemptions.length, 1)
  assert.equal(invoice.couponRedemptions[0].coupon.code, coupon.code)

  const setup = line(invoice, 'setup_fee')
  assert.equal(setup.discount, 0)
  assert.deepEqual(setup.discounts, [])
  const fee = line(invoice, 'plan')
  assert.equal(fee.subtotal, 15)
  assert.equal(fee.discount, 1.5)
  assert.equal(fee.amount, 13.5)
  assert.equal(fee.discounts[0].couponId, coupon.id)
  assert.equal(fee.discounts[0].couponRedemptionId, invoice.couponRedemptions[0].id)
  assert.equal(fee.discounts[0].discountAmount, 1.5)
  assert.ok(fee.discounts[0] instanceof recurly.LineItemDiscount)
  const addOn = line(invoice, 'add_on')
  assert.equal(addOn.addOnCode, 'extra')
  assert.equal(addOn.discount, 0.7)

  const again = await admin.getInvoice(`number-${invoice.number}`)
  assert.equal(again.id, invoice.id)
  assert.equal(again.total, 69.8)
  const lines = await all(admin.listInvoiceLineItems(invoice.id, { params: { limit: 2 } }))
  assert.equal(lines.length, 3)
  assert.equal(await admin.listInvoiceLineItems(invoice.id).count(), 3)
  const redemptions = await all(admin.listInvoiceCouponRedemptions(invoice.id))
  assert.equal(redemptions.length, 1)
})

test('seed 004, fixed example: 20 USD off fills the plan fee (15.00) then the add-on (5.00), so 2.00 is due (RECURLY.md §5.18)', async () => {
  const admin = client()
  const plan = await planA(admin, 0)
  const coupon = await admin.createCoupon({ code: unique('twenty-a'), name: '$20 off Plan A', discountType: 'fixed', currencies: [{ currency: 'USD', discount: 20 }], planCodes: [plan.code] })
  const buyer = await admin.createAccount(account(unique('buyer-b')))
  const subscription = await admin.createSubscription({
    planCode: plan.code,
    currency: 'USD',
    account: { code: buyer.code },
    addOns: [{ code: 'extra', quantity: 1 }],
    couponCodes: [coupon.code]
  })
  assert.ok(subscription instanceof recurly.Subscription)
  assert.equal(subscription.plan.code, plan.code)
  assert.equal(subscription.account.code, buyer.code)
  assert.equal(subscription.unitAmount, 15)
  assert.equal(subscription.addOns[0].addOn.code, 'extra')
  assert.equal(subscription.couponRedemptions.length, 0, 'an account-level redemption is not the subscription\'s (RECURLY.md §5.9)')
  const invoice = await admin.getInvoice(subscription.activeInvoiceId)
  assert.equal(invoice.subtotal, 22)
  assert.equal(invoice.discount, 20)
  assert.equal(invoice.total, 2)
  assert.equal(line(invoice, 'plan').discount, 15)
  assert.equal(line(invoice, 'add_on').discount, 5)

  const invoices = await all(admin.listAccountInvoices(buyer.id))
  assert.deepEqual(invoices.map(i => i.id), [invoice.id])
  assert.equal(await admin.listAccountInvoices(`code-${buyer.code}`).count(), 1)
})

test('a purchase preview computes the same invoice and persists nothing (I7)', async () => {
  const admin = client()
  const plan = await planA(admin, 50)
  const coupon = await admin.createCoupon({ code: unique('ten-p'), name: '10% off', discountType: 'percent', discountPercent: 10 })
  const code = unique('preview')
  const preview = await admin.previewPurchase({
    currency: 'USD',
    account: account(code),
    subscriptions: [{ planCode: plan.code, addOns: [{ code: 'extra', quantity: 1 }] }],
    couponCodes: [coupon.code]
  })
  assert.equal(admin.adapter.responses.at(-1).statusCode, 200)
  assert.equal(preview.chargeInvoice.subtotal, 72)
  assert.equal(preview.chargeInvoice.total, 69.8)
  assert.equal(preview.chargeInvoice.number, null)
  await assert.rejects(() => admin.getAccount(`code-${code}`), recurly.errors.NotFoundError)
})

test('a subscription is found by id and uuid, listed per account, canceled at term end, then terminated (S9)', async () => {
  const admin = client()
  const plan = await admin.createPlan({ code: unique('monthly'), name: 'Monthly', currencies: [{ currency: 'USD', unitAmount: 9 }], trialUnit: 'days', trialLength: 0 })
  const buyer = account(unique('subscriber'))
  const subscription = await admin.createSubscription({ planCode: plan.code, currency: 'USD', account: buyer })
  assert.equal(admin.adapter.responses.at(-1).statusCode, 201)
  assert.equal((await admin.getAccount(`code-${buyer.code}`)).email, buyer.email)
  assert.equal((await admin.getSubscription(`uuid-${subscription.uuid}`)).id, subscription.id)

  const listed = await all(admin.listAccountSubscriptions(`code-${buyer.code}`, { params: { state: 'active' } }))
  assert.deepEqual(listed.map(s => s.id), [subscription.id])

  const canceled = await admin.cancelSubscription(subscription.id, { body: { timeframe: 'term_end' } })
  assert.equal(canceled.state, 'canceled')
  assert.ok(canceled.canceledAt instanceof Date)
  const terminated = await admin.terminateSubscription(subscription.id, { params: { refund: 'none' } })
  assert.equal(terminated.state, 'expired')
  assert.equal(await admin.listAccountSubscriptions(`code-${buyer.code}`, { params: { state: 'active' } }).count(), 0)
})

test('a plan is found by id and code, and its add-ons are listed and found', async () => {
  const admin = client()
  const plan = await planA(admin, 50)
  assert.equal((await admin.getPlan(plan.id)).code, plan.code)
  assert.equal((await admin.getPlan(`code-${plan.code}`)).name, 'Plan A')
  const addOns = await all(admin.listPlanAddOns(plan.id))
  assert.equal(addOns.length, 1)
  assert.ok(addOns[0] instanceof recurly.AddOn)
  assert.equal((await admin.getPlanAddOn(plan.id, 'code-extra')).currencies[0].unitAmount, 7)
  assert.ok(await admin.listPlans().count() >= 1)
})
