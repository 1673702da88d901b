// The checkout's coupon field without a reload (K1, K2): progressive enhancement of a form that works without script.
(function () {
    'use strict';
    const purchase = document.getElementById('purchase-form');
    if (!purchase) {
        return;
    }

    const price = document.getElementById('price');
    const couponForm = document.getElementById('coupon-form');
    const buy = document.getElementById('buy');
    const slot = document.getElementById('card-slot');
    const template = document.getElementById('card-template');

    // K3: a free first invoice asks for no card at all; a paid one asks for it.
    function showCard(free) {
        const fields = document.getElementById('card-fields');
        if (free && fields) {
            fields.remove();
        } else if (!free && !fields) {
            slot.appendChild(template.content.cloneNode(true));
        }
        buy.textContent = free ? buy.dataset.freeLabel : buy.dataset.paidLabel;
    }

    async function refresh(code) {
        const query = new URLSearchParams();
        query.set('offering_id', purchase.elements.offering_id.value);
        query.set('currency', purchase.elements.currency.value);
        if (couponForm) {
            query.set('show_coupon_field', 'true');
        }
        if (code) {
            query.set('coupon_code', code);
        }
        // The signed proof of My Account (K5): the price is the account's, with its tax and credit.
        if (purchase.elements.account_token) {
            query.set('account_token', purchase.elements.account_token.value);
        }
        const page = new URLSearchParams(query);
        query.set('handler', 'price');
        const response = await fetch('/checkout?' + query.toString(), { headers: { Accept: 'text/html' }, credentials: 'same-origin' });
        if (!response.ok) {
            window.location.assign('/checkout?' + page.toString());
            return;
        }
        price.innerHTML = await response.text();
        const state = document.getElementById('price-state');
        purchase.elements.coupon_code.value = state ? state.dataset.appliedCode || '' : '';
        showCard(state && state.dataset.free === 'true');
        window.history.replaceState(null, '', '/checkout?' + page.toString());
    }

    if (couponForm) {
        couponForm.addEventListener('submit', function (event) {
            event.preventDefault();
            refresh(couponForm.elements.coupon_code.value.trim());
        });
        price.addEventListener('click', function (event) {
            if (event.target.closest('.remove-coupon')) {
                event.preventDefault();
                couponForm.elements.coupon_code.value = '';
                refresh('');
            }
        });
    }

    // A double click sends one purchase; the server's checkout key covers every other repeat.
    purchase.addEventListener('submit', function () {
        window.setTimeout(function () { buy.disabled = true; }, 0);
    });
}());
