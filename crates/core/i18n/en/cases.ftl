# The drafted message to the first contact of a top-up case.
#
# Arguments: $provider a provider's name; $amount "10.00 USD" or "none";
# $paid a time as case-when renders it, or "none".

case-when = { $utc } UTC ({ $local } local time)
case-purchase = Purchase: { $amount ->
        [none] an amount I have not filled in yet
       *[other] { $amount }
    } of { $provider } API credits{ $paid ->
        [none] {""}
       *[other] , paid on { $paid }
    }.
case-card-last4 = Card used: { $kind ->
        [none] {""}
       *[other] { $kind }{" "}
    }card ending in { $last4 }.
case-card-kind = Card used: a { $kind } card.
case-org-bought = Organization the credits were bought for: { $org }.
case-org-key = Organization of the API key in use: { $org }.
case-project-bought = Project selected when buying: { $project }.
case-project-key = Project of the API key: { $project }.
case-receipt-number = Receipt number: { $numbers }.
case-invoice-number = Invoice number: { $numbers }.
case-card-line = Card statement line: { $date } "{ $description }" { $amount } ({ $status }).
case-payment-record = { $provider } payment record: { $kind } { $amount } on { $date } ({ $status }).

## What the user has already checked.

case-checked-bank = { $status ->
        [none] My bank shows no charge for this purchase.
       *[other] My bank shows the charge as { $status }.
    }
case-checked-record = { $status ->
        [none] The payment history on the { $provider } billing page does not list this payment.
       *[other] The payment history on the { $provider } billing page lists this payment as { $status }.
    }
case-checked-payment-error = The payment page showed an error ({ $error }).
case-checked-balance-both = The credit balance was { $before } before the payment and shows { $after } now.
case-checked-balance-now = The credit balance shows { $after } now.
case-checked-balance-before = The credit balance was { $before } before the payment.
case-checked-orgs-same = I compared organizations: the credits and my API key both belong to { $org }.
case-checked-orgs-differ = I compared organizations: the credits went to { $topup }, my API key belongs to { $key }.
case-checked-billing-yes = I can open the organization's billing page.
case-checked-billing-no = I cannot open the organization's billing page myself.
case-checked-auto-recharge = I checked the auto-recharge settings.
case-checked-api-error = The API now answers with { $error ->
        [none] an error
       *[other] { $error }
    }.
case-checked-used-yes = The API kept working for a while after the payment.
case-checked-used-no = The API has not worked since the payment.
case-checked-charges = I see { $n ->
        [one] 1 card charge
       *[other] { $n } card charges
    } for this one purchase.
case-checked-not-mine = I did not make this purchase.
case-checked-api-key-billed = My usage was billed to an API key although my plan covers the tool.
case-checked-not-paid-again = I have not paid a second time.
case-checked-no-chargeback = I have not opened a dispute or chargeback.

## The letters.

case-to = To: { $to }
case-subject = Subject: { $subject }
case-hello = Hello,
case-purchase-title = The purchase:
case-checked-title = What I have already checked:
case-attach = I attach an evidence pack with a summary, a timeline in UTC and local time, { $files ->
        [0] {""}
        [one] 1 supporting file,{" "}
       *[other] { $files } supporting files,{" "}
    }and the SHA-256 hash of every file in it.
case-thanks = Thank you,
case-your-name = {"["}your name]
case-to-support = { $provider } support
case-to-bank = the bank that issued my card
case-to-owner = the owner of our organization
case-to-your-bank = your bank
case-subject-support = API credit purchase{ $amount ->
        [none] {""}
       *[other] {" "}of { $amount }
    } not added to my balance
case-subject-bank = Card payment to { $provider }{ $amount ->
        [none] {""}
       *[other] {" "}of { $amount }
    }
case-subject-owner = { $provider } API credits{ $amount ->
        [none] {""}
       *[other] {" "}of { $amount }
    }: please check the organization's billing
case-subject-unauthorized = Credit purchase{ $amount ->
        [none] {""}
       *[other] {" "}of { $amount }
    } I did not make
case-open-support-paid = I bought { $provider } API credits and the payment went through, but the credits have not reached my balance.
case-open-support-waiting = I bought { $provider } API credits, but they have not reached my balance.
case-open-bank-duplicate = My card was charged more than once by { $provider } for a single purchase of API credits.
case-open-bank-payment = I am writing about a card payment to { $provider } for API credits that did not go through as expected.
case-open-owner = I bought (or tried to buy) { $provider } API credits for our organization, but my API key does not see them, and I cannot settle it without the owner's rights.
case-open-unauthorized-provider = A purchase of { $provider } API credits was made on my account that I did not make.
case-open-unauthorized-bank = My card was charged by { $provider } for a purchase I did not make.
case-ask-support = Please check this payment and add the credits to the right organization, or tell me where they went.
case-ask-owner = Please check on the billing page that the credits are in the organization and project my API key belongs to, and either move my key there or give me access to billing.
case-ask-unauthorized-provider = Please stop further charges, tell me which organization and key the purchase came from, and refund it. I am rotating my API keys and password now.
case-ask-unauthorized-bank = Please block further charges from this merchant on my card and tell me how to dispute this one.
case-ask-bank-hold = Please tell me whether this is only an authorization hold that { $provider } never completed, and when it will be released or settled.
case-ask-bank-3ds = The card verification (3-D Secure) did not complete. Please tell me why, and what I need to do so that a payment to { $provider } can be verified.
case-ask-bank-declined = Please tell me why the payment was declined, and allow online and international payments to { $provider } if a rule on my card blocked it.
case-ask-bank-duplicate = I see more than one charge for a single purchase. Please tell me whether they will all settle, and reverse any extra one that does.
case-ask-bank-status = Please tell me the status of this payment on your side.
case-two-messages = Two messages follow: one to the provider, one to the bank.

## Notes to the user around the letter.

case-reading = The app's reading of the facts: { $explanation }
case-wait-note = Note: nobody needs to be contacted yet: the diagnosis says this is probably still settling; give it a little time before writing.
case-wait-below = The draft below, to { $to }, is here in case that changes.
case-none-note = Nobody needs to be contacted: the diagnosis says you can settle this yourself, so there is no message to send.
case-what-to-do = What to do:
case-do-not = Do not, for now: { $list }.
case-do-not-pay-again = pay again
case-do-not-chargeback = start a chargeback
case-check-title = The same message in your language, to check what it says (send the one above):

# A case's title when the user gave none (stored as the message, so each
# reader sees it in their language).
case-title-topup = { $provider } top-up did not arrive
case-title-txn = { $provider } { $amount } { $currency } on { $date }
case-title-flag = { $provider } { $amount } { $currency } on { $date }: { $what }
case-title-charged-not-credited = charged, not credited
case-title-record-without-charge = payment with no card charge
case-title-double-charge = possible double charge
case-title-stale-pending = hold never settled
case-title-negative-balance-offset = negative balance offset
