# Usage of AI tools that bill by use: the watched agent log folders.
#
# Arguments: $file a log file's path.

usage-watch-file-gone = { $file }: the log could not be read (gone, or no permission)

## The three-way check's gaps (Providers view). $count: the records behind it.

## The kind of a gap, as `costs --check` names it before the gap.
usage-gap-kind-estimate-vs-reported = estimate vs reported
usage-gap-kind-reported-without-usage = reported without usage
usage-gap-kind-usage-without-report = usage without report
usage-gap-kind-unpriced-usage = unpriced usage
usage-gap-kind-charged-vs-reported = charged vs reported
usage-gap-kind-agent-usage-billed-to-api = agent usage billed to the API
usage-gap-estimate-vs-reported = What the provider reports differs from the estimate at list prices ({ $count ->
        [one] 1 record
       *[other] { $count } records
    }). The usual causes: a discount, long-context or batch rates, models the price list does not price, or usage from a tool whose logs were not imported. Look at the records behind it; where a price is wrong, correct it in prices.toml beside the ledger.
usage-gap-reported-without-usage = The provider reports a cost for the month, but no usage with tokens was imported ({ $count ->
        [one] 1 record
       *[other] { $count } records
    }), so there is nothing to check it against. Import the month's usage: the provider's usage export, a sync of its Admin API, or the agents' log folders.
usage-gap-usage-without-report = Usage was imported for the month, but no cost report from the provider ({ $count ->
        [one] 1 record
       *[other] { $count } records
    }), so the estimate cannot be checked. Import the provider's cost export for the month or sync its Admin API.
usage-gap-unpriced-usage = Usage of models the price list does not price ({ $count ->
        [one] 1 record
       *[other] { $count } records
    }): its cost is unknown (not zero) and left out of the estimate. Add those models to prices.toml beside the ledger (`aispend prices` lists the prices in force), then check again.
usage-gap-charged-vs-reported = The card paid a different amount than the provider reports ({ $count ->
        [one] 1 record
       *[other] { $count } records
    }). The usual causes: prepaid credit bought ahead or still unused, a charge the records do not cover, or a refund. Look at the month's top-ups and invoices; credit bought ahead is used up in later months.
usage-gap-charged-without-report = The card paid the provider this month, but no cost from the provider is imported, so the charge cannot be checked. Import the provider's cost export or invoices for the month, or sync its Admin API.
usage-gap-agent-usage-billed-to-api = Agent usage also shows in the provider's API usage while a plan that covers the tool is paid ({ $count ->
        [one] 1 record
       *[other] { $count } records
    }). The tool may have used an API key (ANTHROPIC_API_KEY or OPENAI_API_KEY in its environment) instead of the plan login, and been billed twice. Remove the key from the tool's environment, log in with the plan, and ask the provider about the API charges.

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
