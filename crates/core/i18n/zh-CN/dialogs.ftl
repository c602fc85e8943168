# 桌面应用的文件对话框：标题和文件筛选器的名称。

dialog-import-title = 选择要导入的账单和导出文件
dialog-import-kinds = 账单、导出文件和收据（邮件、PDF）
dialog-evidence-title = 为此案例添加截图、收据或账单
dialog-evidence-kinds = 截图、收据、账单
dialog-pack-title = 保存证据包
dialog-pack-kinds = ZIP 证据包
dialog-receipts-title = 为此笔交易添加收据
dialog-receipts-kinds = 收据
dialog-reimbursement-title = 保存报销报告
dialog-reimbursement-kinds = { $format } 报告
dialog-backup-title = 备份账本
dialog-restore-title = 从备份恢复账本
dialog-ledger-kinds = SQLite 账本
