# Why a receipt-like mail or PDF was not recorded as a payment (mail import).

receipt-why-look-alike = it reads as a receipt from { $who }, but comes from { $domain }, a domain the vendor table does not list for { $who } (a look-alike sender?): not recorded as a payment
receipt-why-no-sender = it reads as a receipt from { $who }, but has no sender to check against the vendor table (a look-alike sender?): not recorded as a payment
receipt-why-unknown-merchant = a receipt from { $name }, a merchant the vendor table does not know
receipt-why-no-layout = no receipt layout the reader knows (Stripe, GitHub, Apple, Google Play)
receipt-why-pdf-no-layout = a PDF whose text is no receipt layout the reader knows (Stripe, GitHub, Apple, Google Play)
receipt-why-in-pdf = its PDF { $name }: { $why }
receipt-why-no-date = no date paid and no Date: header
receipt-why-stripe-no-amount = a Stripe receipt without an amount paid
receipt-why-github-no-total = a GitHub receipt without a total
receipt-why-store-no-total = a store receipt without a total
receipt-why-store-no-item = a store receipt with no item the reader could find
receipt-why-unknown-app = a { $store } receipt for { $apps }: an app the vendor table does not know
