# Receipts from mail (issue #19): what matching them to card lines tells.

import-notice-app-store-charge = { $count ->
        [one] app store charge: import the receipt to identify it ({ $lines })
       *[other] { $count } app store charges: import their receipts to identify them ({ $lines })
    }
import-notice-double-payment = { $plans }: paid twice (app store and directly, or on two cards)
