# 额度与预算：按 API 价格计算套餐用量的价值（budget status）。
plan-value = { $provider }（{ $plans }）：{ $from } 至 { $to } 的用量按 API 价格计算为 { $value } { $currency }，是套餐同期费用 { $price_to_date } { $currency } 的 { $ratio } 倍（月费 { $price } { $currency }，按本月 { $month_days } 天中已过的 { $days_counted } 天折算）；照这个速度，整月用量按 API 价格约为 { $projected } { $currency }，而一个月的月费可买 { $days } 天这样的用量
plan-value-no-plan = { $provider }：{ $from } 至 { $to } 的套餐用量按 API 价格计算为 { $value } { $currency }；没有已知的、以 { $currency } 计价的 { $provider } 有效套餐
plan-value-price-list-error = 未显示套餐价值：无法读取价格表（{ $error }）
