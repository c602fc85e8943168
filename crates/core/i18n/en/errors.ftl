# Errors of the ledger and of requests the app or the CLI makes.

error-newer-ledger = { $path } was written by a newer AI Spend (schema version { $found }; this one knows up to { $supported }); update AI Spend to open it
error-not-a-ledger = { $path } is not an AI Spend ledger (it is not an SQLite database)
error-ledger-open = could not open the ledger at { $path }: { $found }
error-no-such-batch = there is no import batch { $id }; `aispend imports` lists them
error-batch-already-undone = import batch { $id } was already undone
error-no-such-txn = there is no transaction { $id }
error-no-such-rule = there is no rule { $id }; `aispend rules list` lists them
error-no-such-payment = there is no provider payment record { $id }; `aispend payments list` lists them
error-no-such-link = there is no link { $id }; `aispend links --all` lists them
error-no-such-profile = there is no mapping profile "{ $name }"; `aispend profiles` lists them
error-bad-currency = "{ $found }" is not a currency code; expected three capital letters such as USD, EUR or CNY
error-bad-date = "{ $found }" is not a date; expected YYYY-MM-DD
error-sample-loaded = the sample data is already loaded; remove it first (Settings, "Remove sample data", or `aispend sample remove`)
error-sample-not-empty = the ledger already has lines; the sample data is only offered for an empty ledger
error-backwards-period = the period is backwards: from { $from } is after to { $to }
error-bad-export-kind = "{ $found }" is not an export kind; expected csv, pdf or zip
error-no-lines = no lines are chosen; select lines in the list (or use "all matching") first
error-bad-month = "{ $found }" is not a month; expected YYYY-MM, such as 2025-03
error-empty-period = the period starts ({ $from }) after it ends ({ $to }); swap --from and --to
error-no-such-subscription = there is no manual subscription { $id }; `aispend subs` lists them
error-map-not-key-value = --map: "{ $found }" is not key=value; expected for example date=Date,amount=Amount,description=Description
error-map-unknown-key = --map: unknown key "{ $found }"; expected one of date, amount, debit, credit, description, posted_date, currency, memo, category, merchant, descriptor, goods, mcc, id, status, date_order, decimal, sign
error-map-bad-value = --map: { $field }="{ $found }" is not allowed; expected { $expected }
error-map-missing = --map: no { $field } column named; expected { $field }=COLUMN
