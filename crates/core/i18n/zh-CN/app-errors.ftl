# Errors of the ledger file, the stores and the forms that had no message
# of their own: every error kind of the app's error table has one.

apperr-newer-ledger-unnamed = 这个账本由更新版本的 AI Spend 写入（架构版本 { $found }，本版本最高支持 { $supported }）；请先更新 AI Spend 再打开
apperr-ledger-create-dir = 无法创建账本所在的文件夹 { $path }：{ $detail }
apperr-ledger-migration = 第 { $version } 号架构迁移失败：{ $detail }
apperr-ledger-backup = 无法把账本备份到 { $path }：{ $detail }
apperr-ledger-corrupt = 账本里有本版本无法读取的值：{ $detail }
apperr-not-a-backup = { $path } 不是 AI Spend 的账本备份（{ $detail }）；请选择由“备份账本”生成的文件
apperr-ledger-no-file = 账本只在内存中，没有可以恢复到的文件
apperr-ledger-sqlite = 无法读取或写入账本文件：{ $detail }
apperr-classify-read-catalog = 无法读取商户目录 { $path }：{ $detail }
apperr-classify-bad-catalog = { $name } 不是有效的商户目录：{ $detail }
apperr-classify-unknown-class = 未知的类别 { $found }；应为 ai-subscription、ai-api、everyday 或 transfer
apperr-classify-bad-regex = 正则表达式 { $pattern } 无效或过于复杂：{ $detail }
apperr-classify-bad-rule = 规则无效：{ $detail }
apperr-unknown-provider = 未知的服务商 { $found }；应为 openai、anthropic、google、cursor、github 或 openrouter
apperr-reimb-bad-tag = 标签 { $tag } 不能使用：{ $detail }
apperr-reimb-read-receipt = 无法读取票据 { $path }：{ $detail }
apperr-reimb-not-a-file = { $path } 不是文件；请附上一个票据文件（PDF、图片等）
apperr-reimb-too-large = { $path } 有 { $size } 字节；票据最大为 64 MiB
apperr-reimb-store-receipt = 无法保存票据副本 { $path }：{ $detail }
apperr-reimb-damaged = 已保存的票据 { $path } 丢失或被改动（其 SHA-256 不是 { $sha256 }）；请重新附上该文件
apperr-reimb-no-such-receipt = 没有编号为 { $id } 的票据；用 `aispend receipt list TXN_ID` 可列出某一笔的票据
apperr-reimb-in-memory = 票据需要账本文件；内存中的账本没有存放票据的文件夹
apperr-backwards-flags = 时间段前后颠倒：--from { $from } 晚于 --to { $to }
apperr-reimb-output-kind = { $path } 不是报告文件名；请以 .csv 或 .pdf 结尾
apperr-reimb-bad-rate = 汇率 { $found } 不是“币种=汇率”的形式（汇率须为正数），例如 EUR=1.08
apperr-write = 无法写入 { $path }：{ $detail }
apperr-reimb-zip = 无法写入票据 ZIP：{ $detail }
apperr-reimb-pdf = 无法排版 PDF：{ $detail }
apperr-reimb-encode = 无法写入报告：{ $detail }
apperr-export-encode = 无法编码导出内容：{ $detail }
apperr-payment-not-positive = 金额 { $amount } 不是一笔付款；应为正数，例如 20.00
apperr-payment-too-large = 金额 { $amount } 太大，无法记录
apperr-payment-bad-last4 = 卡号后四位 { $found } 不是四位数字；应为卡号的最后四位，例如 4242
apperr-usage-period = 开始日期（{ $from }）晚于结束日期（{ $to }）
apperr-usage-month = { $found } 不是月份（YYYY-MM）
apperr-pricing-read = 无法读取价格表 { $path }：{ $detail }
apperr-pricing-invalid = 价格表 { $name } 有误：{ $detail }
apperr-no-such-budget = 没有编号为 { $id } 的预算；用 `aispend budget list` 可列出全部预算
apperr-no-such-alert = 当前没有提醒 { $id }；用 `aispend alerts --all` 可列出全部提醒
apperr-sync-import = 从 { $path } 同步的记录无法导入：{ $detail }
