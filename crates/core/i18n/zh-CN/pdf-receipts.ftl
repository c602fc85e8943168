# 收据 PDF（议题 #19）：PDF 为何没有可读文字，以及导入时的提示。

pdf-skip-not-pdf = 不是 PDF 文件
pdf-skip-too-large = PDF 大小为 { $size_mib } MiB，超过可读取的上限 { $max_mib } MiB
pdf-skip-unreadable = 无法读取的 PDF（{ $why }）
pdf-skip-no-text-layer = 该 PDF 没有文字层（可能是扫描图片）：没有可读的文字，这里也不做 OCR；请用 `receipt attach` 手动把它附到对应的交易上
pdf-skipped = 已跳过 PDF { $what }：{ $why }
