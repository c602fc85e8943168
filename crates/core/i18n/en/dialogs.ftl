# The desktop app's file dialogs: titles and what their file filter is called.

dialog-import-title = Choose statements and exports to import
dialog-import-kinds = Statements, exports and receipts (e-mail, PDF)
dialog-evidence-title = Add screenshots, receipts or statements to the case
dialog-evidence-kinds = Screenshots, receipts, statements
dialog-pack-title = Save the evidence pack
dialog-pack-kinds = ZIP evidence pack
dialog-receipts-title = Attach receipts to the line
dialog-receipts-kinds = Receipts
dialog-reimbursement-title = Save the reimbursement report
dialog-reimbursement-kinds = { $format } report
dialog-backup-title = Back up the ledger
dialog-restore-title = Restore the ledger from a backup
dialog-ledger-kinds = SQLite ledger
