# 提醒：续订、试用、价格变化、预算、额度。

alert-trial-ending = { $plan } 的试用将于 { $date } 结束；试用价为 { $amount } { $currency }；之后可能按全价扣款
alert-renewal-soon = { $plan } 将于 { $date } 续订，金额 { $amount } { $currency }（{ $cadence ->
        [weekly] 每周
        [monthly] 每月
        [annual] 每年
       *[other] { $cadence }
    }）
alert-price-change = { $plan } 自 { $date } 起收费 { $amount } { $currency }（原为 { $previous } { $previous_currency }）
alert-lapsed-still-charged = { $plan } 已于 { $cancelled } 标记为取消，但此后仍被扣款 { $count } 次，第一次在 { $date }
alert-double-subscription = { $plan } 在 { $days } 天内通过 { $count } 个渠道（银行卡或商户）扣款
alert-budget-exceeded = { $scope } 预算 { $amount } { $currency }（{ $from } 至 { $to }）已超支：已花费 { $spent }
alert-budget-projected = { $scope } 预算 { $amount } { $currency } 即将超支：按目前速度，到 { $to } 将花费 { $projected }
alert-credits-at = { $account } 的额度为 { $amount } { $currency }
alert-credits-run-out = { $account } 的额度 { $amount } { $currency } 按每天 { $per_day } 的用量，约在 { $date } 用完
alert-credits-low = { $account } 的额度不足：{ $amount } { $currency }
alert-credits-expiring = { $account } 有 { $amount } { $currency } 额度将于 { $date } 到期且尚未使用
alert-auto-recharge-loop = { $account } 的自动充值（每次 { $amount } { $currency }）本月已触发 { $count } 次（通常为 { $usual } 次）；请检查是否陷入循环充值
