# What a parser found in a file and what it expected there: the parts of
# the import errors "import-malformed" and "import-no-statement".

## Any XML file

detail-xml-unreadable = the XML cannot be read ({ $error })
detail-xml-unknown-reference = the reference "&{ $name };" is not a known character
detail-xml-known-references = text with only &amp; &lt; &gt; &quot; &apos; or &#NN; references

## ISO 20022 camt

detail-camt-expected-xml = a well-formed ISO 20022 camt.053, camt.052 or camt.054 XML file
detail-camt-doctype = the file declares a DOCTYPE (a DTD, which may define entities)
detail-camt-no-doctype = an ISO 20022 camt document without a DOCTYPE (banks never send one)
detail-camt-ends-inside = the file ends inside <{ $element }> opened on line { $opened } (it looks cut short)
detail-camt-whole-statement = the whole statement, up to </Document>
detail-camt-no-document = the file has no <Document>
detail-camt-starts-with = the XML starts with <{ $element }>
detail-camt-document-first = <Document> as the first element of a camt file
detail-camt-amt-unreadable = the Amt tag cannot be read ({ $error })
detail-camt-no-amt = the entry (Ntry) has no Amt
detail-camt-amt-expected = an Amt with the entry's amount
detail-camt-negative-amt = Amt "{ $found }" is negative
detail-camt-positive-amt = a positive Amt, with CdtDbtInd CRDT or DBIT giving the direction
detail-camt-no-currency = Amt has no Ccy and the account no currency
detail-camt-currency-expected = Amt Ccy="EUR" (an ISO 4217 code)
detail-camt-no-cdtdbtind = the entry (Ntry) has no CdtDbtInd
detail-camt-cdtdbtind-expected = CdtDbtInd CRDT (money in) or DBIT (money out) after Amt
detail-camt-no-date = the entry (Ntry) has neither BookgDt nor ValDt
detail-camt-date-expected = BookgDt/Dt with the booking date
detail-camt-holds-no = the file holds no statement: <{ $element }> holds no { $wanted }
detail-camt-holds-none = the file holds no statement: <{ $element }> holds no <Stmt>, <Rpt> or <Ntfctn>
detail-camt-empty-document = the file holds no statement: <Document> is empty
detail-camt-statement-expected = at least one account statement (<Stmt> in camt.053, <Rpt> in camt.052, <Ntfctn> in camt.054); export the account's statement again

## Any file

detail-file-unreadable = the file cannot be read ({ $error })

## OFX

detail-ofx-readable = a readable OFX file
detail-ofx-ends-inside = the file ends inside { $what } (from line { $from })
detail-ofx-cut-short = { $expected }; the file looks cut short, download it again
detail-ofx-a-tag = a tag
detail-ofx-the-tag = the tag <{ $name }
detail-ofx-processing-instruction = a <?…?> processing instruction
detail-ofx-comment = a <!-- comment
detail-ofx-declaration = a <!…> declaration
detail-ofx-cdata = a <![CDATA[ section
detail-ofx-cdata-close = ]]> closing the section
detail-ofx-tag-close = the tag's closing >
detail-ofx-its-close = its closing >
detail-ofx-closing-token = { $token }
detail-ofx-long-tag-name = a tag name longer than { $max } characters
detail-ofx-tag-names = OFX tag names such as <STMTTRN>
detail-ofx-long-value = the value of <{ $element }> is longer than { $max } bytes
detail-ofx-short-value = a short value, as OFX statements have
detail-ofx-ends-inside-element = the file ends inside <{ $element }> (opened on line { $opened })
detail-ofx-rest-of-statement = </{ $element }> and the rest of the statement
detail-ofx-no-ofx = the file has no <OFX> element
detail-ofx-statement-expected = an OFX statement: <OFX> … </OFX> after the header
detail-ofx-account-list = the file is an account list (<ACCTINFORS>): the accounts the bank offers, without their transactions
detail-ofx-statement-instead = a statement (<STMTRS> or <CCSTMTRS>); download an account's transactions (a statement) instead
detail-ofx-empty-reply = the bank's reply <{ $element }> holds no statement
detail-ofx-statement-inside-reply = a <STMTRS> or <CCSTMTRS> with the account's transactions inside it; download the statement again
detail-ofx-no-statement = the <OFX> holds no statement
detail-ofx-statement-inside-ofx = a bank or credit-card statement (<STMTRS> or <CCSTMTRS>) inside <OFX>; download the account's transactions again
detail-ofx-too-deep = <{ $element }> is nested more than { $max } tags deep
detail-ofx-shallow = an OFX statement (a few levels of nesting)
detail-ofx-investment = an investment statement (<INVSTMTRS>) is not read
detail-ofx-bank-or-card = bank or credit-card statements (<STMTRS> or <CCSTMTRS>)
detail-ofx-nested-statement = <{ $element }> starts inside <{ $outer }> from line { $from }
detail-ofx-close-before-next = </{ $outer }> before the next statement
detail-ofx-nested-txn = <STMTTRN> starts inside the <STMTTRN> from line { $from }
detail-ofx-close-each-txn = </STMTTRN> closing each transaction before the next
detail-ofx-txn-outside = a <STMTTRN> outside a statement
detail-ofx-txn-inside = transactions inside <STMTRS> or <CCSTMTRS>
detail-ofx-close-not-open = </{ $element }> closes a <{ $element }> that is not open
detail-ofx-close-after-open = each </{ $element }> after its own <{ $element }>
detail-ofx-close-while-open = </{ $element }> comes while <{ $inner }> from line { $from } is still open
detail-ofx-close-first = </{ $inner }> first

## JSON: agent logs and provider APIs

detail-json-invalid = the text is not valid JSON ({ $error })
detail-json-ends-early = the JSON ends early ({ $error }): the file looks cut off
detail-json-data = { $error }
detail-json-file-too-large = a file larger than { $max } MB
detail-json-line-too-long = the line is longer than { $max } MiB
detail-json-line-not-whole = the line is not whole JSON ({ $problem })
detail-not-utf8 = the text is not valid UTF-8
detail-no-line = the file holds no line
detail-json-object-per-line = one JSON object per line
detail-json-field-is = { $field } is { $found }
detail-json-field-missing = { $field } is missing
detail-json-has-neither = { $field } has neither { $a } nor { $b }
detail-json-not-object = a JSON value that is not an object
detail-json-no-type = a JSON object with no "type"
detail-json-a-value = a JSON { $found }
detail-json-is = is { $found }
detail-json-not-a-time = { $field } { $found } is not a date; expected unix seconds (1743465600) or an ISO 8601 time in UTC (2025-04-01T00:00:00Z)
detail-token-count = a token count (a whole number, 0 or more)
detail-admin-pages = Admin API pages as the API returns them (a few MB at most)
detail-admin-page = a page of the Admin API as JSON ({"{"}"data":[…],"has_more":…{"}"})
detail-openai-page = an OpenAI Admin API page: {"{"}"object":"page","data":[buckets]{"}"}
detail-openai-bucket = a bucket: {"{"}"object":"bucket","start_time":…,"end_time":…,"results":[…]{"}"}
detail-openai-result = a result object of /v1/organization/costs or /usage
detail-anthropic-page = an Anthropic Admin API report: {"{"}"data":[buckets],"has_more":…{"}"}
detail-anthropic-bucket = a bucket: {"{"}"starting_at":…,"ending_at":…,"results":[…]{"}"}
detail-anthropic-result = a result object of cost_report or usage_report/messages
detail-claude-expected = one JSON object per line, as Claude Code writes its session logs
detail-claude-usage-unreadable = the usage of this message could not be read: { $what }
detail-claude-time = the message's time in UTC (2026-11-20T09:14:09.871Z)
detail-claude-whole-line = one complete JSON object on the line, as Claude Code writes it
detail-claude-entry = a Claude Code log entry ({"{"}"type":"assistant","message":…{"}"})
detail-claude-token-object = an object of token counts ({"{"}"input_tokens":…,"output_tokens":…{"}"})
detail-claude-no-tokens = message.usage has neither input_tokens nor output_tokens
detail-claude-token-counts = the token counts Claude Code writes ({"{"}"input_tokens":…,"output_tokens":…{"}"})
detail-claude-cost = a cost in US dollars (0.00164)
detail-codex-expected = one JSON object per line, as Codex writes its session logs
detail-codex-tokens-unreadable = the token count could not be read: { $what }
detail-codex-token-counts = Codex's token counts ({"{"}"input_tokens":…,"output_tokens":…{"}"}, whole numbers, 0 or more)
detail-codex-not-entry = a JSON value that is not a Codex log entry
detail-codex-entry = a Codex log entry ({"{"}"timestamp":…,"type":…,"payload":{"{"}…{"}"}{"}"})
detail-gemini-expected = a Gemini CLI session ({"{"}"sessionId":…,"projectHash":…,"messages":[…]{"}"}, or one such record per line)
detail-gemini-tokens-unreadable = the tokens of this reply could not be read: { $what }
detail-gemini-token-counts = Gemini CLI's token counts ({"{"}"input":…,"output":…{"}"}, whole numbers, 0 or more)
detail-gemini-not-record = a JSON object that is no session record
detail-openrouter-expected = OpenRouter's API answer ({"{"}"data": [...]{"}"}) of generations or activity days
detail-openrouter-item = data[{ $index }]: { $what }

## Spreadsheets and CSV

detail-wechat-xlsx-expected = a complete .xlsx bill as WeChat Pay exports it (download it again)
detail-xlsx-too-large = the workbook is larger than { $max } MiB
detail-xlsx-not-zip = the file is not an XLSX workbook (it does not start as a ZIP archive)
detail-xlsx-unopenable = the XLSX workbook cannot be opened ({ $error })
detail-xlsx-refused = the workbook is refused: { $error }
detail-xlsx-sheet-unreadable = sheet "{ $sheet }" cannot be read ({ $error })
detail-cmb-no-period = the header is on line { $line } with no statement period above it
detail-cmb-period-expected = the statement period line before the header, such as "招商银行信用卡对账单（个人消费卡账户 2026年01月）"
detail-csv-no-column = no column "{ $column }" in the header
detail-csv-mapped-columns = the columns the mapping names ({ $columns }); fix --map or the file
detail-csv-mapped-columns-or-line = the columns the mapping names ({ $columns }); fix --map or the file, or give the header's line with --header-line N
detail-csv-header-line = the line of the file's header row (--header-line N)
detail-csv-ends-before = the file ends before line { $line }
detail-csv-no-header-row = line { $line } holds no header row (it is blank, or inside a quoted cell)
detail-header-line-unmapped = --header-line was given, but no mapping reads this file
detail-header-line-with-map = --header-line together with --map (or for a file whose header a saved mapping profile knows); built-in formats find their own header
detail-utf16 = a UTF-16 file
detail-skip-bad-rows-utf8 = a UTF-8 (or other single-byte) CSV for --skip-bad-rows; save it as UTF-8, or import it without the option
detail-too-many-rejects = more than { $max } rows that can't be read (the last: { $last })
detail-mostly-readable = a file whose rows are mostly readable; check that it is the export you meant

## Mail receipts

detail-receipt-amount = receipt amount { $amount }
detail-ledger-amount = an amount the ledger can hold

## What a column should hold (import-bad-date-described, import-unexpected-value)

detail-expect-date = a date as { $pattern }
detail-expect-ofx-date = an OFX date such as 20260301, 20260301120000 or 20260301120000.000[-5:EST] (offset from -12 to +14)
detail-expect-provider-time = unix seconds (1743465600) or an ISO 8601 time in UTC (2025-04-01T00:00:00Z)
detail-expect-token-count = a whole number of tokens or requests, such as 7852
detail-expect-cursor-cost = a cost in dollars ($0.42) or a word for no charge (Included, Free, Errored, No Charge)
detail-expect-sign = spending-negative (the default) or spending-positive
detail-expect-one-of-two = an empty { $credit } when { $debit } holds the amount (one of the two per line)
detail-expect-values = { $init } or { $last }
detail-expect-text = { $text }

## A row --skip-bad-rows left out, stored before reasons were messages

import-reject-plain = { $text }
import-reject-log-not-json = not JSON: { $problem }
import-reject-log-not-entry = not an entry of the log: { $found }
import-reject-log-line-over = a line over { $max } MiB, not read (a tool's output, most likely)
import-reject-log-at-line = line { $line }: { $reason }
