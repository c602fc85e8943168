# The command line's labels for every command but `import` (human output;
# --json stays language-neutral). Columns and numbers are laid out by the CLI.

## imports, undo-import, rejects, profiles

cli-import-progress = { $file }: { $rows } rows ({ $percent }%)
cli-imports-none = No imports yet. Add a statement with `aispend import FILE`.
cli-imports-row = { $account }: { $added } added, { $duplicates } duplicates, { $rejected } rejected
cli-imports-undone = (undone { $at })
cli-undo-import = Undid import { $batch }: removed { $removed } lines. Its file can be imported again.
cli-rejects-none = Import { $batch } left no rows out.
cli-rejects-line = line { $line }: { $reason }
cli-profile-removed = Removed mapping profile { $name }.
cli-profiles-none = No mapping profiles. Import a CSV with --map to make one.
cli-profile-header = header:
cli-profile-map = map:

## links, sample, export

cli-link-confirmed = Link { $id } confirmed: line { $posted } is the posted version of pending line { $pending }, which no longer shows in listings.
cli-link-rejected = Link { $id } rejected: the two lines stay as separate charges.
cli-links-none = No pending lines waiting for review.
cli-link-state-proposed = proposed
cli-link-state-confirmed = confirmed
cli-link-state-rejected = rejected
cli-link-pair = pending { $pending } { $pending_date } { $amount }  ->  posted { $posted } { $posted_date } { $description }
cli-sample-loaded = Sample data loaded: { $lines } lines (account "{ $account }").
cli-sample-removed = Sample data removed: { $lines } lines (account "{ $account }").
cli-export-wrote = Wrote { $file } ({ $format }): { $lines } lines{ $accounts ->
        [0] {""}
       *[other] , { $accounts } own accounts
    }.

## rules, txns edit

cli-rules-none = No rules yet. Add one with `aispend rules add --contains TEXT --class CLASS` or `aispend rules add --from-txn ID`.
cli-rule-changed = { $change ->
        [added] Added
        [removed] Removed
        [enabled] Enabled
       *[disabled] Disabled
    } rule { $id }: { $rule }
cli-rule-reclassified = Re-classified { $lines } lines.
cli-rule-min = amount >= { $amount }
cli-rule-max = amount <= { $amount }
cli-rule-account = account { $account }
cli-rule-currency = currency { $currency }
cli-rule-tags = tags { $tags }
cli-list-separator = {", "}
cli-rule = when { $when } -> { $then }  [priority { $priority }]
cli-rule-disabled = (disabled) when { $when } -> { $then }  [priority { $priority }]
cli-txn-edited = Line { $id }: { $line }. Make it a rule with `aispend rules add --from-txn { $id }`.

## reconcile

cli-matched-on-original-amount = OriginalAmount
cli-matched-on-billed-amount = BilledAmount
cli-matched-on-amount-with-fee = AmountWithFee
cli-matched-on-date-only = DateOnly
cli-reconcile-match = line { $line } = payment { $payment } ({ $provider }, { $on }, { $apart })
cli-reconcile-match-rate = line { $line } = payment { $payment } ({ $provider }, { $on }, { $apart }, implied rate { $rate })
cli-days-later = { $days } day(s) apart
cli-days-earlier = -{ $days } day(s) apart
cli-reconcile-ref-line = line { $id }
cli-reconcile-ref-payment = payment { $id }

## summary, subs, costs

cli-period-between = { $from } to { $to }
cli-period-from = from { $from }
cli-period-to = up to { $to }
cli-period-all = over all dates
cli-summary-title = Spending summary { $period } (local statement dates, posted lines)
cli-summary-no-lines = No lines in this period.
cli-summary-class-total = spent { $spent }  in { $received }  ({ $count } lines)
cli-lines-count = ({ $count } lines)
cli-records-count = ({ $count } records)
cli-summary-by-vendor = By vendor:
cli-summary-by-month = By month:
cli-summary-other-currency = Charged in another currency:
cli-summary-charged-for = { $amount } { $currency } for { $original } { $original_currency }
cli-summary-pending = Pending (not in the totals):
cli-summary-ai-share = AI share of spending ({ $currency }, transfers excluded): { $percent }%
cli-summary-ai-share-none = AI share of spending: - (nothing spent)
cli-summary-ai-share-in = in { $currency }: { $percent }%
cli-cadence-weekly = weekly
cli-cadence-monthly = monthly
cli-cadence-annual = annual
cli-sub-added = Added subscription { $id }: { $vendor } { $amount } { $cadence } since { $since }.
cli-sub-removed = Removed subscription { $id }.
cli-subs-none = No subscriptions found as of { $date }.
cli-subs-title = Subscriptions as of { $date }:
cli-sub-price-changed = price changed { $date } from { $amount } { $currency }
cli-sub-trial-to-paid = trial to paid
cli-sub-manual = manual #{ $id }
cli-sub-active = active
cli-sub-lapsed = lapsed
cli-sub-dates = last { $last }  next { $next }  { $annual }/yr
cli-sub-flags = {"  "}({ $flags })
cli-flag-separator = {"; "}
cli-col-month = month
cli-col-provider = provider
cli-col-currency = currency
cli-col-cost = cost
cli-col-card-topups = card top-ups
cli-col-credit-purchases = credit purchases
cli-costs-vs-topups-note = (cost and credit purchases by UTC month; card lines by their local statement month)
cli-total = total
cli-costs-none = No provider cost records. Import an OpenAI or Anthropic cost export with `aispend import FILE`.

## costs (the list), payments

cli-provider-records-none = No provider records. Import an OpenAI or Anthropic cost export with `aispend import FILE`.
cli-cost-tokens = tokens in { $input } out { $output }
cli-cost-all-usage = (all usage)
cli-payment-recorded = Recorded payment { $id }: { $payment }
cli-payments-none = No provider payments recorded. Add one with `aispend payments add`.
cli-payment-removed = Removed payment { $id }.
cli-payment-invoice = invoice { $invoice }
cli-payment-receipt = receipt { $receipt }
cli-payment-brand-ending = { $brand } ending { $last4 }
cli-payment-card-ending = card ending { $last4 }
cli-mail-from-mail = from mail
cli-mail-via = via { $channel }
cli-mail-line = line { $id }
cli-mail-no-line = no card line yet
cli-mail-receipt = receipt
cli-parenthesised = ({ $text })

## credits, budget, alerts

cli-credits-balance-set = { $provider } balance on { $date }: { $stated } stated, { $computed } from the ledger's rows; unexplained { $unexplained }.
cli-credits-granted = Granted { $amount } of { $provider } credit on { $date } (grant { $grant }).
cli-credits-granted-expiring = Granted { $amount } of { $provider } credit on { $date } (grant { $grant }), expires { $expires }.
cli-credits-none = No prepaid credit found as of { $date }: no credit purchases, top-ups, grants or usage costs.
cli-credits-account = { $account } ({ $currency }) as of { $date }: balance { $balance }
cli-credits-unexplained = { $amount } of it the ledger cannot explain (balance stated on { $date })
cli-credits-runs-out-on = on { $date }
cli-credits-runs-out-never = not at this rate
cli-credits-burn = burn per day { $week } (7 days), { $month } (30 days); runs out { $runs_out }
cli-credits-next-expiry = next expiry { $date }: { $amount }
cli-credits-auto-recharge = auto-recharge { $amount } at about { $threshold }; { $count } this month{ $looping ->
        [yes] {" "}(a loop?)
       *[no] {""}
    }
cli-credits-never = never
cli-credits-purchase = left { $left }  expires { $expires }
cli-budget-set = Budget { $id }: { $amount } { $period } for { $scope }.
cli-budgets-none-set = No budgets; `aispend budget set --class ai --amount 100` sets one.
cli-budget-removed = Removed budget { $id }.
cli-budgets-none = No budgets.
cli-budget-ok = ok
cli-budget-projected-over = projected over
cli-budget-over = OVER
cli-budget-status = spent { $spent }  projected { $projected }  { $status }  ({ $from }..{ $to })
cli-alert-dismissed = Dismissed { $id }: { $alert }
cli-alert-cancelled = Marked { $plan } cancelled on { $date }.
cli-on = on
cli-off = off
cli-quiet-mode = quiet mode: { $state }
cli-alerts-none = No alerts as of { $date }.
cli-alert-dismissed-mark = (dismissed)

## usage, prices, costs --check, import --watch-default

cli-usage-unknown-estimate = unknown: { $reason }
cli-usage-no-model = (no model)
cli-usage-record = in { $input } cached { $cached } out { $output }  est { $estimate }
cli-col-key = key
cli-col-input = input
cli-col-cached = cached
cli-col-output = output
cli-col-requests = requests
cli-col-estimated = estimated
cli-col-reported = reported
cli-col-cur = cur
cli-col-model = model
cli-col-from = from
cli-col-write = write
cli-usage-unpriced-count = ({ $count } records unpriced)
cli-usage-unpriced = Unpriced: models the price list does not know; add them to prices.toml beside the ledger.
cli-prices-title = Prices in force on { $date } (per million tokens; list { $list }):
cli-check-month = estimated { $estimated }  reported { $reported }  charged { $charged }  { $currency }
cli-check-plan = {"  "}(plan usage at API prices { $plan })
cli-check-gap = gap { $kind } { $amount }: { $gap }
cli-check-nothing = Nothing to check in this period: no usage, no provider costs and no card payments to a provider.
cli-watch-folder = folder
cli-watch-not-there = (not there)
cli-watch-summary = { $read } logs read ({ $added } usage records added, { $known } already known), { $unchanged } unchanged, { $failed } failed
cli-watch-failed = failed: { $file }: { $error }
cli-watch-deferred = changed while it was read, read again next time: { $file }
cli-watch-notices-brief = { $lines } lines skipped in { $logs } logs (most carry no usage: session headers, messages, tool calls); for example:
cli-watch-more = … and { $count } more
cli-watch-deferred-brief = { $count } logs changed while they were read and are read again next time, for example:
cli-watch-verbose-hint = `--verbose` lists every log.
cli-watch-rejects = { $count ->
        [one] 1 line could not be read; `aispend rejects { $batch }` names its log, line and reason.
       *[other] { $count } lines could not be read; `aispend rejects { $batch }` lists each with its log, line and reason.
    }

## tag, receipt, report, reimbursed

cli-tag-changed = { $change ->
        [added] Added
       *[removed] Removed
    } tag { $tag }: { $selected } lines selected, { $changed } changed.
cli-receipt-attached = Attached { $file } to line { $line } (receipt { $receipt }, sha256 { $sha256 }).
cli-receipts-none = Line { $line } has no receipts. Attach one with `aispend receipt attach { $line } FILE`.
cli-receipt-row = { $file }  { $bytes } bytes  sha256 { $sha256 }  attached { $at }
cli-receipt-detached = Detached receipt { $id }.
cli-report-wrote = Wrote { $file } (report { $number }, { $lines } lines for { $client }, { $from } to { $to }) and { $zip } ({ $receipts } receipts).
cli-report-billed = billed in { $currency }: net { $net } tax { $tax } gross { $gross } { $currency }
cli-report-total = total: { $total }; outstanding: { $outstanding }
cli-reimbursed-marked = Marked { $count } of { $lines } lines of { $client } reimbursed on { $date } (lines already marked keep their date).
cli-reimbursed-unmarked = Took the reimbursed mark off { $count } of { $lines } lines of { $client }.

## keys, sync

cli-key-prompt = { $provider } Admin key (input hidden):
cli-key-stored = Stored the { $provider } Admin key in the OS keychain. Run `aispend sync` to pull costs and usage.
cli-key-status-stored = Admin key stored in the OS keychain
cli-key-status-none = no key (sync off)
cli-key-removed = Removed the { $provider } Admin key from the OS keychain.
cli-key-not-stored = No { $provider } Admin key was stored.
cli-sync-fetching = { $provider } { $endpoint }: fetching page { $page }
cli-sync-retry-status = { $provider } answered HTTP { $status } (try { $attempt }); trying again in { $seconds } s
cli-sync-retry-unreachable = { $provider } could not be reached (try { $attempt }); trying again in { $seconds } s
cli-sync-importing = { $provider } { $endpoint }: importing { $pages } page(s)
cli-sync-status-through = synced through { $date } (last run { $at }: { $result })
cli-sync-status-never-ran = never synced (last run { $at }: { $result })
cli-sync-status-never = never synced
cli-sync-done = { $pages } page(s), { $added } added, { $duplicates } duplicates
cli-sync-batch = (import { $batch })
cli-sync-skipped = { $provider }: no Admin key stored, skipped (`aispend keys set { $id }`)

## codes printed as words: payment kinds and states, credit sources,
## budget periods, rule matches (English keeps the code)

cli-payment-kind-credit-purchase = credit_purchase
cli-payment-kind-invoice = invoice
cli-payment-kind-receipt = receipt
cli-payment-status-succeeded = succeeded
cli-payment-status-failed = failed
cli-payment-status-refunded = refunded
cli-payment-status-pending = pending
cli-credit-source-payment = payment
cli-credit-source-receipt = receipt
cli-credit-source-card = card
cli-credit-source-grant = grant
cli-credit-source-usage-credit = usagecredit
cli-budget-monthly = monthly
cli-rule-contains = contains
cli-rule-regex = regex

## case

cli-case-opened-from-flag = Opened case { $id } from flag { $flag }: { $text }
cli-case-next-diagnose = Next: `aispend case diagnose { $id }`, `aispend case show { $id }`.
cli-case-opened = Opened case { $id }. Next: `aispend case answer { $id } FACT VALUE`, `aispend case link { $id } TXN_ID`.
cli-cases-none = No cases yet. Open one with `aispend case new`.
cli-case-status-open = open
cli-case-status-closed = closed
cli-case-fact-set = Case { $id }: { $fact } = { $value }
cli-case-fact-unknown = Case { $id }: { $fact } is now unknown
cli-case-linked-payment = linked payment record { $row }
cli-case-linked-txn = linked transaction { $row }
cli-case-unlinked-payment = unlinked payment record { $row }
cli-case-unlinked-txn = unlinked transaction { $row }
cli-case-done = Case { $id }: { $what }
cli-case-note-added = Case { $id }: note { $note } added
cli-case-closed = Case { $id }: closed (`aispend case reopen { $id }` opens it again)
cli-case-reopened = Case { $id }: open
cli-case-attached = Case { $id }: attached { $file } as { $stored } (SHA-256 { $sha256 }{ $redacted ->
        [yes] ; image metadata removed
       *[no] {""}
    })
cli-case-exported = Wrote { $file } ({ $files } files, SHA-256 { $sha256 }){ $diagnosed ->
        [yes] ; the diagnosis was run first because the facts had changed
       *[no] {""}
    }
cli-case-verified = { $file }: all { $count } hashes match
cli-case-nothing-redacted = Case { $id }: nothing in the pack would be redacted.
cli-case-place-line = line { $line }
cli-case-place-field = field
cli-case-place-file-name = file name
cli-case-preview-only = Preview only: nothing was written. `aispend case export { $id } --out PACK.zip` writes the pack.
cli-case-head = Case { $id }: { $title }  [{ $provider }, { $status }]
cli-case-times = Opened { $opened }, last change { $changed } (local time: { $zone })
cli-case-none = (none)
cli-case-none-yet = (none yet)
cli-case-facts = Facts:
cli-case-fact-rows = rows { $rows }
cli-case-conflict = note: you said { $fact } is { $yours }, the ledger shows { $ledger }; your answer is used
cli-case-linked-rows = Linked rows:
cli-case-txn-undone = (its import is undone; re-import the statement to bring it back)
cli-case-payment-removed = (removed)
cli-case-attachments = Attachments:
cli-case-attachment = { $stored }  from { $file }  { $captured }  SHA-256 { $sha256 }{ $redacted ->
        [yes] {"  "}(metadata removed)
       *[no] {""}
    }
cli-case-notes = Notes:
cli-case-diagnosis = Diagnosis:
cli-case-no-diagnosis = none yet: `aispend case diagnose { $id }`
cli-case-diagnosed = { $code } (confidence { $confidence }/100), first contact { $contact }, computed { $at }{ $current ->
        [yes] {""}
       *[no] {" "}(facts changed since)
    }
cli-case-no-cause = no cause yet, computed { $at }

cli-plan-price-from = price from: { $rows }
cli-plan-none = No plan usage from the first of the month to { $to }.
cli-plan-by-hand = entered by hand: { $plans }

## Requests the command line refuses
cli-err-no-flag = there is no flag { $n }; `aispend reconcile` lists { $count } flag(s), numbered from 1
cli-err-not-api-billed = top-up cases are about prepaid API credit at OpenAI or Anthropic; { $provider } is not one of them
cli-err-pack-out = --out PACK.zip is needed to export (or --preview to only look)
cli-err-budget-scope = name what the budget counts: --provider, --vendor, --class or --tag
cli-err-on-off = { $flag } { $found }: expected on or off
cli-err-alert-kind = { $found } is not an alert kind; expected one of { $kinds }
cli-err-no-key = no Admin key is stored, so sync is off; add one with `aispend keys set openai` or `aispend keys set anthropic`
cli-err-utc-offset = --utc-offset { $found }: expected +HH:MM or -HH:MM
cli-err-logs-failed = { $count } of the logs could not be read (listed above)
cli-err-rule-match = give --contains TEXT or --regex RE
cli-err-rule-class = give --class (ai-subscription, ai-api, everyday, transfer)
