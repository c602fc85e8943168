# The evidence pack's summary (summary.md, summary.html) and timeline
# (timeline.csv), in the language of the pack's reader.

case-pack-other-id = other: { $id }
case-pack-title = Top-up case { $id }: { $title }
case-pack-utc-local = { $utc } ({ $local } local)

case-pack-section-case = Case
case-pack-section-diagnosis = Diagnosis
case-pack-section-facts = Facts
case-pack-section-rows = Linked ledger rows
case-pack-section-attachments = Attachments
case-pack-section-notes = Notes
case-pack-section-about = About this pack

case-pack-number = Case number: { $id }
case-pack-provider = Provider: { $provider }
case-pack-status = Status: { $status }
case-pack-status-open = open
case-pack-status-closed = closed
case-pack-opened = Opened: { $when }
case-pack-last-change = Last change: { $when }
case-pack-times = Times are UTC; local times use { $zone }, the offset in force when the case was opened.

case-pack-no-diagnosis = No diagnosis has been run for this case yet.
case-pack-computed = Computed: { $when }
case-pack-stale = Note: facts changed after this diagnosis; run it again to update it.
case-pack-most-likely = Most likely: { $title } ({ $code }, confidence { $confidence }/100). { $explanation }
case-pack-also-possible = Also possible: { $title } ({ $code }, { $confidence }/100). { $explanation }
case-pack-no-cause = The facts so far do not point at a cause.
case-pack-first-contact = First contact: { $contact } ({ $code })
case-pack-do-not = Do not, for now: { $list }
case-pack-next-steps = Next steps:
case-pack-open-questions = Questions still open:
case-pack-question = { $question } ({ $fact })

case-pack-col-fact = Fact
case-pack-col-value = Value
case-pack-col-source = Source
case-pack-col-ledger-rows = Ledger rows
case-pack-col-answered = Answered (UTC)
case-pack-source-you = you
case-pack-source-ledger = ledger
case-pack-source-clock = clock
case-pack-conflict = The answer for { $fact } is { $answer }, but the ledger shows { $ledger } (rows { $rows }); the answer is used.
case-pack-detail = { $label }: { $values }
case-pack-card-ending = Card ending in
case-pack-receipt-number = Receipt number
case-pack-invoice-number = Invoice number
case-pack-organization = Organization

case-pack-no-rows = No ledger rows are linked.
case-pack-card-lines = Card statement lines (dates are the statement's local dates):
case-pack-payment-records = { $provider } payment records:
case-pack-col-id = Id
case-pack-col-date = Date
case-pack-col-description = Description
case-pack-col-amount = Amount
case-pack-col-status = Status
case-pack-col-account = Account
case-pack-col-kind = Kind
case-pack-col-invoice = Invoice
case-pack-col-receipt = Receipt
case-pack-col-organization = Organization
case-pack-col-card = Card
case-pack-import-undone = (its import is undone; it comes back when the statement is imported again)
case-pack-removed = (removed)

case-pack-no-attachments = No files are attached.
case-pack-col-file = File in pack
case-pack-col-original-name = Original name
case-pack-col-captured = Captured (UTC)
case-pack-col-original-sha = SHA-256 of the original
case-pack-col-stored-sha = SHA-256 of the stored copy
case-pack-col-metadata = Image metadata
case-pack-metadata-removed = removed
case-pack-metadata-kept = kept as is (not a JPEG or PNG)
case-pack-not-an-image = not an image

case-pack-no-notes = No notes.
case-pack-note = { $when }: { $text }

case-pack-about-cards = Card numbers are shortened to their last four digits and API keys are removed.
case-pack-about-emails-kept = E-mail addresses are shown as written.
case-pack-about-emails-masked = E-mail addresses are masked.
case-pack-about-images = Image attachments are stored without their metadata (EXIF, GPS position, text); both hashes are listed above.
case-pack-about-text = Text attachments (CSV, TXT, JSON) are redacted in the pack the same way; manifest.json says which ones changed.
case-pack-about-manifests = manifest-sha256.txt (BagIt) and manifest.json list the SHA-256 of every file; `aispend case verify PACK.zip` checks them.
case-pack-about-language = This summary and timeline.csv are in { $language }, for the first contact; message.txt is the message to send them.
case-pack-about-beside = The same summary in { $language }: { $md } and { $html }.
case-pack-about-message-check = The message in { $language }, to check what it says: { $file }.
case-pack-lang-en = English
case-pack-lang-zh-cn = Chinese (Simplified)

case-timeline-col-utc = utc
case-timeline-col-local = local
case-timeline-col-event = event
case-timeline-col-detail = detail
case-timeline-opened = opened
case-timeline-opened-detail = { $title } ({ $provider })
case-timeline-answer = answer
case-timeline-ledger-fact = ledger fact
case-timeline-value = { $fact } = { $value }
case-timeline-value-rows = { $fact } = { $value } (ledger rows { $rows })
case-timeline-no-longer-shown = { $fact }: no longer shown by the linked rows
case-timeline-unknown = { $fact } = unknown
case-timeline-linked = linked
case-timeline-unlinked = unlinked
case-timeline-card-line = card line { $id }: { $date } { $description } { $amount } ({ $status })
case-timeline-card-line-undone = card line { $id } (its import is undone)
case-timeline-payment = payment record { $id }: { $date } { $kind } { $amount } ({ $status })
case-timeline-payment-removed = payment record { $id } (removed)
case-timeline-note = note
case-timeline-attached = attached
case-timeline-attached-removed = { $name } as { $path } (SHA-256 { $sha }; metadata removed)
case-timeline-attached-kept = { $name } as { $path } (SHA-256 { $sha }; metadata kept)
case-timeline-diagnosis-event = diagnosis
case-timeline-diagnosis = { $code } ({ $confidence }/100); first contact: { $contact }
case-timeline-diagnosis-plain = { $code }; first contact: { $contact }
case-timeline-diagnosis-none = no cause yet; first contact: { $contact }
