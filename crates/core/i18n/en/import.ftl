# Import and validation errors: each names the file, the physical line
# (a CSV header is line 1), the field as the file names it, what was found
# and what was expected.

import-empty = { $file }:{ $line }: the file is empty; expected a statement with a header line
import-binary = { $file }:{ $line }: this is a binary file, not a text statement; expected a CSV export from your bank or AI provider
import-not-utf8 = { $file }:{ $line }: the text is not valid UTF-8; expected a UTF-8 CSV (re-export it, or save it as UTF-8)
import-unknown-format = { $file }:{ $line }: not a statement format AI Spend recognises (it starts with "{ $found }"); expected a supported export such as a Chase card CSV with the header "Transaction Date,Post Date,Description,Category,Type,Amount,Memo", or a CSV whose columns you name with --map date=COLUMN,amount=COLUMN,description=COLUMN
import-unknown-format-id = { $file }:{ $line }: unknown format "{ $found }"; expected one of: { $expected }
import-not-this-format = { $file }:{ $line }: this file is not in { $format } format; expected the header "{ $expected }"
import-field-count = { $file }:{ $line }: the row has { $found } { $found ->
        [one] field
       *[other] fields
    }, the header has { $expected }; expected one value per column (a value containing a comma must be in double quotes)
import-missing-column = { $file }:{ $line }: the header has no "{ $field }" column, which every { $format } has
import-empty-field = { $file }:{ $line }: { $field } is empty; expected a value
import-bad-date = { $file }:{ $line }: { $field } "{ $found }" is not a date; expected a date as { $pattern }
import-impossible-date = { $file }:{ $line }: { $field } "{ $found }" is not a real calendar date; expected a date as { $pattern }
import-bad-date-described = { $file }:{ $line }: { $field } "{ $found }" is not a date; expected { $expected }
import-bad-amount = { $file }:{ $line }: { $field } "{ $found }" is not an amount; expected a number such as -12.34
import-amount-out-of-range = { $file }:{ $line }: { $field } "{ $found }" is too large; expected an amount below 9 trillion
import-bad-currency = { $file }:{ $line }: { $field } "{ $found }" is not a currency code; expected a three-letter ISO 4217 code such as GBP
import-unexpected-value = { $file }:{ $line }: { $field } "{ $found }" is not a value this format uses; expected { $expected }
import-field-not-utf8 = { $file }:{ $line }: { $field } is not valid UTF-8 text; expected a UTF-8 file
import-ambiguous-date-order = { $file }:{ $line }: every date in the file reads both as month/day and as day/month (such as "{ $found }"); expected --date-order mdy or --date-order dmy to say which
import-several-accounts = { $file }:{ $line }: the file holds more than one account; expected one account per file (export each account on its own)
import-unsupported-section = { $file }:{ $line }: a "!Type:{ $found }" section is not read; expected bank or credit-card transactions (!Type:Bank or !Type:CCard)
import-csv-unreadable = { $file }:{ $line }: the CSV cannot be read: { $found }; expected a complete, readable file (export it again)
import-malformed = { $file }:{ $line }: { $found }; expected { $expected }
import-bank-sign-on-refused = { $file }:{ $line }: the bank refused the sign-on (<SONRS> status code { $found }), so the file holds no statement; expected a statement: sign in to the bank again and download a new file
import-bank-error = { $file }:{ $line }: the bank sent an error instead of a statement (<{ $element }> status code { $found }); expected a statement (<STMTRS> or <CCSTMTRS>): download it again, or ask the bank what code { $code } means
import-no-statement = { $file }:{ $line }: { $found }; expected { $expected }
import-unreadable-file = { $file }: cannot read the file: { $found }

# What an import's summary says beyond its counts.

import-notice-assumed-currency = the file does not say its currency: { $count } { $count ->
        [one] amount
       *[other] amounts
    } read as { $currency }; if they are in another currency, import it again with --currency CODE (in the app: the currency field under the file)
import-notice-reused-ids = the file re-uses ids: { $count ->
        [one] 1 row carries an id
       *[other] { $count } rows carry an id
    } (order or transaction number) that an earlier row also carries; a row with another date, amount or content is a transaction of its own, so it was kept, not merged as a duplicate
import-notice-reused-ids-example = the file re-uses ids: { $count ->
        [one] 1 row carries an id
       *[other] { $count } rows carry an id
    } (order or transaction number, such as { $example }) that an earlier row also carries; a row with another date, amount or content is a transaction of its own, so it was kept, not merged as a duplicate
import-notice-skipped-preamble = the header is on line { $line }: lines 1-{ $last } above it (the file's preamble) were skipped
import-notice-refunds-paired = { $count ->
        [one] 1 refund was paired with the purchase it gives money back for and takes its class, so the totals net to what was really spent{ $reverted ->
            [0] {""}
           *[other] ; it gave the whole purchase back, so both lines are kept as reverted (no money moved in the end)
        }
       *[other] { $count } refunds were paired with the purchases they give money back for and take their class, so the totals net to what was really spent{ $reverted ->
            [0] {""}
           *[other] ; { $reverted } gave the whole purchase back, so each is kept with its purchase as reverted (no money moved in the end)
        }
    }
import-notice-unmatched-refunds = { $count ->
        [one] 1 refund has no purchase in the ledger to net against (its bill is not imported yet?); it counts as money in until the purchase arrives, then it is paired with it
       *[other] { $count } refunds have no purchase in the ledger to net against (its bill is not imported yet?); they count as money in until the purchase arrives, then they are paired with it
    }
import-notice-receipts-without-line = { $count ->
        [one] 1 receipt has no card line yet: import the statement, then this mail again to match it
       *[other] some receipts have no card line yet: import the statement, then this mail again to match them
    }
import-notice-unreadable-messages = { $count ->
        [one] 1 message could not be read as mail (malformed MIME, too many parts or too large) and was skipped
       *[other] some messages could not be read as mail (malformed MIME, too many parts or too large) and were skipped
    }

## What stopped a file's reading inside the app itself (shown after
## "the CSV cannot be read:").

import-records-not-expected = provider records are not expected here
import-writer-stopped = the ledger writer stopped
import-parser-crashed = the parser crashed
import-statement-lines-in-log = { $file }: statement lines in an agent log
