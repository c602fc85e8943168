# Errors of the ledger file, the stores and the forms that had no message
# of their own: every error kind of the app's error table has one.

apperr-newer-ledger-unnamed = the ledger was written by a newer AI Spend (schema version { $found }; this one knows up to { $supported }); update AI Spend to open it
apperr-ledger-create-dir = could not create the ledger's folder { $path }: { $detail }
apperr-ledger-migration = schema migration { $version } failed: { $detail }
apperr-ledger-backup = could not back up the ledger to { $path }: { $detail }
apperr-ledger-corrupt = the ledger holds a value this version cannot read: { $detail }
apperr-not-a-backup = { $path } is not an AI Spend ledger backup ({ $detail }); choose a file made by "Back up the ledger"
apperr-ledger-no-file = the ledger is in memory; there is no file to restore into
apperr-ledger-sqlite = the ledger file could not be read or written: { $detail }
apperr-classify-read-catalog = could not read the catalog { $path }: { $detail }
apperr-classify-bad-catalog = { $name } is not a valid vendor catalog: { $detail }
apperr-classify-unknown-class = unknown class { $found }; expected ai-subscription, ai-api, everyday or transfer
apperr-classify-bad-regex = the regular expression { $pattern } is not valid or too large: { $detail }
apperr-classify-bad-rule = invalid rule: { $detail }
apperr-unknown-provider = unknown provider { $found }; expected openai, anthropic, google, cursor, github or openrouter
apperr-reimb-bad-tag = tag { $tag } cannot be used: { $detail }
apperr-reimb-read-receipt = cannot read the receipt { $path }: { $detail }
apperr-reimb-not-a-file = { $path } is not a file; attach a receipt file (PDF, image, ...)
apperr-reimb-too-large = { $path } is { $size } bytes; receipts can be at most 64 MiB
apperr-reimb-store-receipt = could not store the receipt copy { $path }: { $detail }
apperr-reimb-damaged = the stored receipt { $path } is missing or changed (its SHA-256 is not { $sha256 }); attach the file again
apperr-reimb-no-such-receipt = there is no receipt { $id }; `aispend receipt list TXN_ID` lists a line's receipts
apperr-reimb-in-memory = receipts need a ledger file; an in-memory ledger has no folder for them
apperr-backwards-flags = the period is backwards: --from { $from } is after --to { $to }
apperr-reimb-output-kind = { $path } is not a report file name; end it in .csv or .pdf
apperr-reimb-bad-rate = rate { $found } is not CUR=RATE with a positive rate, e.g. EUR=1.08
apperr-write = could not write { $path }: { $detail }
apperr-reimb-zip = could not write the receipts ZIP: { $detail }
apperr-reimb-pdf = could not lay out the PDF: { $detail }
apperr-reimb-encode = could not write the report: { $detail }
apperr-export-encode = could not encode the export: { $detail }
apperr-payment-not-positive = amount { $amount } is not a payment; expected a positive amount such as 20.00
apperr-payment-too-large = amount { $amount } is too large to record
apperr-payment-bad-last4 = card last 4 { $found } is not four digits; expected the last four digits of the card, such as 4242
apperr-usage-period = the first day ({ $from }) is after the last ({ $to })
apperr-usage-month = { $found } is not a month (YYYY-MM)
apperr-pricing-read = cannot read the price list { $path }: { $detail }
apperr-pricing-invalid = { $name }: { $detail }
apperr-no-such-budget = there is no budget { $id }; `aispend budget list` lists them
apperr-no-such-alert = there is no alert { $id } now; `aispend alerts --all` lists them
apperr-sync-import = the records synced from { $path } could not be imported: { $detail }
