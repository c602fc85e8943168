# 报销报告 PDF 的用户语言文本：标题区、表格、小计、合计、收据列表，以及附在报告后的收据页；
# 还有报告（及应用内预览）附带的说明。金额、日期和货币代码传入时已格式化。

reimb-pdf-title = 报销报告
reimb-pdf-title-numbered = 报销报告 { $number }
reimb-pdf-from = 发件人：{ $sender }
reimb-pdf-client = 客户：{ $client }
reimb-pdf-period = 期间：{ $from } 至 { $to }
reimb-pdf-amounts = 金额：客户应付金额；折合为 { $currency }
reimb-pdf-generated = 生成时间：{ $at }
reimb-pdf-left-out = 已标记为已报销的账目未列入。
reimb-pdf-without-receipt = 无收据：{ $count ->
    [one] { $count } 笔
   *[other] { $count } 笔
}（{ $list }）
reimb-pdf-col-date = 日期
reimb-pdf-col-vendor = 服务商
reimb-pdf-col-description = 说明
reimb-pdf-col-receipt-no = 收据编号
reimb-pdf-col-net = 净额
reimb-pdf-col-tax = 税额
reimb-pdf-col-gross = 总额
reimb-pdf-col-currency = 币种
reimb-pdf-col-converted = 折合 { $currency }
reimb-pdf-col-receipt = 收据
reimb-pdf-col-reimbursed = 报销情况
reimb-pdf-receipt-none = 无
reimb-pdf-reimbursed-on = { $date } 已报销
reimb-pdf-pending = 待入账
reimb-pdf-subtotals = 小计
reimb-pdf-subtotal-vendor = 服务商 { $name }
reimb-pdf-no-vendor = 无服务商
reimb-pdf-subtotal-project = 项目 { $name }
reimb-pdf-no-project = 无项目
reimb-pdf-subtotal-amount-tax = { $gross } { $currency }（净额 { $net } · 税额 { $tax }）
reimb-pdf-subtotal-line = { $label }：{ $amounts }（{ $lines ->
    [one] { $lines } 笔
   *[other] { $lines } 笔
}）
reimb-pdf-total-billed = 以 { $currency } 计费合计：净额 { $net } · 税额 { $tax } · 总额 { $gross } { $currency }（{ $lines ->
    [one] { $lines } 笔
   *[other] { $lines } 笔
}）
reimb-pdf-total-converted = 折合 { $currency } 合计：{ $amount } { $currency }
reimb-pdf-total-converted-incomplete = 折合 { $currency } 合计：{ $amount } { $currency }（不含缺少汇率的 { $lines ->
    [one] { $lines } 笔
   *[other] { $lines } 笔
}）
reimb-pdf-outstanding = 以 { $currency } 计的待付金额（尚未标记为已报销）：{ $amount } { $currency }
reimb-pdf-payment = 付款方式
reimb-pdf-notes = 说明
reimb-pdf-receipts = 收据（附在本报告之后，也在旁边的收据 ZIP 中）
reimb-pdf-receipt-entry = 第 { $line } 笔：{ $name }（附件原名 { $original }，{ $size } 字节）SHA-256 { $sha256 }
reimb-pdf-continued = 报销报告 · { $client } · { $from } 至 { $to }（续）
reimb-pdf-footer = AI Spend 报销报告 · { $client } · { $from } 至 { $to } · 生成于 { $at } · 第 { $page } 页，共 { $pages } 页
reimb-pdf-metadata-title = 报销报告：{ $client }，{ $from } 至 { $to }
reimb-pdf-receipt-heading = 第 { $line } 笔的收据：{ $date } { $what } { $amount } { $currency } { $name }
reimb-pdf-heading-continued = { $heading }（续）
reimb-pdf-pdf-not-placed = 这份 PDF 收据无法放入此处；它在收据 ZIP 中。
reimb-pdf-image-not-read = 这张收据图片无法读取；它在本报告旁边的收据 ZIP 中。
reimb-pdf-other-file = 这份收据（不是 PDF、图片或电子邮件的文件）在本报告旁边的收据 ZIP 中。
reimb-pdf-mail-from = 发件人：{ $sender }
reimb-pdf-mail-subject = 主题：{ $subject }
reimb-pdf-mail-date = 日期：{ $date }

reimb-note-no-lines = { $from } 至 { $to } 之间没有标记为 client:{ $client } 的账目。请用 `aispend tag add client:{ $client } --ids ...` 为账目加标签。
reimb-note-missing-rate = 以 { $currency } 计费的账目没有 { $report } 金额，也未提供汇率：其折合金额为空，且未计入 { $report } 合计。请用 --rate { $currency }=汇率 进行折算。
reimb-note-rate = 按所给汇率折算：1 { $from } = { $rate } { $report }。
reimb-note-pending = { $count ->
    [one] { $count } 笔账目
   *[other] { $count } 笔账目
}在银行仍为待入账状态；金额可能会变。
