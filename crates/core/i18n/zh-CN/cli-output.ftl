# 命令行除 `import` 外各命令的标签（供人阅读的输出；--json 保持与语言无关）。
# 列宽与数字由命令行排版。

## imports、undo-import、rejects、profiles

cli-import-progress = { $file }：已读 { $rows } 行（{ $percent }%）
cli-imports-none = 还没有导入记录。用 `aispend import 文件` 导入一份账单。
cli-imports-row = { $account }：新增 { $added } 笔，重复 { $duplicates } 笔，拒绝 { $rejected } 笔
cli-imports-undone = （已于 { $at } 撤销）
cli-undo-import = 已撤销导入批次 { $batch }：删除了 { $removed } 笔账目。该文件可以重新导入。
cli-rejects-none = 导入批次 { $batch } 没有跳过任何行。
cli-rejects-line = 第 { $line } 行：{ $reason }
cli-profile-removed = 已删除列映射配置 { $name }。
cli-profiles-none = 还没有列映射配置。用 --map 导入一份 CSV 即可创建。
cli-profile-header = 表头：
cli-profile-map = 映射：

## links、sample、export

cli-link-confirmed = 已确认关联 { $id }：第 { $posted } 笔是待入账账目 { $pending } 的入账版本，后者不再出现在列表中。
cli-link-rejected = 已拒绝关联 { $id }：这两笔账目仍作为两次独立的扣款。
cli-links-none = 没有等待核对的待入账账目。
cli-link-state-proposed = 待确认
cli-link-state-confirmed = 已确认
cli-link-state-rejected = 已拒绝
cli-link-pair = 待入账 { $pending } { $pending_date } { $amount }  ->  已入账 { $posted } { $posted_date } { $description }
cli-sample-loaded = 已载入示例数据：{ $lines } 笔账目（账户“{ $account }”）。
cli-sample-removed = 已移除示例数据：{ $lines } 笔账目（账户“{ $account }”）。
cli-export-wrote = 已写入 { $file }（{ $format }）：{ $lines } 笔账目{ $accounts ->
        [0] {""}
       *[other] ，{ $accounts } 个自有账户
    }。

## rules、txns edit

cli-rules-none = 还没有规则。用 `aispend rules add --contains 文本 --class 类别` 或 `aispend rules add --from-txn 编号` 添加一条。
cli-rule-changed = { $change ->
        [added] 已添加
        [removed] 已删除
        [enabled] 已启用
       *[disabled] 已停用
    }规则 { $id }：{ $rule }
cli-rule-reclassified = 已重新分类 { $lines } 笔账目。
cli-rule-min = 金额 >= { $amount }
cli-rule-max = 金额 <= { $amount }
cli-rule-account = 账户 { $account }
cli-rule-currency = 币种 { $currency }
cli-rule-tags = 标签 { $tags }
cli-list-separator = ，
cli-rule = 当 { $when } -> { $then }  [优先级 { $priority }]
cli-rule-disabled = （已停用）当 { $when } -> { $then }  [优先级 { $priority }]
cli-txn-edited = 账目 { $id }：{ $line }。可用 `aispend rules add --from-txn { $id }` 把它设为规则。

## reconcile

cli-matched-on-original-amount = 原币金额相符
cli-matched-on-billed-amount = 入账金额相符
cli-matched-on-amount-with-fee = 金额含手续费后相符
cli-matched-on-date-only = 仅日期相符
cli-reconcile-match = 账目 { $line } = 付款记录 { $payment }（{ $provider }，{ $on }，{ $apart }）
cli-reconcile-match-rate = 账目 { $line } = 付款记录 { $payment }（{ $provider }，{ $on }，{ $apart }，折算汇率 { $rate }）
cli-days-later = { $days ->
        [0] 同一天
       *[other] 银行卡记录晚 { $days } 天
    }
cli-days-earlier = 银行卡记录早 { $days } 天
cli-reconcile-ref-line = 账目 { $id }
cli-reconcile-ref-payment = 付款记录 { $id }

## summary、subs、costs

cli-period-between = { $from } 至 { $to }
cli-period-from = { $from } 起
cli-period-to = 截至 { $to }
cli-period-all = 全部日期
cli-summary-title = 支出汇总：{ $period }（按账单本地日期，仅已入账账目）
cli-summary-no-lines = 此期间没有账目。
cli-summary-class-total = 支出 { $spent }  收入 { $received }  （{ $count } 笔）
cli-lines-count = （{ $count } 笔）
cli-records-count = （{ $count } 条记录）
cli-summary-by-vendor = 按商家：
cli-summary-by-month = 按月份：
cli-summary-other-currency = 以其他币种扣款：
cli-summary-charged-for = { $amount } { $currency }，原币 { $original } { $original_currency }
cli-summary-pending = 待入账（不计入合计）：
cli-summary-ai-share = AI 支出占比（{ $currency }，不含转账）：{ $percent }%
cli-summary-ai-share-none = AI 支出占比：-（没有支出）
cli-summary-ai-share-in = { $currency }：{ $percent }%
cli-cadence-weekly = 每周
cli-cadence-monthly = 每月
cli-cadence-annual = 每年
cli-sub-added = 已添加订阅 { $id }：{ $vendor } { $amount }，{ $cadence }，自 { $since } 起。
cli-sub-removed = 已删除订阅 { $id }。
cli-subs-none = 截至 { $date } 没有发现订阅。
cli-subs-title = 截至 { $date } 的订阅：
cli-sub-price-changed = { $date } 调价，原价 { $amount } { $currency }
cli-sub-trial-to-paid = 试用转付费
cli-sub-manual = 手动录入 #{ $id }
cli-sub-active = 有效
cli-sub-lapsed = 已停止
cli-sub-dates = 上次 { $last }  下次 { $next }  每年 { $annual }
cli-sub-flags = {"  "}（{ $flags }）
cli-flag-separator = ；
cli-col-month = 月份
cli-col-provider = 服务商
cli-col-currency = 币种
cli-col-cost = 费用
cli-col-card-topups = 银行卡充值
cli-col-credit-purchases = 额度购买
cli-costs-vs-topups-note = （费用与额度购买按 UTC 月份统计；银行卡账目按账单的本地月份统计）
cli-total = 合计
cli-costs-none = 没有服务商费用记录。用 `aispend import 文件` 导入 OpenAI 或 Anthropic 的费用导出文件。

## costs（列表）、payments

cli-provider-records-none = 没有服务商记录。用 `aispend import 文件` 导入 OpenAI 或 Anthropic 的费用导出文件。
cli-cost-tokens = 输入 { $input } 个 token，输出 { $output } 个 token
cli-cost-all-usage = （全部用量）
cli-payment-recorded = 已记录付款 { $id }：{ $payment }
cli-payments-none = 还没有记录服务商付款。用 `aispend payments add` 添加一笔。
cli-payment-removed = 已删除付款 { $id }。
cli-payment-invoice = 发票 { $invoice }
cli-payment-receipt = 收据 { $receipt }
cli-payment-brand-ending = { $brand } 尾号 { $last4 }
cli-payment-card-ending = 银行卡尾号 { $last4 }
cli-mail-from-mail = 来自邮件
cli-mail-via = 经由 { $channel }
cli-mail-line = 账目 { $id }
cli-mail-no-line = 尚无对应的银行卡账目
cli-mail-receipt = 收据
cli-parenthesised = （{ $text }）

## credits、budget、alerts

cli-credits-balance-set = { $provider } 在 { $date } 的余额：申报 { $stated }，按账本记录推算 { $computed }；无法解释的差额 { $unexplained }。
cli-credits-granted = 已记录 { $date } 获赠的 { $provider } 额度 { $amount }（赠额 { $grant }）。
cli-credits-granted-expiring = 已记录 { $date } 获赠的 { $provider } 额度 { $amount }（赠额 { $grant }），{ $expires } 到期。
cli-credits-none = 截至 { $date } 没有发现预付额度：没有额度购买、充值、赠额或用量费用。
cli-credits-account = { $account }（{ $currency }）截至 { $date }：余额 { $balance }
cli-credits-unexplained = 其中 { $amount } 账本无法解释（余额申报于 { $date }）
cli-credits-runs-out-on = 于 { $date }
cli-credits-runs-out-never = 按此速度不会用完
cli-credits-burn = 日均消耗 { $week }（近 7 天）、{ $month }（近 30 天）；预计用完：{ $runs_out }
cli-credits-next-expiry = 下次到期 { $date }：{ $amount }
cli-credits-auto-recharge = 自动充值 { $amount }，触发余额约 { $threshold }；本月 { $count } 次{ $looping ->
        [yes] （是否陷入循环？）
       *[no] {""}
    }
cli-credits-never = 永不
cli-credits-purchase = 剩余 { $left }  到期 { $expires }
cli-budget-set = 预算 { $id }：{ $scope } { $period } { $amount }。
cli-budgets-none-set = 还没有预算；用 `aispend budget set --class ai --amount 100` 设置一个。
cli-budget-removed = 已删除预算 { $id }。
cli-budgets-none = 没有预算。
cli-budget-ok = 正常
cli-budget-projected-over = 预计超支
cli-budget-over = 已超支
cli-budget-status = 已花 { $spent }  预计 { $projected }  { $status }  （{ $from }..{ $to }）
cli-alert-dismissed = 已忽略 { $id }：{ $alert }
cli-alert-cancelled = 已将 { $plan } 标记为于 { $date } 取消。
cli-on = 开
cli-off = 关
cli-quiet-mode = 免打扰模式：{ $state }
cli-alerts-none = 截至 { $date } 没有提醒。
cli-alert-dismissed-mark = （已忽略）

## usage、prices、costs --check、import --watch-default

cli-usage-unknown-estimate = 无法估算：{ $reason }
cli-usage-no-model = （无模型）
cli-usage-record = 输入 { $input }，缓存 { $cached }，输出 { $output }  估算 { $estimate }
cli-col-key = 分组
cli-col-input = 输入
cli-col-cached = 缓存
cli-col-output = 输出
cli-col-requests = 请求数
cli-col-estimated = 估算
cli-col-reported = 报告
cli-col-cur = 币种
cli-col-model = 模型
cli-col-from = 生效日
cli-col-write = 缓存写入
cli-usage-unpriced-count = （{ $count } 条记录未定价）
cli-usage-unpriced = 未定价：价目表中没有这些模型；请把它们加到账本旁的 prices.toml 中。
cli-prices-title = { $date } 生效的价格（每百万 token；价目表版本 { $list }）：
cli-check-month = 估算 { $estimated }  报告 { $reported }  扣款 { $charged }  { $currency }
cli-check-plan = {"  "}（套餐用量按 API 价格计为 { $plan }）
cli-check-gap = 差额 { $kind } { $amount }：{ $gap }
cli-check-nothing = 这段时间没有可核对的内容：没有用量、没有服务商费用，也没有付给服务商的银行卡扣款。
cli-watch-folder = 文件夹
cli-watch-not-there = （不存在）
cli-watch-summary = 读取日志 { $read } 个（新增用量记录 { $added } 条，已有 { $known } 条），未变化 { $unchanged } 个，失败 { $failed } 个
cli-watch-failed = 失败：{ $file }：{ $error }
cli-watch-deferred = 读取时文件发生了变化，下次再读：{ $file }
cli-watch-notices-brief = 共跳过 { $lines } 行，涉及 { $logs } 个日志（大多不含用量：会话开头、消息、工具调用），例如：
cli-watch-more = ……另有 { $count } 条
cli-watch-deferred-brief = 有 { $count } 个日志在读取时发生了变化，下次再读，例如：
cli-watch-verbose-hint = 加上 `--verbose` 可逐个列出每个日志。
cli-watch-rejects = 有 { $count } 行无法读取；运行 `aispend rejects { $batch }` 可逐条查看其所在日志、行号和原因。

## tag、receipt、report、reimbursed

cli-tag-changed = { $change ->
        [added] 已添加
       *[removed] 已移除
    }标签 { $tag }：选中 { $selected } 笔账目，改动 { $changed } 笔。
cli-receipt-attached = 已将 { $file } 附到账目 { $line }（收据 { $receipt }，sha256 { $sha256 }）。
cli-receipts-none = 账目 { $line } 没有收据。用 `aispend receipt attach { $line } 文件` 附上一份。
cli-receipt-row = { $file }  { $bytes } 字节  sha256 { $sha256 }  附加于 { $at }
cli-receipt-detached = 已移除收据 { $id }。
cli-report-wrote = 已写入 { $file }（报告 { $number }，{ $client } 的 { $lines } 笔账目，{ $from } 至 { $to }）及 { $zip }（{ $receipts } 份收据）。
cli-report-billed = 以 { $currency } 计费：净额 { $net }，税额 { $tax }，含税合计 { $gross } { $currency }
cli-report-total = 合计：{ $total }；未报销：{ $outstanding }
cli-reimbursed-marked = 已将 { $client } 的 { $lines } 笔账目中的 { $count } 笔标记为于 { $date } 报销（已标记的账目保留原日期）。
cli-reimbursed-unmarked = 已取消 { $client } 的 { $lines } 笔账目中 { $count } 笔的报销标记。

## keys、sync

cli-key-prompt = { $provider } 管理密钥（输入不显示）：
cli-key-stored = 已将 { $provider } 管理密钥存入系统钥匙串。运行 `aispend sync` 拉取费用和用量。
cli-key-status-stored = 管理密钥已存入系统钥匙串
cli-key-status-none = 没有密钥（不同步）
cli-key-removed = 已从系统钥匙串删除 { $provider } 管理密钥。
cli-key-not-stored = 没有存储 { $provider } 管理密钥。
cli-sync-fetching = { $provider } { $endpoint }：正在获取第 { $page } 页
cli-sync-retry-status = { $provider } 返回 HTTP { $status }（第 { $attempt } 次尝试）；{ $seconds } 秒后重试
cli-sync-retry-unreachable = 无法连接 { $provider }（第 { $attempt } 次尝试）；{ $seconds } 秒后重试
cli-sync-importing = { $provider } { $endpoint }：正在导入 { $pages } 页
cli-sync-status-through = 已同步至 { $date }（上次运行 { $at }：{ $result }）
cli-sync-status-never-ran = 从未同步成功（上次运行 { $at }：{ $result }）
cli-sync-status-never = 从未同步
cli-sync-done = { $pages } 页，新增 { $added } 条，重复 { $duplicates } 条
cli-sync-batch = （导入批次 { $batch }）
cli-sync-skipped = { $provider }：未存储管理密钥，已跳过（`aispend keys set { $id }`）

## 以文字显示的代码：付款类型与状态、额度来源、预算周期、规则匹配方式（英文保留代码）

cli-payment-kind-credit-purchase = 额度购买
cli-payment-kind-invoice = 发票
cli-payment-kind-receipt = 收据
cli-payment-status-succeeded = 成功
cli-payment-status-failed = 失败
cli-payment-status-refunded = 已退款
cli-payment-status-pending = 处理中
cli-credit-source-payment = 付款记录
cli-credit-source-receipt = 收据
cli-credit-source-card = 银行卡
cli-credit-source-grant = 赠额
cli-credit-source-usage-credit = 用量抵扣
cli-budget-monthly = 每月
cli-rule-contains = 包含
cli-rule-regex = 匹配正则

## case

cli-case-opened-from-flag = 已根据标记 { $flag } 创建案例 { $id }：{ $text }
cli-case-next-diagnose = 下一步：`aispend case diagnose { $id }`、`aispend case show { $id }`。
cli-case-opened = 已创建案例 { $id }。下一步：`aispend case answer { $id } 事实 值`、`aispend case link { $id } 账目编号`。
cli-cases-none = 还没有案例。用 `aispend case new` 创建一个。
cli-case-status-open = 进行中
cli-case-status-closed = 已关闭
cli-case-fact-set = 案例 { $id }：{ $fact } = { $value }
cli-case-fact-unknown = 案例 { $id }：{ $fact } 现在为未知
cli-case-linked-payment = 已关联付款记录 { $row }
cli-case-linked-txn = 已关联账目 { $row }
cli-case-unlinked-payment = 已取消关联付款记录 { $row }
cli-case-unlinked-txn = 已取消关联账目 { $row }
cli-case-done = 案例 { $id }：{ $what }
cli-case-note-added = 案例 { $id }：已添加备注 { $note }
cli-case-closed = 案例 { $id }：已关闭（用 `aispend case reopen { $id }` 可重新打开）
cli-case-reopened = 案例 { $id }：已重新打开
cli-case-attached = 案例 { $id }：已将 { $file } 附加为 { $stored }（SHA-256 { $sha256 }{ $redacted ->
        [yes] ；已移除图片元数据
       *[no] {""}
    }）
cli-case-exported = 已写入 { $file }（{ $files } 个文件，SHA-256 { $sha256 }）{ $diagnosed ->
        [yes] ；事实有变化，因此先重新做了诊断
       *[no] {""}
    }
cli-case-verified = { $file }：全部 { $count } 个哈希值均一致
cli-case-nothing-redacted = 案例 { $id }：证据包中没有需要脱敏的内容。
cli-case-place-line = 第 { $line } 行
cli-case-place-field = 字段
cli-case-place-file-name = 文件名
cli-case-preview-only = 仅为预览：没有写入任何内容。`aispend case export { $id } --out 证据包.zip` 会写出证据包。
cli-case-head = 案例 { $id }：{ $title }  [{ $provider }，{ $status }]
cli-case-times = 创建于 { $opened }，最后修改于 { $changed }（当地时间：{ $zone }）
cli-case-none = （无）
cli-case-none-yet = （尚无）
cli-case-facts = 事实：
cli-case-fact-rows = 记录 { $rows }
cli-case-conflict = 注意：您说 { $fact } 是 { $yours }，账本显示为 { $ledger }；以您的回答为准
cli-case-linked-rows = 关联的记录：
cli-case-txn-undone = （其导入已撤销；重新导入该账单即可恢复）
cli-case-payment-removed = （已删除）
cli-case-attachments = 附件：
cli-case-attachment = { $stored }  来自 { $file }  { $captured }  SHA-256 { $sha256 }{ $redacted ->
        [yes] {"  "}（已移除元数据）
       *[no] {""}
    }
cli-case-notes = 备注：
cli-case-diagnosis = 诊断：
cli-case-no-diagnosis = 尚未诊断：`aispend case diagnose { $id }`
cli-case-diagnosed = { $code }（可信度 { $confidence }/100），首先联系 { $contact }，诊断于 { $at }{ $current ->
        [yes] {""}
       *[no] （此后事实有变化）
    }
cli-case-no-cause = 尚未找到原因，诊断于 { $at }

cli-plan-price-from = 价格来自：{ $rows }
cli-plan-none = 从本月 1 日到 { $to } 没有套餐用量。
cli-plan-by-hand = 手动录入：{ $plans }

## 命令行拒绝的请求
cli-err-no-flag = 没有第 { $n } 条提示；`aispend reconcile` 共列出 { $count } 条提示，从 1 开始编号
cli-err-not-api-billed = 充值案例只针对 OpenAI 或 Anthropic 的预付 API 额度；{ $provider } 不在其中
cli-err-pack-out = 导出需要 --out PACK.zip（只想查看可用 --preview）
cli-err-budget-scope = 请说明预算统计的范围：--provider、--vendor、--class 或 --tag
cli-err-on-off = { $flag } { $found }：应为 on 或 off
cli-err-alert-kind = { $found } 不是提醒类型；可选：{ $kinds }
cli-err-no-key = 尚未保存 Admin 密钥，同步处于关闭状态；可用 `aispend keys set openai` 或 `aispend keys set anthropic` 添加
cli-err-utc-offset = --utc-offset { $found }：应为 +HH:MM 或 -HH:MM 格式
cli-err-logs-failed = 有 { $count } 个日志无法读取（见上方列表）
cli-err-rule-match = 请给出 --contains 文本 或 --regex 正则表达式
cli-err-rule-class = 请给出 --class（ai-subscription、ai-api、everyday、transfer）
