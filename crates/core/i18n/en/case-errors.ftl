# Errors of cases (the top-up wizard's saved cases) and their evidence packs.

case-what-txn = transaction { $id }
case-what-payment = payment record { $id }
case-what-other = { $what }
case-error-no-such-case = there is no case { $id }; `aispend case list` lists them
case-error-not-linked = case { $case } has no linked { $what }; `aispend case show { $case }` lists its links
case-error-already-linked = { $what } is already linked to case { $case }
case-error-empty-note = the note is empty; expected the text of the note
case-error-closed = case { $id } is closed; reopen it (`aispend case reopen { $id }`) to change it
case-error-bad-offset = UTC offset "{ $found }" is not valid; expected +HH:MM or -HH:MM such as +08:00 or -05:00
case-error-no-data-folder = this ledger is in memory; attachments are kept next to a ledger file
case-error-read-file = { $path }: cannot read the file: { $detail }
case-error-bad-image = { $path }: { $detail }; expected a JPEG or PNG image that opens in an image viewer
case-error-write-file = could not write { $path }: { $detail }
case-error-attachment-changed = { $path }: the attachment's stored copy is missing or changed (expected SHA-256 { $sha }); attach the file again
case-error-not-a-pack = { $path }: not an evidence pack: { $detail }; expected a ZIP written by `aispend case export`
case-error-zip = could not write the evidence pack
case-error-corrupt = the case data is damaged: { $detail }

# What `case verify` found wrong with an evidence pack.
case-verify-failed = { $path } does not verify:{ "\u000A" }  { $problems }
case-verify-and = { $first }{ "\u000A" }  { $next }
case-verify-none = no problem was named
case-verify-mismatch = { $path }: SHA-256 is { $actual }, but { $manifest } lists { $expected }: the file was changed
case-verify-missing = { $path }: listed in { $manifest } but not in the pack
case-verify-missing-layout = { $path }: listed in { $layout } but not in the pack
case-verify-bagit-layout = the BagIt layout
case-verify-pack-layout = the pack layout
case-verify-extra = { $path }: in the pack but in no manifest
case-verify-bad-manifest = { $manifest }: { $problem }
case-verify-bad-line = "{ $line }" is not "<sha256>  <path>"
case-verify-bad-json = not valid JSON ({ $detail })
case-verify-bad-entry = an entry without path and sha256: { $entry }
