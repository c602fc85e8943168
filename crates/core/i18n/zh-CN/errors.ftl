# 账本错误，以及应用或命令行请求中的错误。

error-newer-ledger = { $path } 是由更新版本的 AI Spend 写入的（数据结构版本 { $found }；此版本最高支持 { $supported }）；请更新 AI Spend 后再打开
error-not-a-ledger = { $path } 不是 AI Spend 账本（它不是 SQLite 数据库）
error-ledger-open = 无法打开位于 { $path } 的账本：{ $found }
error-no-such-batch = 没有编号为 { $id } 的导入批次；`aispend imports` 可列出全部批次
error-batch-already-undone = 导入批次 { $id } 已经撤销过了
error-no-such-txn = 没有编号为 { $id } 的交易
error-no-such-rule = 没有编号为 { $id } 的规则；`aispend rules list` 可列出全部规则
error-no-such-payment = 没有编号为 { $id } 的服务商付款记录；`aispend payments list` 可列出全部记录
error-no-such-link = 没有编号为 { $id } 的关联；`aispend links --all` 可列出全部关联
error-no-such-profile = 没有名为“{ $name }”的列映射方案；`aispend profiles` 可列出全部方案
error-bad-currency = “{ $found }”不是货币代码；应为三个大写字母，例如 USD、EUR 或 CNY
error-bad-date = “{ $found }”不是日期；应为 YYYY-MM-DD 格式
error-sample-loaded = 示例数据已经载入；请先移除（设置中的“移除示例数据”，或 `aispend sample remove`）
error-sample-not-empty = 账本中已有记录；示例数据只在账本为空时提供
error-backwards-period = 时间段前后颠倒：开始日期 { $from } 晚于结束日期 { $to }
error-bad-export-kind = “{ $found }”不是导出类型；应为 csv、pdf 或 zip
error-no-lines = 尚未选择任何记录；请先在列表中选择记录（或使用“全部匹配项”）
error-bad-month = “{ $found }”不是月份；应为 YYYY-MM 格式，例如 2025-03
error-empty-period = 时间段的开始（{ $from }）晚于结束（{ $to }）；请交换 --from 和 --to
error-no-such-subscription = 没有编号为 { $id } 的手动订阅；`aispend subs` 可列出全部订阅
error-map-not-key-value = --map：“{ $found }”不是“键=值”形式；应为例如 date=Date,amount=Amount,description=Description
error-map-unknown-key = --map：未知的键“{ $found }”；应为以下之一：date、amount、debit、credit、description、posted_date、currency、memo、category、merchant、descriptor、goods、mcc、id、status、date_order、decimal、sign
error-map-bad-value = --map：不允许 { $field }=“{ $found }”；应为：{ $expected }
error-map-missing = --map：没有指定 { $field } 列；应写 { $field }=列名
