# What a value the user gave was refused for: amounts, dates, budgets,
# subscriptions, rules, tags, watched folders. Each English text reads as
# the error's own text.

apperr-money-not-a-number = "{ $found }" is not a number
apperr-money-out-of-range = { $amount } is too large for the ledger (at most about 9.2 trillion)
apperr-money-bad-currency = "{ $found }" is not an ISO 4217 currency code (three capital letters, such as USD)
apperr-credits-not-positive = --amount { $amount } is not a credit; expected a positive amount such as 5.00
apperr-credits-expires-first = --expires { $expires } is not after --on { $on }; a grant expires after it is given
apperr-budget-scope-empty = the { $kind } is empty; name one, e.g. --{ $kind } { $example }
apperr-budget-bad-class = class { $found } has no budget; expected ai-api, ai-subscription or ai (both)
apperr-budget-bad-scope = a budget is per provider, vendor, class or tag, not { $found }
apperr-budget-bad-period = period { $period } is not `monthly` or two dates `YYYY-MM-DD..YYYY-MM-DD`
apperr-budget-period-date = { $found } in period { $period } is not a date; expected YYYY-MM-DD
apperr-budget-period-backwards = period { $period } ends before it starts
apperr-budget-not-positive = --amount { $amount } is not a budget; expected a positive amount such as 100.00
apperr-budget-backwards = the period ends before it starts
apperr-alert-vendor-empty = the vendor is empty; name it, e.g. --vendor openai
apperr-alert-bad-offset = UTC offset { $minutes } minutes is not an offset; expected -1080 to 1080
apperr-no-such-cancellation = there is no cancellation mark { $id }; `aispend subs cancelled` lists them
apperr-subs-vendor-empty = the vendor is empty; name it, e.g. --vendor openai
apperr-subs-not-positive = amount { $amount } is not a price; expected a positive amount such as 20.00
apperr-watch-not-a-folder = { $path } is not one of the agents' log folders
apperr-watch-no-such-folder = folder { $index } is not one of the { $count } agents' log folders
apperr-rule-empty-pattern = the pattern is empty; give the text to match
apperr-rule-long-pattern = the pattern is longer than { $max } characters
apperr-rule-min-above-max = --min { $min } is above --max { $max }
apperr-rule-amount-range = the amount { $amount } is out of range
apperr-rule-bad-currency = { $found } is not an ISO 4217 currency code (e.g. USD)
apperr-rule-bad-vendor = vendor { $found } must be an id of lowercase letters, digits and dashes (e.g. openai)
apperr-rule-no-vendor = { $class } lines have no vendor; drop --vendor { $vendor }
## Why a tag cannot be used (after "tag X cannot be used: ").
apperr-tag-empty = it is empty
apperr-tag-too-long = it is longer than { $max } characters
apperr-tag-control = it holds a control character
apperr-tag-comma = it holds a comma (give several tags as separate values)
apperr-tag-no-name = it names no one after { $prefix }
## Why a file is not a ledger backup (inside "X is not an AI Spend ledger backup (...)").
apperr-backup-unreadable = { $detail }
apperr-backup-no-schema = it has no ledger schema
apperr-backup-newer = it was written by a newer AI Spend (schema version { $version })
apperr-backup-integrity = its integrity check says: { $detail }
## What is wrong in a price list (after "prices.toml: ").
apperr-prices-toml = { $detail }
apperr-prices-version = `version` must be text
apperr-prices-not-a-list = `price` must be a list of [[price]] tables
apperr-prices-at = price { $index }: { $problem }
apperr-prices-not-a-table = not a table
apperr-prices-unknown-key = unknown key `{ $key }` (known: { $known })
apperr-prices-empty-text = `{ $key }` must be non-empty text
apperr-prices-missing = `{ $key }` is missing
apperr-prices-bad-date = `valid_from` { $found } is not YYYY-MM-DD
apperr-prices-currency = `currency`: { $problem }
apperr-prices-aliases = `aliases` must be a list of text
apperr-prices-not-decimal = `{ $key }` { $found } is not a decimal number
apperr-prices-negative = `{ $key }` { $found } is negative
apperr-prices-float = `{ $key }` is written as a float; write it as text ("3.75") so it stays exact
apperr-prices-not-a-price = `{ $key }` must be a price, as text ("3.75")
apperr-prices-two-rows = two rows for { $row }
