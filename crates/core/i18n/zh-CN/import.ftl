# 导入与校验错误：每条都写明文件、物理行号（CSV 表头为第 1 行）、文件中的字段名、
# 实际读到的内容和应有的内容。

import-empty = { $file }:{ $line }：文件是空的；应为带表头行的账单
import-binary = { $file }:{ $line }：这是二进制文件，不是文本账单；应为银行或 AI 服务商导出的 CSV
import-not-utf8 = { $file }:{ $line }：文本不是有效的 UTF-8；应为 UTF-8 编码的 CSV（请重新导出，或另存为 UTF-8）
import-unknown-format = { $file }:{ $line }：AI Spend 不认识这种账单格式（开头为“{ $found }”）；应为支持的导出文件，例如表头为 "Transaction Date,Post Date,Description,Category,Type,Amount,Memo" 的 Chase 信用卡 CSV，或用 --map date=列名,amount=列名,description=列名 指明各列的 CSV
import-unknown-format-id = { $file }:{ $line }：未知格式“{ $found }”；应为以下之一：{ $expected }
import-not-this-format = { $file }:{ $line }：此文件不是 { $format } 文件；应有表头“{ $expected }”
import-field-count = { $file }:{ $line }：此行有 { $found } 个字段，表头有 { $expected } 个；每列应有一个值（含逗号的值须用双引号括起）
import-missing-column = { $file }:{ $line }：表头中没有“{ $field }”列，而每个 { $format } 文件都有此列
import-empty-field = { $file }:{ $line }：字段“{ $field }”为空；应有一个值
import-bad-date = { $file }:{ $line }：字段“{ $field }”的值“{ $found }”不是日期；应为 { $pattern } 格式的日期
import-impossible-date = { $file }:{ $line }：字段“{ $field }”的值“{ $found }”不是真实存在的日期；应为 { $pattern } 格式的日期
import-bad-date-described = { $file }:{ $line }：字段“{ $field }”的值“{ $found }”不是日期；应为：{ $expected }
import-bad-amount = { $file }:{ $line }：字段“{ $field }”的值“{ $found }”不是金额；应为数字，例如 -12.34
import-amount-out-of-range = { $file }:{ $line }：字段“{ $field }”的值“{ $found }”过大；金额应小于 9 万亿
import-bad-currency = { $file }:{ $line }：字段“{ $field }”的值“{ $found }”不是货币代码；应为三个字母的 ISO 4217 代码，例如 CNY
import-unexpected-value = { $file }:{ $line }：字段“{ $field }”的值“{ $found }”不是此格式使用的值；应为：{ $expected }
import-field-not-utf8 = { $file }:{ $line }：字段“{ $field }”不是有效的 UTF-8 文本；应为 UTF-8 文件
import-ambiguous-date-order = { $file }:{ $line }：文件中每个日期既可读作“月/日”也可读作“日/月”（例如“{ $found }”）；请用 --date-order mdy 或 --date-order dmy 指明
import-several-accounts = { $file }:{ $line }：文件包含多个账户；每个文件应只含一个账户（请分别导出每个账户）
import-unsupported-section = { $file }:{ $line }：不读取“!Type:{ $found }”部分；应为银行或信用卡交易（!Type:Bank 或 !Type:CCard）
import-csv-unreadable = { $file }:{ $line }：无法读取此 CSV：{ $found }；应为完整、可读的文件（请重新导出）
import-malformed = { $file }:{ $line }：文件结构有误（{ $found }）；应为：{ $expected }
import-bank-sign-on-refused = { $file }:{ $line }：银行拒绝了登录（<SONRS> 状态码 { $found }），因此文件中没有账单；请重新登录银行网站并下载新文件
import-bank-error = { $file }:{ $line }：银行发来的是错误回复而不是账单（<{ $element }> 状态码 { $found }）；应为账单（<STMTRS> 或 <CCSTMTRS>）：请重新下载，或向银行询问代码 { $code } 的含义
import-no-statement = { $file }:{ $line }：{ $found }；应为：{ $expected }
import-unreadable-file = { $file }：无法读取文件：{ $found }

# 导入摘要在计数之外要说明的事项。

import-notice-assumed-currency = 文件没有写明币种：{ $count } 笔金额按 { $currency } 读取；如果它们是其他币种，请用 --currency 代码 重新导入（在应用中：文件下方的币种栏）
import-notice-reused-ids = 文件重复使用了编号：有 { $count } 行带有与前面某行相同的编号（订单号或交易号）；日期、金额或内容不同的行是另一笔交易，因此已保留，没有作为重复项合并
import-notice-reused-ids-example = 文件重复使用了编号：有 { $count } 行带有与前面某行相同的编号（订单号或交易号，例如 { $example }）；日期、金额或内容不同的行是另一笔交易，因此已保留，没有作为重复项合并
import-notice-skipped-preamble = 表头在第 { $line } 行：其上方的第 1-{ $last } 行（文件的前言部分）已跳过
import-notice-refunds-paired = { $count } 笔退款已与对应的购买配对并沿用其分类，因此合计为实际花费的净额{ $reverted ->
        [0] {""}
       *[other] ；其中 { $reverted } 笔全额退回，因此它们与对应的购买都记为已撤销（最终没有资金变动）
    }
import-notice-unmatched-refunds = { $count } 笔退款在账本中找不到可抵消的购买（账单还没导入？）；在购买记录到来之前计为收入，之后会与之配对
import-notice-receipts-without-line = 有 { $count } 张收据还没有对应的银行卡记录：请先导入账单，再重新导入此邮件以完成匹配
import-notice-unreadable-messages = 有 { $count } 封邮件无法读取（MIME 格式错误、部分过多或过大），已跳过

## 应用自身中止读取文件的原因（显示在“无法读取此 CSV：”之后）。

import-records-not-expected = 此处不接受服务商的费用或用量记录
import-writer-stopped = 写入账本的进程已停止
import-parser-crashed = 解析器意外崩溃
import-statement-lines-in-log = { $file }：代理日志中出现了银行账单行
