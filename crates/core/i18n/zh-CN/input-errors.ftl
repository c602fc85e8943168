# 用户填写的值为何被拒绝：金额、日期、预算、订阅、规则、标签、监视的文件夹。

apperr-money-not-a-number = “{ $found }”不是数字
apperr-money-out-of-range = { $amount } 超出了账本能记录的范围（最多约 9.2 万亿）
apperr-money-bad-currency = “{ $found }”不是 ISO 4217 货币代码（应为三个大写字母，例如 USD）
apperr-credits-not-positive = --amount { $amount } 不是有效的额度；应为正数金额，例如 5.00
apperr-credits-expires-first = --expires { $expires } 没有晚于 --on { $on }；赠送额度的到期日应在发放日之后
apperr-budget-scope-empty = --{ $kind } 的值为空；请指定一个，例如 --{ $kind } { $example }
apperr-budget-bad-class = 类别 { $found } 不能设预算；应为 ai-api、ai-subscription 或 ai（两者合计）
apperr-budget-bad-scope = 预算只能按服务商（provider）、商家（vendor）、类别（class）或标签（tag）设置，不能按 { $found }
apperr-budget-bad-period = 期间 { $period } 既不是 `monthly`，也不是 `YYYY-MM-DD..YYYY-MM-DD` 形式的两个日期
apperr-budget-period-date = 期间 { $period } 中的 { $found } 不是日期；应为 YYYY-MM-DD 格式
apperr-budget-period-backwards = 期间 { $period } 的结束日期早于开始日期
apperr-budget-not-positive = --amount { $amount } 不是有效的预算；应为正数金额，例如 100.00
apperr-budget-backwards = 期间的结束日期早于开始日期
apperr-alert-vendor-empty = 商家为空；请填写商家，例如 --vendor openai
apperr-alert-bad-offset = UTC 偏移 { $minutes } 分钟无效；应在 -1080 到 1080 之间
apperr-no-such-cancellation = 没有编号为 { $id } 的取消标记；用 `aispend subs cancelled` 可列出全部标记
apperr-subs-vendor-empty = 商家为空；请填写商家，例如 --vendor openai
apperr-subs-not-positive = 金额 { $amount } 不是有效的价格；应为正数金额，例如 20.00
apperr-watch-not-a-folder = { $path } 不是编程代理的日志文件夹之一
apperr-watch-no-such-folder = 编程代理的日志文件夹共 { $count } 个，其中没有第 { $index } 个
apperr-rule-empty-pattern = 匹配文本为空；请填写要匹配的文字
apperr-rule-long-pattern = 匹配文本超过了 { $max } 个字符
apperr-rule-min-above-max = --min { $min } 大于 --max { $max }
apperr-rule-amount-range = 金额 { $amount } 超出范围
apperr-rule-bad-currency = { $found } 不是 ISO 4217 货币代码（例如 USD）
apperr-rule-bad-vendor = 商家 { $found } 必须是由小写字母、数字和连字符组成的标识（例如 openai）
apperr-rule-no-vendor = { $class } 类账目没有商家；请去掉 --vendor { $vendor }
## 标签不能使用的原因（接在“标签 X 不能使用：”之后）。
apperr-tag-empty = 内容为空
apperr-tag-too-long = 超过了 { $max } 个字符
apperr-tag-control = 含有控制字符
apperr-tag-comma = 含有逗号（多个标签请分开填写）
apperr-tag-no-name = { $prefix } 后面没有写名称
## 文件为何不是账本备份（接在“X 不是 AI Spend 的账本备份（……）”之中）。
apperr-backup-unreadable = 无法读取它：{ $detail }
apperr-backup-no-schema = 其中没有账本结构
apperr-backup-newer = 它由更新版本的 AI Spend 写入（架构版本 { $version }）
apperr-backup-integrity = 完整性检查未通过：{ $detail }
## 价格表中的错误（接在“价格表 X 有误：”之后）。
apperr-prices-toml = 不是有效的 TOML：{ $detail }
apperr-prices-version = `version` 必须是文本
apperr-prices-not-a-list = `price` 必须是由 [[price]] 表组成的列表
apperr-prices-at = 第 { $index } 条价格：{ $problem }
apperr-prices-not-a-table = 不是一个表
apperr-prices-unknown-key = 未知的键 `{ $key }`（可用的键：{ $known }）
apperr-prices-empty-text = `{ $key }` 必须是非空文本
apperr-prices-missing = 缺少 `{ $key }`
apperr-prices-bad-date = `valid_from` { $found } 不是 YYYY-MM-DD 格式
apperr-prices-currency = `currency`：{ $problem }
apperr-prices-aliases = `aliases` 必须是文本列表
apperr-prices-not-decimal = `{ $key }` { $found } 不是十进制数
apperr-prices-negative = `{ $key }` { $found } 是负数
apperr-prices-float = `{ $key }` 写成了浮点数；请写成文本（"3.75"），以保持精确
apperr-prices-not-a-price = `{ $key }` 必须是价格，并写成文本（"3.75"）
apperr-prices-two-rows = { $row } 有两行
