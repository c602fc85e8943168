# The reimbursement report's PDF, in the user's language: its title block,
# table, subtotals, totals, receipts list and the pages of the receipts
# appended after it; and the notes the report (and the app's preview)
# carries. Amounts, dates and currency codes arrive formatted.

reimb-pdf-title = Reimbursement report
reimb-pdf-title-numbered = Reimbursement report { $number }
reimb-pdf-from = From: { $sender }
reimb-pdf-client = Client: { $client }
reimb-pdf-period = Period: { $from } to { $to }
reimb-pdf-amounts = Amounts: what the client owes; converted to { $currency }
reimb-pdf-generated = Generated: { $at }
reimb-pdf-left-out = Lines already marked reimbursed are left out.
reimb-pdf-without-receipt = Without a receipt: { $count ->
    [one] { $count } line
   *[other] { $count } lines
} ({ $list })
reimb-pdf-col-date = Date
reimb-pdf-col-vendor = Vendor
reimb-pdf-col-description = Description
reimb-pdf-col-receipt-no = Receipt no.
reimb-pdf-col-net = Net
reimb-pdf-col-tax = Tax
reimb-pdf-col-gross = Gross
reimb-pdf-col-currency = Cur.
reimb-pdf-col-converted = In { $currency }
reimb-pdf-col-receipt = Receipt
reimb-pdf-col-reimbursed = Reimbursed
reimb-pdf-receipt-none = none
reimb-pdf-reimbursed-on = reimbursed { $date }
reimb-pdf-pending = pending
reimb-pdf-subtotals = Subtotals
reimb-pdf-subtotal-vendor = Vendor { $name }
reimb-pdf-no-vendor = No vendor
reimb-pdf-subtotal-project = Project { $name }
reimb-pdf-no-project = No project
reimb-pdf-subtotal-amount-tax = { $gross } { $currency } (net { $net } · tax { $tax })
reimb-pdf-subtotal-line = { $label }: { $amounts }  ({ $lines ->
    [one] { $lines } line
   *[other] { $lines } lines
})
reimb-pdf-total-billed = Total billed in { $currency }: net { $net } · tax { $tax } · gross { $gross } { $currency } ({ $lines ->
    [one] { $lines } line
   *[other] { $lines } lines
})
reimb-pdf-total-converted = Total in { $currency }: { $amount } { $currency }
reimb-pdf-total-converted-incomplete = Total in { $currency }: { $amount } { $currency } (without { $lines ->
    [one] { $lines } line
   *[other] { $lines } lines
} with no rate)
reimb-pdf-outstanding = Outstanding in { $currency } (not yet marked reimbursed): { $amount } { $currency }
reimb-pdf-payment = Payment
reimb-pdf-notes = Notes
reimb-pdf-receipts = Receipts (appended after this report, and in the receipts ZIP beside it)
reimb-pdf-receipt-entry = line { $line }: { $name }  (attached as { $original }, { $size } bytes)  SHA-256 { $sha256 }
reimb-pdf-continued = Reimbursement report · { $client } · { $from } to { $to } (continued)
reimb-pdf-footer = AI Spend reimbursement report · { $client } · { $from } to { $to } · generated { $at } · page { $page } of { $pages }
reimb-pdf-metadata-title = Reimbursement report: { $client }, { $from } to { $to }
reimb-pdf-receipt-heading = Receipt for line { $line }: { $date } { $what } { $amount } { $currency } { $name }
reimb-pdf-heading-continued = { $heading } (continued)
reimb-pdf-pdf-not-placed = This PDF receipt could not be placed here; it is in the receipts ZIP.
reimb-pdf-image-not-read = This receipt image could not be read; it is in the receipts ZIP beside this report.
reimb-pdf-other-file = This receipt (a file that is not a PDF, an image or an e-mail) is in the receipts ZIP beside this report.
reimb-pdf-mail-from = From: { $sender }
reimb-pdf-mail-subject = Subject: { $subject }
reimb-pdf-mail-date = Date: { $date }

reimb-note-no-lines = No lines tagged client:{ $client } between { $from } and { $to }. Tag lines with `aispend tag add client:{ $client } --ids ...`.
reimb-note-missing-rate = Lines billed in { $currency } have no { $report } amount and no rate was given: their converted amount is blank and they are not in the { $report } total. Give --rate { $currency }=RATE to convert them.
reimb-note-rate = Converted at the rate given: 1 { $from } = { $rate } { $report }.
reimb-note-pending = { $count ->
    [one] { $count } line is
   *[other] { $count } lines are
} still pending at the bank; their amount may change.
