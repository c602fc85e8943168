# Alerts: renewals, trials, price changes, budgets, credits.

alert-trial-ending = The trial of { $plan } ends on { $date }; it was { $amount } { $currency }; a full-price charge may follow
alert-renewal-soon = { $plan } renews on { $date } for { $amount } { $currency } ({ $cadence })
alert-price-change = { $plan } now charges { $amount } { $currency } (was { $previous } { $previous_currency }) since { $date }
alert-lapsed-still-charged = { $plan } was marked cancelled on { $cancelled } and charged { $count ->
        [one] once
       *[other] { $count } times
    } since, first on { $date }
alert-double-subscription = { $plan } was charged through { $count } channels (cards or merchants) in { $days } days
alert-budget-exceeded = The { $scope } budget of { $amount } { $currency } for { $from }..{ $to } is exceeded: { $spent } spent
alert-budget-projected = The { $scope } budget of { $amount } { $currency } is heading over: { $projected } by { $to } at this rate
alert-credits-at = { $account } credit is at { $amount } { $currency }
alert-credits-run-out = { $account } credit of { $amount } { $currency } runs out around { $date } at { $per_day } a day
alert-credits-low = { $account } credit is low: { $amount } { $currency }
alert-credits-expiring = { $amount } { $currency } of { $account } credit expires on { $date } unused
alert-auto-recharge-loop = { $account } auto-recharge of { $amount } { $currency } fired { $count ->
        [one] once
       *[other] { $count } times
    } this month (usually { $usual }); check for a loop
