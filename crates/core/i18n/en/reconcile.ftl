# Reconciliation: card charges against the provider's payment records.

reconcile-note-no-records = No { $provider } payment records: card charges can't be checked against what { $provider } credited. Add them from the billing page with `aispend payments add --provider { $id }`.
reconcile-double-charge = { $count } charges of { $amount } { $currency } to { $provider } on { $account } within a day, and { $records } provider payment { $records ->
        [one] record
       *[other] records
    } for them. If you bought one top-up, don't pay again: ask your bank which of the charges will settle.
reconcile-stale-pending = A hold of { $amount } { $currency } by { $provider } from { $date } has been pending for { $days } { $days ->
        [one] day
       *[other] days
    } and never settled. Holds that don't settle are usually released by the bank; ask your bank before paying again.
reconcile-charged-not-credited = { $amount } { $currency } charged by { $provider } on { $date } ({ $account }), with no matching payment in your { $provider } records.
reconcile-record-without-charge = { $provider } records a payment of { $amount } { $currency } on { $date }, and no card line in the ledger paid it. It may have been paid from a card whose statement isn't imported.
reconcile-record-without-charge-receipt = { $provider } records a payment of { $amount } { $currency } on { $date } (receipt { $receipt }), and no card line in the ledger paid it. It may have been paid from a card whose statement isn't imported.
reconcile-negative-balance-offset = The balance was { $before } { $currency } before this { $amount } { $currency } payment: { $repaid } { $currency } repaid earlier use and { $credited } { $currency } became new credit. The top-up arrived; the balance only looks short.

# What `aispend reconcile` prints around the flags.

reconcile-summary = { $lines } API top-up card { $lines ->
        [one] line
       *[other] lines
    }, { $records } provider payment { $records ->
        [one] record
       *[other] records
    }, { $matched } matched.
reconcile-nothing = Nothing to look at.
reconcile-kind-charged-not-credited = Charged, no provider record
reconcile-kind-record-without-charge = Provider record, no charge
reconcile-kind-double-charge = Possible double charge
reconcile-kind-stale-pending = Hold never settled
reconcile-kind-negative-balance-offset = Negative balance offset
reconcile-note = Note: { $note }
reconcile-open-case = Open a case from a flag with `aispend case new --from-flag N`.
