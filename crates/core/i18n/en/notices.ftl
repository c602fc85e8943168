# Lists of messages, and the import notices that list what they concern.

list-join = { $head }; { $tail }
list-join-comma = { $head }, { $tail }

import-notice-double-payment = { $plan } paid twice around { $date } (app store and directly, or on two cards)
import-notice-app-store-charge = app store charge: import the receipt to identify it ({ $date } { $description } { $amount } { $currency })
import-notice-unrecognised-receipt = { $sender } "{ $subject }": { $reason }

# The lines an agent log's import skipped (skipped_lines).

import-notice-skipped-lines = { $count ->
        [one] 1 line
       *[other] { $count } lines
    } skipped: { $parts }
import-skipped-carry = { $count } { $count ->
        [one] carries
       *[other] carry
    } { $carries } ({ $kinds })
import-skipped-cut = line { $line }, the last, is cut off: { $note }
import-skipped-no-usage = no usage
import-skipped-no-new-usage = no new usage
import-skipped-cut-claude = Claude Code was still writing the log (import it again once the session is over to read that line)
import-skipped-cut-codex = Codex was still writing the log (import it again later to read that line)
import-skipped-cut-gemini = Gemini CLI was still writing the session (import it again later to read that line)
import-skipped-kind = { $count } { $kind }
import-skipped-kind-message = { $count } { $kind } message
import-skipped-kind-api-error = { $count } API error
import-skipped-kind-assistant-without-usage = { $count } assistant without usage
import-skipped-kind-synthetic = { $count } synthetic
import-skipped-kind-token-count-without-usage = { $count } token_count without usage
import-skipped-kind-repeated-token-count = { $count } repeated token_count
import-skipped-kind-token-count-of-zero = { $count } token_count of zero
import-skipped-kind-served-elsewhere = { $count } served by { $provider }, not OpenAI
import-skipped-kind-not-a-message = { $count } not a message
import-skipped-kind-session-header = { $count } session header
import-skipped-kind-rewind-or-patch = { $count } rewind or patch
import-skipped-kind-reply-without-tokens = { $count } reply without tokens
import-skipped-kind-not-json = { $count } not JSON
import-skipped-kind-not-a-log-entry = { $count } not a log entry
import-skipped-kind-line-over = { $count } line over { $max } MiB
