# A refused top-up answer or facts file: the field, the problem, what was
# expected (the checklist, `topup diagnose --facts`, `case answer`).

topup-error-json-body = not valid JSON: { $detail }; expected a JSON object of facts
topup-error-at = { $line }:{ $column }: { $error }
topup-error-not-an-object = the facts must be a JSON object ({"{"}"fact": value, ...{"}"}); expected an object such as {"{"}"bank_status": "pending"{"}"}
topup-error-read = cannot read the facts file: { $detail }
topup-error-field = field "{ $field }": { $problem }; expected { $expected }
topup-facts-file = { $file }: { $error }
topup-facts-file-at = { $file }:{ $line }:{ $column }: { $error }

topup-expect-one-of = one of { $values }
topup-expect-decimal = a decimal string such as "10.00" or "-8.00"
topup-expect-instant = an RFC 3339 instant such as "2026-03-01T14:05:00Z"
topup-expect-bool = true, false or null (unknown)
topup-expect-name = a non-empty string such as "org-Xk3..."
topup-expect-auto-recharge = an object with "enabled" (true/false), "threshold", "monthly_limit" and "recharged_this_month" (decimal strings), each optional
topup-expect-currency = an ISO 4217 code such as "USD"
topup-expect-count = a whole number of charges, such as 1 or 2
topup-expect-api-error = the provider's error body as an object ({"{"}"error":{"{"}"type":...,"code":...{"}"}{"}"}), the same pasted as text (an "Error code: 429 - " prefix or an HTTP status line before it is fine), or {"{"}"status": 429, "code": "insufficient_quota"{"}"}

topup-problem-unknown-fact = is not a fact this version knows
topup-problem-not-allowed = { $found } is not one of the allowed values
topup-problem-not-a-string = { $found } is not a string
topup-problem-not-a-decimal = { $found } is not a decimal amount
topup-problem-json-number = { $found } is a JSON number (amounts are written as strings so they stay exact)
topup-problem-not-an-amount = { $found } is not an amount
topup-problem-not-an-instant = { $found } is not an RFC 3339 instant ({ $detail })
topup-problem-not-a-bool = { $found } is not true or false
topup-problem-not-a-name = { $found } is not a name or id
topup-problem-not-an-object = { $found } is not an object
topup-problem-nested = "{ $key }": { $problem }
topup-problem-not-a-setting = "{ $key }" is not an auto-recharge setting
topup-problem-not-a-currency = { $found } is not a currency code
topup-problem-not-a-count = { $found } is not a count

topup-api-not-a-body = { $kind } is not an error body
topup-api-empty = the pasted text is empty
topup-api-cut-off = the pasted text has braces but what is between them could not be read as an error body (is it cut off?)
topup-api-nothing-found = no error body or known error code was found in the pasted text
topup-api-error-member = its "error" member is { $kind }, not an object
topup-api-no-members = the object has none of "error", "status", "code", "type" or "message"

topup-json-null = null
topup-json-bool = a true/false value
topup-json-number = a number
topup-json-string = a string
topup-json-list = a list
topup-json-object = an object

# A case detail that was refused (shown with topup-error-field).
case-problem-not-four-digits = "{ $found }" is not four digits
case-expect-last4 = the last four digits of the card, such as 4242
case-problem-not-a-reference = "{ $found }" is not a reference number
case-expect-reference = the number as the receipt shows it, at most 64 characters on one line
case-error-store = could not read or write the case tables: { $detail }
case-image-not-jpeg = not a readable JPEG ({ $detail })
case-image-not-png = not a readable PNG ({ $detail })
case-pack-too-large = the file is larger than { $mib } MiB
case-pack-unreadable = { $detail }
case-pack-no-bagit = it has no bagit.txt in a top folder
