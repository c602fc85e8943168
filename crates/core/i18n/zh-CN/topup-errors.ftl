# 被拒绝的充值问题回答或事实文件：哪个字段、什么问题、应当是什么
# （检查清单、`topup diagnose --facts`、`case answer`）。

topup-error-json-body = 不是有效的 JSON：{ $detail }；应为一个由事实组成的 JSON 对象
topup-error-at = { $line }:{ $column }：{ $error }
topup-error-not-an-object = 事实必须是一个 JSON 对象（{"{"}"fact": value, ...{"}"}）；应为类似 {"{"}"bank_status": "pending"{"}"} 的对象
topup-error-read = 无法读取事实文件：{ $detail }
topup-error-field = 字段“{ $field }”：{ $problem }；应为{ $expected }
topup-facts-file = { $file }：{ $error }
topup-facts-file-at = { $file }:{ $line }:{ $column }：{ $error }

topup-expect-one-of = 以下之一：{ $values }
topup-expect-decimal = 用字符串写的小数，例如 "10.00" 或 "-8.00"
topup-expect-instant = RFC 3339 格式的时间，例如 "2026-03-01T14:05:00Z"
topup-expect-bool = true、false 或 null（未知）
topup-expect-name = 非空字符串，例如 "org-Xk3..."
topup-expect-auto-recharge = 一个对象，可含 "enabled"（true/false）、"threshold"、"monthly_limit" 和 "recharged_this_month"（用字符串写的小数），每项都可省略
topup-expect-currency = ISO 4217 货币代码，例如 "USD"
topup-expect-count = 扣款笔数（整数），例如 1 或 2
topup-expect-api-error = 服务商返回的错误内容：JSON 对象（{"{"}"error":{"{"}"type":...,"code":...{"}"}{"}"}），或原样粘贴的同样内容（前面带 "Error code: 429 - " 或 HTTP 状态行也可以），或 {"{"}"status": 429, "code": "insufficient_quota"{"}"}

topup-problem-unknown-fact = 不是这个版本认识的事实
topup-problem-not-allowed = { $found } 不是允许的取值
topup-problem-not-a-string = { $found } 不是字符串
topup-problem-not-a-decimal = { $found } 不是小数金额
topup-problem-json-number = { $found } 是 JSON 数字（金额要写成字符串，才能保持精确）
topup-problem-not-an-amount = { $found } 不是金额
topup-problem-not-an-instant = { $found } 不是 RFC 3339 格式的时间（{ $detail }）
topup-problem-not-a-bool = { $found } 不是 true 或 false
topup-problem-not-a-name = { $found } 不是名称或 ID
topup-problem-not-an-object = { $found } 不是对象
topup-problem-nested = "{ $key }"：{ $problem }
topup-problem-not-a-setting = "{ $key }" 不是自动充值的设置项
topup-problem-not-a-currency = { $found } 不是货币代码
topup-problem-not-a-count = { $found } 不是笔数

topup-api-not-a-body = { $kind }不是错误内容
topup-api-empty = 粘贴的文字是空的
topup-api-cut-off = 粘贴的文字里有花括号，但括号之间的内容无法读成错误内容（是不是没复制完整？）
topup-api-nothing-found = 粘贴的文字里找不到错误内容，也没有已知的错误代码
topup-api-error-member = 其中的 "error" 成员是{ $kind }，不是对象
topup-api-no-members = 这个对象没有 "error"、"status"、"code"、"type" 或 "message" 中的任何一项

topup-json-null = 空值（null）
topup-json-bool = 真假值
topup-json-number = 数字
topup-json-string = 字符串
topup-json-list = 列表
topup-json-object = 对象

# 被拒绝的案件信息（与 topup-error-field 一起显示）。
case-problem-not-four-digits = “{ $found }”不是四位数字
case-expect-last4 = 卡号的后四位，例如 4242
case-problem-not-a-reference = “{ $found }”不是编号
case-expect-reference = 收据上显示的编号，一行之内，最多 64 个字符
case-error-store = 无法读取或写入案件数据表：{ $detail }
case-image-not-jpeg = 无法读取的 JPEG 图片（{ $detail }）
case-image-not-png = 无法读取的 PNG 图片（{ $detail }）
case-pack-too-large = 文件超过 { $mib } MiB
case-pack-unreadable = { $detail }（无法读取 ZIP）
case-pack-no-bagit = 顶层文件夹中没有 bagit.txt
