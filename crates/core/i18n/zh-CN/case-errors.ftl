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
case-error-write-file = 无法写入 { $path }：{ $detail }
case-error-attachment-changed = { $path }：附件保存的副本丢失或已更改（应有 SHA-256 { $sha }）；请重新附加该文件
case-error-not-a-pack = { $path }：不是证据包：{ $detail }；应为由 `aispend case export` 生成的 ZIP
case-error-zip = 无法写入证据包
case-error-corrupt = 案例数据已损坏：{ $detail }

# What `case verify` found wrong with an evidence pack.
case-verify-failed = { $path } 校验未通过：{ "\u000A" }  { $problems }
case-verify-and = { $first }；{ "\u000A" }  { $next }
case-verify-none = 未指出具体问题
case-verify-mismatch = { $path }：SHA-256 为 { $actual }，但 { $manifest } 记录的是 { $expected }：文件已被改动
case-verify-missing = { $path }：已列在 { $manifest } 中，但证据包里没有
case-verify-missing-layout = { $path }：{ $layout }要求有这个文件，但证据包里没有
case-verify-bagit-layout = BagIt 结构
case-verify-pack-layout = 证据包结构
case-verify-extra = { $path }：在证据包里，但没有任何清单列出它
case-verify-bad-manifest = { $manifest }：{ $problem }
case-verify-bad-line = “{ $line }”不是“<sha256>  <path>”格式
case-verify-bad-json = 不是有效的 JSON（{ $detail }）
case-verify-bad-entry = 有一项缺少 path 和 sha256：{ $entry }
