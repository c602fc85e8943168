# 命令行自己的标签（供人阅读的输出；--json 保持与语言无关）。

cli-import-summary = { $file }（{ $format }，账户“{ $account }”，{ $what }）：新增 { $added } 笔，重复 { $duplicates } 笔，拒绝 { $rejected } 笔
cli-import-batch = 批次 { $id }
cli-import-dry-run = 试运行，未写入任何内容
cli-left-out = 未导入：{ $reason }
cli-left-out-line = 未导入第 { $line } 行：{ $reason }
cli-receipts = 收据：识别 { $recognised } 封，与卡片账目匹配 { $matched } 封，尚未匹配 { $unmatched } 封，跳过其他邮件 { $skipped } 封
cli-unrecognised-receipt = 未识别（第 { $line } 行）：{ $sender }“{ $subject }”：{ $reason }
cli-note = 提示：{ $note }
cli-pending-links = { $count } 笔待入账的账目现在可能已有对应的入账记录：请用 `aispend links` 查看
cli-files-before-imported = aispend：{ $file } 之前的文件已导入；此文件的内容一条也没有写入
