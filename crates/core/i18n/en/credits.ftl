# Credits and budgets: a plan's usage valued at API prices (budget status).
plan-value = { $provider } ({ $plans }): the usage from { $from } to { $to } would have cost { $value } { $currency } at API prices, { $ratio }× the plans' { $price } { $currency } a month; at API prices that price buys { $days } days of this usage (the month has { $month_days })
plan-value-no-plan = { $provider }: the plan usage from { $from } to { $to } would have cost { $value } { $currency } at API prices; no active { $provider } plan priced in { $currency } is known
plan-value-price-list-error = Plan value is left out: the price list could not be read ({ $error })
