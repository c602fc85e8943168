# 案例（充值向导保存的案例）及其证据包的错误。

case-what-txn = 交易 { $id }
case-what-payment = 付款记录 { $id }
case-what-other = 对象“{ $what }”
case-error-no-such-case = 没有案例 { $id }；`aispend case list` 会列出所有案例
case-error-not-linked = 案例 { $case } 没有关联{ $what }；`aispend case show { $case }` 会列出它的关联
case-error-already-linked = { $what }已关联到案例 { $case }
case-error-empty-note = 备注是空的；请输入备注内容
case-error-closed = 案例 { $id } 已关闭；要修改请先重新打开（`aispend case reopen { $id }`）
case-error-bad-offset = UTC 偏移“{ $found }”无效；应为 +HH:MM 或 -HH:MM，例如 +08:00 或 -05:00
case-error-no-data-folder = 此账本只在内存中；附件保存在账本文件旁边
case-error-read-file = { $path }：无法读取文件：{ $detail }
case-error-bad-image = { $path }：{ $detail }；应为能在看图软件中打开的 JPEG 或 PNG 图片
case-error-write-file = 无法写入 { $path }
case-error-attachment-changed = { $path }：附件保存的副本丢失或已更改（应有 SHA-256 { $sha }）；请重新附加该文件
case-error-not-a-pack = { $path }：不是证据包：{ $detail }；应为由 `aispend case export` 生成的 ZIP
case-error-zip = 无法写入证据包
case-error-corrupt = 案例数据已损坏：{ $detail }
