# The top-up checklist: diagnosis, advice and questions.
#
# Arguments: $provider a provider's name; $amount, $before, $after, $debt,
# $expected, $done, $limit amounts as "10.00 USD", or "none" when unknown;
# $error an API error as "insufficient_quota (HTTP 429)"; $ago and $ago_unit
# how long ago the payment was (see topup-ago).

donot-pay-again = pay again: money for this top-up is already out or on its way
donot-chargeback = start a chargeback: the provider or your bank can still put it right

## How long ago: $ago a count, $ago_unit minute, hour, day, week.

topup-ago = { $ago_unit ->
        [hour] { $ago ->
            [one] 1 hour ago
           *[other] { $ago } hours ago
        }
        [day] { $ago ->
            [one] 1 day ago
           *[other] { $ago } days ago
        }
        [week] { $ago ->
            [one] 1 week ago
           *[other] { $ago } weeks ago
        }
       *[minute] { $ago ->
            [one] 1 minute ago
           *[other] { $ago } minutes ago
        }
    }
topup-duration = { $ago_unit ->
        [hour] { $ago ->
            [one] 1 hour
           *[other] { $ago } hours
        }
        [day] { $ago ->
            [one] 1 day
           *[other] { $ago } days
        }
        [week] { $ago ->
            [one] 1 week
           *[other] { $ago } weeks
        }
       *[minute] { $ago ->
            [one] 1 minute
           *[other] { $ago } minutes
        }
    }

## Finding titles, one per diagnosis code.

topup-code-unauthorized-charge = A purchase you didn't make
topup-code-duplicate-charge-risk = More than one charge for one top-up
topup-code-wrong-organization = Credits went to another organization or project
topup-code-negative-balance-offset = The top-up paid off a negative balance
topup-code-balance-update-delay = The balance hasn't updated yet
topup-code-bank-authorization-only = Only a bank hold, not a payment
topup-code-payment-succeeded-not-credited = Paid, but the credits never arrived
topup-code-payment-3ds-failed = Card authentication (3-D Secure) failed
topup-code-card-declined = The card was declined
topup-code-billing-address-mismatch = The billing address doesn't match the bank's
topup-code-prepaid-card-not-supported = Prepaid cards can't buy credits
topup-code-unsupported-region = Purchase or card outside supported regions
topup-code-verification-page-blocked = The bank's check was blocked in the browser
topup-code-auto-recharge-limit-reached = Auto-recharge hit its monthly limit
topup-code-billing-permission-missing = You can't see this organization's billing
topup-code-quota-exhausted = The credit or spend limit is used up
topup-code-not-billing-rate-limit = A rate limit, not a billing problem
topup-code-not-billing-model-access = No access to the model, not a billing problem
topup-code-not-billing-invalid-key = An invalid API key, not a billing problem
topup-code-accidental-api-billing = Billed to an API key, not your plan

## Explanations: why the facts point at a cause.

topup-why-unauthorized-charge = You did not make this purchase{ $amount ->
        [none] {""}
       *[other] {" "}of { $amount }
    }, so treat it as fraud rather than a missing top-up: report it to { $provider } and to your card issuer today, and assume an API key or your login may be exposed.
topup-why-duplicate-charge-risk = Your card shows { $n } charges for a single top-up{ $amount ->
        [none] {""}
       *[other] {" "}of { $amount }
    }.{ $state ->
        [settled] {" "}Your bank shows the charge as settled, so ask it to reverse the extra one; that charge is the problem, whatever the balance shows.
        [pending-old] {" "}They have been pending for { topup-duration }, longer than a hold usually lasts: ask your bank which of them will be taken and to release the extra one.
        [pending] {" "}They are still pending: the extra one is usually a hold from a retried attempt and should drop by itself.
        [old] {" "}By now a hold would have dropped, so ask your bank whether more than one of them was taken.
       *[watch] {" "}Watch whether more than one of them settles.
    } Paying again would only add another.
topup-why-wrong-organization = The credits were bought for organization { $topup }, but your API key belongs to { $key }. Credits stay with the organization that bought them, so this key will not see them: use a key from { $topup }, or buy credits in { $key }.
topup-why-wrong-project = You were looking at project { $topup } when you paid, but the API key belongs to project { $key }. Check the key's project and its limits, or create a key in the project you meant.
topup-why-negative-not-arrived = Your balance was already { $before } before this purchase. Once a payment does go through, the first { $debt } of it will repay that usage, so the balance will rise by less than you paid.
topup-why-negative-exact = Your balance went from { $before } to { $after }, which is exactly the old balance plus the { $amount } you paid: the top-up arrived in full and { $debt } of it repaid earlier usage.
topup-why-negative-mismatch = Your balance was { $before } before paying, so { $debt } of the top-up went to repay earlier usage; even so, { $after } is not the { $expected } that old balance plus the payment would give, so something else is also at play.
topup-why-negative-before-only = Your balance was { $before } before paying. Usage beyond your credit is recorded as a negative balance and the next purchase pays it off first, so { $debt } of the top-up{ $amount ->
        [none] {""}
       *[other] {" "}of { $amount }
    } went there before anything showed as new credit.
topup-why-update-delay-early = You paid{ $amount ->
        [none] {""}
       *[other] {" "}{ $amount }
    }{ $ago_unit ->
        [none] {""}
       *[other] {" "}{ topup-ago }
    }. A new purchase can take a few minutes to reach the balance, so nothing is wrong yet: reload the billing page in about { $minutes } minutes before doing anything else.
topup-why-update-delay-late = You paid{ $amount ->
        [none] {""}
       *[other] {" "}{ $amount }
    }{ $ago_unit ->
        [none] {""}
       *[other] {" "}{ topup-ago }
    }, longer than a balance update normally takes but not so long that a slow update is ruled out. Reload the billing page, then check the payment history.
topup-why-bank-hold = Your bank shows a pending charge{ $amount ->
        [none] {""}
       *[other] {" "}of { $amount }
    }, but { $record ->
        [none] { $provider }'s payment history has no record of it
        [failed] { $provider } recorded the payment as failed
       *[unchecked] you have not yet checked { $provider }'s payment history
    }. A pending line is only a hold on the money, not a completed payment, and no credit is added until the provider confirms one.{ $hold ->
        [old] {" "}The hold is older than the { $days } days or so a hold usually lasts, so ask your bank about it.
       *[young] {" "}If no payment shows up at { $provider }, the hold usually drops within about { $days } days; your bank can confirm.
    }
topup-why-bank-settled-no-record = Your bank shows the charge{ $amount ->
        [none] {""}
       *[other] {" "}of { $amount }
    } as settled, yet { $provider }'s payment history for this organization lists nothing. Check the payment history of your other organizations; if none has it, ask your bank which merchant took the money.
topup-why-paid-not-credited = { $provider }'s payment history shows your payment{ $amount ->
        [none] {""}
       *[other] {" "}of { $amount }
    } succeeded{ $ago_unit ->
        [none] {""}
       *[other] {" "}{ topup-ago }
    }, but no credit came with it.{ $before ->
        [none] {""}
       *[other] {" "}The balance went from { $before } to { $after }.
    } When the organization matches and no negative balance explains the gap, only { $provider } support can trace it in their records: send them the payment details.{ $time ->
        [used] {" "}The API did work after the payment, though, which suggests the credit arrived and has been used since.
        [not-used-long-ago] {" "}The API has not worked since you paid, so the credit most likely never arrived.
        [long-ago] {" "}After this long, though, a credit that arrived and has since been used is the likelier story; say whether the API worked for a while after the payment.
       *[none] {""}
    }
topup-why-3ds-failed = The payment stopped at your bank's security check (3-D Secure, the code or app approval), so no credit was bought. Your bank knows why it failed: approve the payment in its app or ask it to, then try once more, if needed in another browser.
topup-why-international-blocked = Your bank refused the payment because the card is not allowed to pay foreign or online merchants. Ask the bank to allow international online payments, then retry once.
topup-why-card-declined = The card was declined. The provider usually does not learn the reason, but your bank does: ask it what blocked the payment (limits, foreign merchant rules, fraud checks).
topup-why-bank-declined = Your bank shows the payment as declined, so no money moved and no credit was bought. Ask the bank why before trying again.
topup-why-provider-failed = { $provider } recorded the payment as failed without a reason you can see. The provider often does not get the bank's reason for a refusal; your bank has it, so ask the bank before trying again.
topup-why-bank-reversed = Your bank reversed the charge, so the purchase did not complete and the money is back or on its way back. The bank can tell you why it was reversed.
topup-why-address-mismatch = The billing address or postal code you entered does not match what your card issuer has on file, so the bank's check failed. Enter the address exactly as the issuer records it and try once more.
topup-why-prepaid-refused = The payment page refused the card as prepaid. API credits can only be bought with a standard credit or debit card; retrying with this card will fail the same way.
topup-why-prepaid-card = You paid with a prepaid card, and API credits are sold only to standard credit or debit cards. Use one of those instead.
topup-why-virtual-card = The payment failed on a virtual card. Some virtual cards are prepaid underneath, which the provider does not accept; ask the card's issuer whether yours is.
topup-why-region-payment = The payment was refused because of where it came from or where the card was issued. { $provider } sells credits only in the countries it supports, to cards issued there.
topup-why-region-api = The API answers { $error }: it does not serve requests from your current country or territory, and more credit will not change that.
topup-why-verification-blocked = Your bank's verification window never finished loading, which a VPN, a pop-up blocker or a script blocker often causes. Turn those off (or use a private window or another network) and pay once more.
topup-why-auto-recharge-limit = Auto-recharge has already added { $done } this month against a monthly limit of { $limit }, so it will not add more until next month. Raise the limit, or buy credits by hand (a manual purchase does not count against that limit).
topup-why-billing-permission = You cannot open this organization's billing page, so you cannot see its balance or payment history yourself; what you see elsewhere (usage, card alerts) does not show whether credits arrived. The organization's owner can check, or give you access.
topup-why-spend-limit = The API answers { $error }: a spending limit set on the organization or project was reached. That cap stops requests whatever the balance is; whoever manages the limits has to raise it.
topup-why-quota-landed-full = The API answers { $error }: { $reason ->
        [no-credit] the account has no usable credit left
       *[org] the organization has run out of usable credit
    }. The top-up{ $amount ->
        [none] {""}
       *[other] {" "}of { $amount }
    } did reach the balance (it rose by the amount paid), and what is there now is not enough for requests. Buying credit again is the fix; retrying will not help.
topup-why-quota-landed-used = The API answers { $error }: { $reason ->
        [no-credit] the account has no usable credit left
       *[org] the organization has run out of usable credit
    }. The top-up{ $amount ->
        [none] {""}
       *[other] {" "}of { $amount }
    }{ $ago_unit ->
        [none] {""}
       *[other] {" "}{ topup-ago }
    } did reach the balance, since the API kept working after it, and it has been spent since. Buying credit again is the fix; retrying will not help.
topup-why-quota-presumed = The API answers { $error }: { $reason ->
        [no-credit] the account has no usable credit left
       *[org] the organization has run out of usable credit
    }. The top-up{ $amount ->
        [none] {""}
       *[other] {" "}of { $amount }
    } was paid{ $ago_unit ->
        [none] {""}
       *[other] {" "}{ topup-ago }
    }: a completed payment that old reached the balance long ago and has most likely been spent since. Buying credit again is the fix; retrying will not help. If the API never worked after that payment, say so, because then the credit may never have arrived.
topup-why-quota-unknown = The API answers { $error }: { $reason ->
        [no-credit] the account has no usable credit left
       *[org] the organization has run out of usable credit
    }. Retrying will not help; the error clears once credit reaches the organization the key belongs to.
topup-why-rate-limit = The API answers { $error }: too many requests or tokens per minute. That is a rate limit, not a lack of credit; slow down, retry with backoff, or check the project's rate limits.
topup-why-model-access = The API answers { $error }: the model name is wrong or this key's project may not use that model. Credit does not change model access; check the model name and the project's allowed models.
topup-why-invalid-key = The API answers { $error }: the API key itself is not accepted (mistyped, revoked, or from another account). Fix the key your code sends; credit has nothing to do with it.
topup-why-accidental-api-billing = Your usage was billed to an API key while you also pay for a { $provider } plan that covers the tool you used. A tool that finds an API key (for example in an environment variable) uses it instead of your plan's login, so the API credit ran down even though the plan would have covered the work. Remove the key from the tool's environment and sign in with the plan.

## Whom to contact first, and why.

topup-contact-wait = Nobody yet: wait a little
topup-contact-issuing-bank = The bank that issued your card
topup-contact-openai-support = { $provider } support
topup-contact-org-owner = Your organization's owner
topup-contact-provider-and-bank = { $provider } and your bank, both now
topup-contact-none = Nobody: you can fix this yourself
topup-contact-hint-wait = Credits usually appear within minutes. Refresh the billing page before doing anything else.
topup-contact-hint-issuing-bank = Only the bank can say why a charge is held, declined or doubled.
topup-contact-hint-openai-support = The payment went through on their side, so they are the ones who can find the credits.
topup-contact-hint-org-owner = The owner can see billing and move keys or credits between organizations.
topup-contact-hint-provider-and-bank = Block further charges with the bank and report the purchase to the provider; rotate your API keys.
topup-contact-hint-none = The steps below should settle it without waiting for anyone.

## Next steps.

topup-step-no-cause = Answer the questions below; each one narrows the cause.
topup-step-wait-reload = Wait about { $minutes } minutes, then reload the billing page.
topup-step-check-org-selected = Make sure the organization you paid for is the one selected.
topup-step-check-payment-history = Check { $provider }'s payment history for this payment.
topup-step-ask-bank-hold = Ask your bank whether the line is a hold or a completed charge.
topup-step-compare-balance = Compare the balance before and after the purchase on the billing page.
topup-step-look-at-usage = Look at recent usage to see what ran the balance below zero.
topup-step-use-right-key = Use an API key from the organization and project that hold the credits.
topup-step-select-org-next-time = Or select the key's organization before buying next time.
topup-step-ask-owner-billing = Ask the organization's owner to check the balance or give you billing access.
topup-step-ask-bank-why = Call your bank or open its app and ask why the payment was refused.
topup-step-retry-once = Retry once after the bank has cleared it.
topup-step-fix-address = Enter the billing address exactly as your card issuer has it, then retry once.
topup-step-standard-card = Pay with a standard credit or debit card.
topup-step-check-regions = Check { $provider }'s list of supported countries for where you are and where the card was issued.
topup-step-unblock-page = Turn off VPNs, pop-up and script blockers, or use a private window, then pay once.
topup-step-raise-auto-recharge = Raise the monthly auto-recharge limit, or buy credits by hand.
topup-step-rate-limits = Check the project's rate limits and add retries with backoff.
topup-step-model-name = Check the model name and which models the key's project allows.
topup-step-new-key = Create a new key in the right project and update your code to use it.
topup-step-owner-raise-limit = Ask the organization's owner to raise the organization or project spend limit.
topup-step-raise-limit = Raise the spend limit on the organization's or project's limits page.
topup-step-owner-add-credit = Ask the organization's owner to check the balance and add credit.
topup-step-buy-credits-used = Buy credits on the billing page of the key's organization: the earlier top-up has been used.
topup-step-auto-recharge = If the balance runs out often, turn on auto-recharge or raise its amount.
topup-step-open-billing = Open the billing page of the key's organization and check the balance.
topup-step-add-credit = If it is empty or negative, add credit there; retrying alone will not help.
topup-step-keep-evidence = Keep both bank lines and the payment history as evidence.
topup-step-bank-reverse-extra = Ask your bank to reverse the extra charge; do not buy again to make up for it.
topup-step-if-both-settle = If both charges settle, ask your bank to reverse the extra one.
topup-step-contact-support = Contact { $provider } support with the date, amount, receipt and the last 4 digits of the card.
topup-step-report-charge = Report the charge to { $provider } (date, amount, last 4 digits of the card).
topup-step-call-issuer = Call your card issuer to block further charges and dispute this one.
topup-step-rotate-keys = Rotate every API key, change your password and sign out of all devices.
topup-step-remove-api-key = Remove the API key from the tool's environment (for example ANTHROPIC_API_KEY or OPENAI_API_KEY) and sign in with your plan instead.
topup-step-check-key-usage = Check the API usage page for what the key was billed, and revoke the key if you do not need it.

## The checklist's questions.

topup-q-provider = Which provider was the top-up for: OpenAI or Anthropic?
topup-q-amount = How much did you try to add, in the currency of the billing page?
topup-q-currency = In which currency was the top-up?
topup-q-paid-at = When did you pay (date and time)?
topup-q-now = What time is it now?
topup-q-bank-status = What does your bank or card app show for this payment: nothing, pending, settled, declined or reversed?
topup-q-platform-payment-record = Does the provider's payment history list this payment, and did it succeed or fail?
topup-q-payment-error = Did the payment page show an error, and which one?
topup-q-card-kind = Which kind of card did you use: credit, debit, prepaid or virtual?
topup-q-balance-before = What was the credit balance just before you paid?
topup-q-balance-after = What does the credit balance show now?
topup-q-used-since-payment = Since you paid, has the API worked for a while (calls billed after the payment)?
topup-q-topup-org = Which organization was selected when you bought the credits?
topup-q-key-org = Which organization does the API key you use belong to?
topup-q-topup-project = Which project was selected when you bought the credits?
topup-q-key-project = Which project does the API key belong to?
topup-q-can-view-billing = Can you open the billing page of that organization?
topup-q-auto-recharge = Is auto-recharge on, and how much has it added this month against its monthly limit?
topup-q-api-error = What error does the API return now? Paste it as shown.
topup-q-recognized-charge = Did you make this purchase yourself?
topup-q-charges-seen = How many card charges do you see for this one top-up?
topup-q-api-key-billed = Was this usage billed to an API key while you also pay for a plan that covers the tool (Claude Pro or Max, ChatGPT Plus or Pro)?
topup-q-card-last4 = What are the last four digits of the card?
topup-q-receipt-number = Is there a receipt or invoice number?

## Answers to choose from.

topup-choice-provider-openai = OpenAI
topup-choice-provider-anthropic = Anthropic
topup-choice-bank-status-none = Nothing at all
topup-choice-bank-status-pending = Pending (a hold)
topup-choice-bank-status-settled = Settled (paid)
topup-choice-bank-status-declined = Declined
topup-choice-bank-status-reversed = Reversed or released
topup-choice-record-succeeded = Yes, and it succeeded
topup-choice-record-failed = Yes, but it failed
topup-choice-record-none = No, it isn't there
topup-choice-error-none = No error
topup-choice-error-3ds-failed = 3-D Secure check failed
topup-choice-error-authentication-required = Authentication required
topup-choice-error-card-declined = Card declined
topup-choice-error-international-blocked = International or online payments blocked
topup-choice-error-address-mismatch = Billing address or postal code mismatch
topup-choice-error-prepaid-not-supported = Prepaid cards not supported
topup-choice-error-unsupported-region = Region not supported
topup-choice-error-verification-page-blocked = The bank's verification page didn't open
topup-choice-card-credit = Credit card
topup-choice-card-debit = Debit card
topup-choice-card-prepaid = Prepaid card
topup-choice-card-virtual = Virtual card

## The command line's top-up report.

topup-cli-most-likely = Most likely: { $title } ({ $code }, confidence { $confidence }/100)
topup-cli-no-cause = Not enough facts to name a cause yet; the questions below narrow it down.
topup-cli-also-possible = Also possible:
topup-cli-first-contact = First contact: { $contact } ({ $code })
topup-cli-do-not = Do not, for now:
topup-cli-next-steps = Next steps:
topup-cli-questions = Questions that could change this answer:
topup-cli-ledger-rows = Ledger rows used: { $rows }
topup-cli-conflict = Note: you said { $fact } is { $user }, the ledger shows { $ledger }; your answer was used.
topup-cli-clock = (Times judged against this machine's clock.)
topup-cli-usage-after = Your imported cost exports show { $amount } of API use on { $days ->
        [one] 1 day
       *[other] { $days } days
    } from { $from } to { $to }: the organization had credit to spend after the payment.
topup-cli-finding = { $title } ({ $code }, { $confidence }/100): { $explanation }
topup-cli-item = { $text } ({ $code })
