# 看起来像收据、却没有记为付款的邮件或 PDF，以及原因（邮件导入）。

receipt-why-look-alike = 内容像是 { $who } 的收据，但发件域名是 { $domain }，商家表中 { $who } 没有这个域名（可能是仿冒发件人）：未记为付款
receipt-why-no-sender = 内容像是 { $who } 的收据，但没有发件人，无法与商家表核对（可能是仿冒发件人）：未记为付款
receipt-why-unknown-merchant = 来自 { $name } 的收据，商家表中没有这个商家
receipt-why-no-layout = 不是程序认识的收据格式（Stripe、GitHub、Apple、Google Play）
receipt-why-pdf-no-layout = PDF 的文字不是程序认识的收据格式（Stripe、GitHub、Apple、Google Play）
receipt-why-in-pdf = 附件 PDF { $name }：{ $why }
receipt-why-no-date = 没有付款日期，邮件也没有 Date: 头
receipt-why-stripe-no-amount = Stripe 收据中没有实付金额
receipt-why-github-no-total = GitHub 收据中没有总额
receipt-why-store-no-total = 应用商店收据中没有总额
receipt-why-store-no-item = 应用商店收据中找不到任何购买项目
receipt-why-unknown-app = { $store } 收据，购买的是 { $apps }：商家表中没有这个应用
