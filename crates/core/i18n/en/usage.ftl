# Usage of AI tools that bill by use: the watched agent log folders.
#
# Arguments: $file a log file's path.

usage-watch-file-gone = { $file }: the log could not be read (gone, or no permission)

## The three-way check's gaps (Providers view). $count: the records behind it.

usage-gap-estimate-vs-reported = What the provider reports differs from the estimate at list prices ({ $count ->
        [one] 1 record
       *[other] { $count } records
    })
usage-gap-reported-without-usage = The provider reports a cost, but no usage with tokens was imported ({ $count ->
        [one] 1 record
       *[other] { $count } records
    })
usage-gap-usage-without-report = Usage was imported, but no cost report for the month ({ $count ->
        [one] 1 record
       *[other] { $count } records
    })
usage-gap-unpriced-usage = Usage the price list does not price: its cost is unknown ({ $count ->
        [one] 1 record
       *[other] { $count } records
    })
usage-gap-charged-vs-reported = The card paid a different amount than the provider reports ({ $count ->
        [one] 1 record
       *[other] { $count } records
    })
usage-gap-agent-usage-billed-to-api = Agent usage billed to an API key while a plan that covers it is paid ({ $count ->
        [one] 1 record
       *[other] { $count } records
    })

## A file in a watched folder that no agent log format reads.

usage-watch-not-a-log = a file that is no agent log AI Spend reads
usage-watch-agent-log = a Claude Code, Codex CLI or Gemini CLI session log

## Why a usage record has no estimate. $provider, $model: as the record
## names them; $date: the day it was used (YYYY-MM-DD); $row: the price
## row (provider/model@valid_from); $kind: the kind of token.

usage-unpriced-no-model = the record names no model
usage-unpriced-no-price = no { $provider } price for { $model } on { $date }
usage-unpriced-no-kind-price = { $row } has no { $kind ->
        [cached_input] cached input
        [cache_write] cache write
        [output] output
        [reasoning] reasoning
       *[input] input
    } price
