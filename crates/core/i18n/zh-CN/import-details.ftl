# 解析器在文件中读到的内容和应有的内容：导入错误 "import-malformed" 与
# "import-no-statement" 的组成部分。

## 任何 XML 文件

detail-xml-unreadable = 无法读取 XML（{ $error }）
detail-xml-unknown-reference = 引用“&{ $name };”不是已知字符
detail-xml-known-references = 只含 &amp; &lt; &gt; &quot; &apos; 或 &#NN; 引用的文本

## ISO 20022 camt

detail-camt-expected-xml = 格式正确的 ISO 20022 camt.053、camt.052 或 camt.054 XML 文件
detail-camt-doctype = 文件声明了 DOCTYPE（DTD，可能定义实体）
detail-camt-no-doctype = 不含 DOCTYPE 的 ISO 20022 camt 文档（银行从不发送 DOCTYPE）
detail-camt-ends-inside = 文件在第 { $opened } 行开始的 <{ $element }> 内部结束（看起来被截断了）
detail-camt-whole-statement = 完整的账单，直到 </Document>
detail-camt-no-document = 文件中没有 <Document>
detail-camt-starts-with = XML 以 <{ $element }> 开头
detail-camt-document-first = 以 <Document> 作为 camt 文件的第一个元素
detail-camt-amt-unreadable = 无法读取 Amt 标签（{ $error }）
detail-camt-no-amt = 记账条目（Ntry）没有 Amt
detail-camt-amt-expected = 带有该条目金额的 Amt
detail-camt-negative-amt = Amt“{ $found }”是负数
detail-camt-positive-amt = 正数的 Amt，并由 CdtDbtInd 的 CRDT 或 DBIT 指明方向
detail-camt-no-currency = Amt 没有 Ccy，账户也没有币种
detail-camt-currency-expected = Amt Ccy="EUR"（ISO 4217 代码）
detail-camt-no-cdtdbtind = 记账条目（Ntry）没有 CdtDbtInd
detail-camt-cdtdbtind-expected = Amt 之后的 CdtDbtInd：CRDT（入账）或 DBIT（出账）
detail-camt-no-date = 记账条目（Ntry）既没有 BookgDt 也没有 ValDt
detail-camt-date-expected = 带记账日期的 BookgDt/Dt
detail-camt-holds-no = 文件中没有账单：<{ $element }> 中没有 { $wanted }
detail-camt-holds-none = 文件中没有账单：<{ $element }> 中没有 <Stmt>、<Rpt> 或 <Ntfctn>
detail-camt-empty-document = 文件中没有账单：<Document> 是空的
detail-camt-statement-expected = 至少一份账户账单（camt.053 中的 <Stmt>、camt.052 中的 <Rpt>、camt.054 中的 <Ntfctn>）；请重新导出该账户的账单

## 任何文件

detail-file-unreadable = 无法读取文件（{ $error }）

## OFX

detail-ofx-readable = 可读取的 OFX 文件
detail-ofx-ends-inside = 文件在{ $what }内部结束（从第 { $from } 行开始）
detail-ofx-cut-short = { $expected }；文件看起来被截断了，请重新下载
detail-ofx-a-tag = 一个标签
detail-ofx-the-tag = 标签 <{ $name }
detail-ofx-processing-instruction = 处理指令 <?…?>
detail-ofx-comment = 注释 <!--
detail-ofx-declaration = 声明 <!…>
detail-ofx-cdata = <![CDATA[ 段
detail-ofx-cdata-close = 结束该段的 ]]>
detail-ofx-tag-close = 标签的结束符 >
detail-ofx-its-close = 它的结束符 >
detail-ofx-closing-token = 结束标记 { $token }
detail-ofx-long-tag-name = 标签名超过 { $max } 个字符
detail-ofx-tag-names = OFX 标签名，例如 <STMTTRN>
detail-ofx-long-value = <{ $element }> 的值超过 { $max } 字节
detail-ofx-short-value = 简短的值，如 OFX 账单中那样
detail-ofx-ends-inside-element = 文件在 <{ $element }>（第 { $opened } 行开始）内部结束
detail-ofx-rest-of-statement = </{ $element }> 及账单的其余部分
detail-ofx-no-ofx = 文件中没有 <OFX> 元素
detail-ofx-statement-expected = OFX 账单：文件头之后的 <OFX> … </OFX>
detail-ofx-account-list = 文件是账户列表（<ACCTINFORS>）：银行提供的账户，不含交易
detail-ofx-statement-instead = 账单（<STMTRS> 或 <CCSTMTRS>）；请改为下载某个账户的交易（账单）
detail-ofx-empty-reply = 银行的回复 <{ $element }> 中没有账单
detail-ofx-statement-inside-reply = 内含账户交易的 <STMTRS> 或 <CCSTMTRS>；请重新下载账单
detail-ofx-no-statement = <OFX> 中没有账单
detail-ofx-statement-inside-ofx = <OFX> 内的银行或信用卡账单（<STMTRS> 或 <CCSTMTRS>）；请重新下载该账户的交易
detail-ofx-too-deep = <{ $element }> 的嵌套超过 { $max } 层
detail-ofx-shallow = OFX 账单（只有几层嵌套）
detail-ofx-investment = 不读取投资账单（<INVSTMTRS>）
detail-ofx-bank-or-card = 银行或信用卡账单（<STMTRS> 或 <CCSTMTRS>）
detail-ofx-nested-statement = <{ $element }> 在第 { $from } 行开始的 <{ $outer }> 内部开始
detail-ofx-close-before-next = 在下一份账单之前的 </{ $outer }>
detail-ofx-nested-txn = <STMTTRN> 在第 { $from } 行开始的 <STMTTRN> 内部开始
detail-ofx-close-each-txn = 每笔交易在下一笔之前以 </STMTTRN> 结束
detail-ofx-txn-outside = 账单之外的 <STMTTRN>
detail-ofx-txn-inside = <STMTRS> 或 <CCSTMTRS> 内的交易
detail-ofx-close-not-open = </{ $element }> 结束了一个未打开的 <{ $element }>
detail-ofx-close-after-open = 每个 </{ $element }> 都在它自己的 <{ $element }> 之后
detail-ofx-close-while-open = </{ $element }> 出现时，第 { $from } 行开始的 <{ $inner }> 仍未结束
detail-ofx-close-first = 先出现 </{ $inner }>

## JSON：智能体日志与服务商 API

detail-json-invalid = 文本不是有效的 JSON（{ $error }）
detail-json-ends-early = JSON 提前结束（{ $error }）：文件看起来被截断了
detail-json-data = JSON 内容有误：{ $error }
detail-json-file-too-large = 文件大于 { $max } MB
detail-json-line-too-long = 此行长于 { $max } MiB
detail-json-line-not-whole = 此行不是完整的 JSON（{ $problem }）
detail-not-utf8 = 文本不是有效的 UTF-8
detail-no-line = 文件中没有任何行
detail-json-object-per-line = 每行一个 JSON 对象
detail-json-field-is = { $field } 的值为 { $found }
detail-json-field-missing = 缺少 { $field }
detail-json-has-neither = { $field } 中既没有 { $a } 也没有 { $b }
detail-json-not-object = 不是对象的 JSON 值
detail-json-no-type = 没有 "type" 的 JSON 对象
detail-json-a-value = JSON 值 { $found }
detail-json-is = 值为 { $found }
detail-json-not-a-time = { $field } 的值 { $found } 不是日期；应为 Unix 秒数（1743465600）或 UTC 的 ISO 8601 时间（2025-04-01T00:00:00Z）
detail-token-count = token 数（0 或更大的整数）
detail-admin-pages = API 返回的 Admin API 页面（最多几 MB）
detail-admin-page = JSON 格式的 Admin API 页面（{"{"}"data":[…],"has_more":…{"}"}）
detail-openai-page = OpenAI Admin API 页面：{"{"}"object":"page","data":[buckets]{"}"}
detail-openai-bucket = 时间段（bucket）：{"{"}"object":"bucket","start_time":…,"end_time":…,"results":[…]{"}"}
detail-openai-result = /v1/organization/costs 或 /usage 的结果对象
detail-anthropic-page = Anthropic Admin API 报告：{"{"}"data":[buckets],"has_more":…{"}"}
detail-anthropic-bucket = 时间段（bucket）：{"{"}"starting_at":…,"ending_at":…,"results":[…]{"}"}
detail-anthropic-result = cost_report 或 usage_report/messages 的结果对象
detail-claude-expected = 每行一个 JSON 对象，即 Claude Code 写会话日志的方式
detail-claude-usage-unreadable = 无法读取这条消息的用量：{ $what }
detail-claude-time = 消息的 UTC 时间（2026-11-20T09:14:09.871Z）
detail-claude-whole-line = 每行一个完整的 JSON 对象，即 Claude Code 的写法
detail-claude-entry = Claude Code 日志条目（{"{"}"type":"assistant","message":…{"}"}）
detail-claude-token-object = 由 token 数组成的对象（{"{"}"input_tokens":…,"output_tokens":…{"}"}）
detail-claude-no-tokens = message.usage 中既没有 input_tokens 也没有 output_tokens
detail-claude-token-counts = Claude Code 写入的 token 数（{"{"}"input_tokens":…,"output_tokens":…{"}"}）
detail-claude-cost = 以美元计的费用（0.00164）
detail-codex-expected = 每行一个 JSON 对象，即 Codex 写会话日志的方式
detail-codex-tokens-unreadable = 无法读取 token 数：{ $what }
detail-codex-token-counts = Codex 的 token 数（{"{"}"input_tokens":…,"output_tokens":…{"}"}，0 或更大的整数）
detail-codex-not-entry = 不是 Codex 日志条目的 JSON 值
detail-codex-entry = Codex 日志条目（{"{"}"timestamp":…,"type":…,"payload":{"{"}…{"}"}{"}"}）
detail-gemini-expected = Gemini CLI 会话（{"{"}"sessionId":…,"projectHash":…,"messages":[…]{"}"}，或每行一条这样的记录）
detail-gemini-tokens-unreadable = 无法读取这条回复的 token 数：{ $what }
detail-gemini-token-counts = Gemini CLI 的 token 数（{"{"}"input":…,"output":…{"}"}，0 或更大的整数）
detail-gemini-not-record = 不是会话记录的 JSON 对象
detail-openrouter-expected = OpenRouter API 返回的生成记录或每日活动（{"{"}"data": [...]{"}"}）
detail-openrouter-item = data[{ $index }]：{ $what }

## 电子表格与 CSV

detail-wechat-xlsx-expected = 微信支付导出的完整 .xlsx 账单（请重新下载）
detail-xlsx-too-large = 工作簿大于 { $max } MiB
detail-xlsx-not-zip = 文件不是 XLSX 工作簿（开头不是 ZIP 压缩包）
detail-xlsx-unopenable = 无法打开 XLSX 工作簿（{ $error }）
detail-xlsx-refused = 拒绝读取此工作簿：{ $error }
detail-xlsx-sheet-unreadable = 无法读取工作表“{ $sheet }”（{ $error }）
detail-cmb-no-period = 表头在第 { $line } 行，其上方没有账单周期
detail-cmb-period-expected = 表头之前的账单周期行，例如“招商银行信用卡对账单（个人消费卡账户 2026年01月）”
detail-csv-no-column = 表头中没有“{ $column }”列
detail-csv-mapped-columns = 映射中指定的列（{ $columns }）；请修改 --map 或文件
detail-csv-mapped-columns-or-line = 映射中指定的列（{ $columns }）；请修改 --map 或文件，或用 --header-line N 指明表头所在行
detail-csv-header-line = 文件表头所在的行（--header-line N）
detail-csv-ends-before = 文件在第 { $line } 行之前就结束了
detail-csv-no-header-row = 第 { $line } 行不是表头（是空行，或位于带引号的单元格内）
detail-header-line-unmapped = 给出了 --header-line，但没有映射能读取此文件
detail-header-line-with-map = --header-line 须与 --map 一起使用（或用于已保存映射配置认识其表头的文件）；内置格式会自行找到表头
detail-utf16 = UTF-16 文件
detail-skip-bad-rows-utf8 = 使用 --skip-bad-rows 时应为 UTF-8（或其他单字节编码）的 CSV；请另存为 UTF-8，或不带此选项导入
detail-too-many-rejects = 超过 { $max } 行无法读取（最后一行：{ $last }）
detail-mostly-readable = 大部分行都可读取的文件；请确认这是你要导入的导出文件

## 邮件收据

detail-receipt-amount = 收据金额 { $amount }
detail-ledger-amount = 账本能容纳的金额

## 某列应有的内容（import-bad-date-described、import-unexpected-value）

detail-expect-date = { $pattern } 格式的日期
detail-expect-ofx-date = OFX 日期，例如 20260301、20260301120000 或 20260301120000.000[-5:EST]（时区偏移在 -12 到 +14 之间）
detail-expect-provider-time = Unix 秒数（1743465600）或 UTC 的 ISO 8601 时间（2025-04-01T00:00:00Z）
detail-expect-token-count = token 数或请求数的整数，例如 7852
detail-expect-cursor-cost = 以美元计的费用（$0.42），或表示不收费的词（Included、Free、Errored、No Charge）
detail-expect-sign = spending-negative（默认，支出为负）或 spending-positive（支出为正）
detail-expect-one-of-two = { $debit } 有金额时 { $credit } 应为空（每行只填其中一个）
detail-expect-values = { $init } 或 { $last }
detail-expect-text = “{ $text }”所述的值

## --skip-bad-rows 留下的行，其原因在改为消息之前保存

import-reject-plain = { $text }（旧记录，只保存了英文原文）
import-reject-log-not-json = 不是 JSON：{ $problem }
import-reject-log-not-entry = 不是该日志的条目：{ $found }
import-reject-log-line-over = 这一行超过 { $max } MiB，未读取（多半是某个工具的输出）
import-reject-log-at-line = 第 { $line } 行：{ $reason }
