# 邮件收据（issue #19）：与银行卡扣款匹配时的提示。

import-notice-app-store-charge = { $count ->
        [one] 应用商店扣款：导入收据即可识别（{ $lines }）
       *[other] { $count } 笔应用商店扣款：导入对应收据即可识别（{ $lines }）
    }
import-notice-double-payment = { $plans }：重复付款（应用商店与直接付款，或用了两张卡）
