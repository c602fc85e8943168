# 证据包的摘要（summary.md、summary.html）和时间线（timeline.csv），
# 使用证据包读者的语言。

case-pack-other-id = 其他：{ $id }
case-pack-title = 充值案件 { $id }：{ $title }
case-pack-utc-local = { $utc }（当地时间 { $local }）

case-pack-section-case = 案件
case-pack-section-diagnosis = 诊断
case-pack-section-facts = 事实
case-pack-section-rows = 关联的账本记录
case-pack-section-attachments = 附件
case-pack-section-notes = 备注
case-pack-section-about = 关于本证据包

case-pack-number = 案件编号：{ $id }
case-pack-provider = 服务商：{ $provider }
case-pack-status = 状态：{ $status }
case-pack-status-open = 处理中
case-pack-status-closed = 已结案
case-pack-opened = 开立时间：{ $when }
case-pack-last-change = 最后修改：{ $when }
case-pack-times = 时间均为 UTC；当地时间按 { $zone } 换算，即开立案件时所用的时区偏移。

case-pack-no-diagnosis = 此案件尚未做过诊断。
case-pack-computed = 诊断时间：{ $when }
case-pack-stale = 注意：这次诊断之后事实有变动，请重新诊断以更新结果。
case-pack-most-likely = 最可能的原因：{ $title }（{ $code }，可信度 { $confidence }/100）。{ $explanation }
case-pack-also-possible = 也可能是：{ $title }（{ $code }，{ $confidence }/100）。{ $explanation }
case-pack-no-cause = 目前的事实还不能指向任何原因。
case-pack-first-contact = 首先联系：{ $contact }（{ $code }）
case-pack-do-not = 暂时不要：{ $list }
case-pack-next-steps = 下一步：
case-pack-open-questions = 尚待回答的问题：
case-pack-question = { $question }（{ $fact }）

case-pack-col-fact = 事实
case-pack-col-value = 值
case-pack-col-source = 来源
case-pack-col-ledger-rows = 账本记录
case-pack-col-answered = 回答时间（UTC）
case-pack-source-you = 用户本人
case-pack-source-ledger = 账本
case-pack-source-clock = 系统时钟
case-pack-conflict = { $fact } 的回答是 { $answer }，但账本显示为 { $ledger }（记录 { $rows }）；以回答为准。
case-pack-detail = { $label }：{ $values }
case-pack-card-ending = 卡号后四位
case-pack-receipt-number = 收据编号
case-pack-invoice-number = 发票编号
case-pack-organization = 组织

case-pack-no-rows = 没有关联的账本记录。
case-pack-card-lines = 银行卡账单记录（日期为账单上的当地日期）：
case-pack-payment-records = { $provider } 付款记录：
case-pack-col-id = 编号
case-pack-col-date = 日期
case-pack-col-description = 摘要
case-pack-col-amount = 金额
case-pack-col-status = 状态
case-pack-col-account = 账户
case-pack-col-kind = 类型
case-pack-col-invoice = 发票
case-pack-col-receipt = 收据
case-pack-col-organization = 组织
case-pack-col-card = 卡
case-pack-import-undone = （其导入已撤销；重新导入账单后会恢复）
case-pack-removed = （已删除）

case-pack-no-attachments = 没有附件。
case-pack-col-file = 包内文件
case-pack-col-original-name = 原文件名
case-pack-col-captured = 添加时间（UTC）
case-pack-col-original-sha = 原文件的 SHA-256
case-pack-col-stored-sha = 存档副本的 SHA-256
case-pack-col-metadata = 图片元数据
case-pack-metadata-removed = 已去除
case-pack-metadata-kept = 原样保留（不是 JPEG 或 PNG）
case-pack-not-an-image = 不是图片

case-pack-no-notes = 没有备注。
case-pack-note = { $when }：{ $text }

case-pack-about-cards = 卡号只保留后四位，API 密钥已删除。
case-pack-about-emails-kept = 电子邮件地址按原样显示。
case-pack-about-emails-masked = 电子邮件地址已部分遮盖。
case-pack-about-images = 图片附件存档时已去除元数据（EXIF、GPS 位置、文字说明）；上表列出了两个哈希值。
case-pack-about-text = 文本附件（CSV、TXT、JSON）在包内以同样方式脱敏；manifest.json 注明了哪些文件有改动。
case-pack-about-manifests = manifest-sha256.txt（BagIt）和 manifest.json 列出了每个文件的 SHA-256；可用 `aispend case verify PACK.zip` 校验。
case-pack-about-language = 本摘要和 timeline.csv 使用{ $language }，供首先联系的一方阅读；message.txt 是要发给对方的消息。
case-pack-about-beside = 同一份摘要的{ $language }版：{ $md } 和 { $html }。
case-pack-about-message-check = 消息的{ $language }版，供您核对内容：{ $file }。
case-pack-lang-en = 英文
case-pack-lang-zh-cn = 简体中文

case-timeline-col-utc = UTC 时间
case-timeline-col-local = 当地时间
case-timeline-col-event = 事件
case-timeline-col-detail = 详情
case-timeline-opened = 开立案件
case-timeline-opened-detail = { $title }（{ $provider }）
case-timeline-answer = 回答
case-timeline-ledger-fact = 账本事实
case-timeline-value = { $fact }：{ $value }
case-timeline-value-rows = { $fact }：{ $value }（账本记录 { $rows }）
case-timeline-no-longer-shown = { $fact }：关联记录已不再显示此项
case-timeline-unknown = { $fact }：未知
case-timeline-linked = 关联
case-timeline-unlinked = 取消关联
case-timeline-card-line = 银行卡记录 { $id }：{ $date } { $description } { $amount }（{ $status }）
case-timeline-card-line-undone = 银行卡记录 { $id }（其导入已撤销）
case-timeline-payment = 付款记录 { $id }：{ $date } { $kind } { $amount }（{ $status }）
case-timeline-payment-removed = 付款记录 { $id }（已删除）
case-timeline-note = 备注
case-timeline-attached = 添加附件
case-timeline-attached-removed = { $name }，包内为 { $path }（SHA-256 { $sha }；元数据已去除）
case-timeline-attached-kept = { $name }，包内为 { $path }（SHA-256 { $sha }；元数据保留）
case-timeline-diagnosis-event = 诊断
case-timeline-diagnosis = { $code }（{ $confidence }/100）；首先联系：{ $contact }
case-timeline-diagnosis-plain = { $code }；首先联系：{ $contact }
case-timeline-diagnosis-none = 尚无原因；首先联系：{ $contact }
