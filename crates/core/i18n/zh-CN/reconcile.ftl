# 对账：银行卡扣款与服务商付款记录的核对。

reconcile-note-no-records = 没有 { $provider } 的付款记录：无法把银行卡扣款与 { $provider } 实际到账的金额核对。请从其账单页面添加：`aispend payments add --provider { $id }`。
reconcile-double-charge = 一天之内在 { $account } 上有 { $count } 笔付给 { $provider } 的 { $amount } { $currency } 扣款，而服务商只有 { $records } 条对应的付款记录。如果您只买了一次充值，请不要再次付款：请询问银行哪一笔扣款会最终入账。
reconcile-stale-pending = { $provider } 于 { $date } 发起的 { $amount } { $currency } 预授权已挂起 { $days } 天，一直没有入账。未入账的预授权通常会由银行释放；再次付款之前请先询问银行。
reconcile-charged-not-credited = { $provider } 于 { $date } 扣款 { $amount } { $currency }（{ $account }），但在您的 { $provider } 付款记录中找不到对应的付款。
reconcile-record-without-charge = { $provider } 记录了 { $date } 的一笔 { $amount } { $currency } 付款，但账本中没有任何银行卡记录支付了它。可能是用一张账单尚未导入的卡支付的。
reconcile-record-without-charge-receipt = { $provider } 记录了 { $date } 的一笔 { $amount } { $currency } 付款（收据 { $receipt }），但账本中没有任何银行卡记录支付了它。可能是用一张账单尚未导入的卡支付的。
reconcile-negative-balance-offset = 这笔 { $amount } { $currency } 付款之前余额为 { $before } { $currency }：其中 { $repaid } { $currency } 偿还了之前的用量，{ $credited } { $currency } 成为新的额度。充值已经到账；余额只是看起来不足。

# `aispend reconcile` 在标记前后输出的内容。

reconcile-summary = 共 { $lines } 条 API 充值银行卡记录、{ $records } 条服务商付款记录，已匹配 { $matched } 条。
reconcile-nothing = 没有需要查看的问题。
reconcile-kind-charged-not-credited = 已扣款，服务商无记录
reconcile-kind-record-without-charge = 服务商有记录，无扣款
reconcile-kind-double-charge = 可能重复扣款
reconcile-kind-stale-pending = 预授权一直未入账
reconcile-kind-negative-balance-offset = 抵扣了负余额
reconcile-note = 注意：{ $note }
reconcile-open-case = 可用 `aispend case new --from-flag N` 从某个标记创建处理记录。
