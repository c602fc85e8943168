# The command line's own labels (human output; --json stays language-neutral).

cli-import-summary = { $file } ({ $format }, account "{ $account }", { $what }): { $added } added, { $duplicates } duplicates, { $rejected } rejected
cli-import-batch = batch { $id }
cli-import-dry-run = dry run, nothing written
cli-left-out = left out: { $reason }
cli-left-out-line = left out line { $line }: { $reason }
cli-receipts = receipts: { $recognised } recognised, { $matched } matched to a card line, { $unmatched } not matched yet, { $skipped } other messages skipped
cli-unrecognised-receipt = unrecognised (line { $line }): { $sender } "{ $subject }": { $reason }
cli-note = note: { $note }
cli-pending-links = { $count } pending line(s) may now have their posted line: review with `aispend links`
cli-files-before-imported = aispend: the files before { $file } were imported; nothing from it was written
