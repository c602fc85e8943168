# 充值案例中起草给首要联系人的消息。
#
# 参数：$provider 服务商名称；$amount 如 “10.00 USD” 或 “none”；
# $paid 为 case-when 渲染的时间，或 “none”。

case-when = { $utc } UTC（当地时间 { $local }）
case-purchase = 购买：{ $provider } API 额度，金额{ $amount ->
        [none] 尚未填写
       *[other] {" "}{ $amount }
    }{ $paid ->
        [none] {""}
       *[other] ，付款时间 { $paid }
    }。
case-card-last4 = 所用银行卡：尾号 { $last4 } 的{ $kind ->
        [none] 银行卡
       *[other] { $kind }
    }。
case-card-kind = 所用银行卡：{ $kind }。
case-org-bought = 购买额度时所选的组织：{ $org }。
case-org-key = 所用 API 密钥所属的组织：{ $org }。
case-project-bought = 购买时所选的项目：{ $project }。
case-project-key = API 密钥所属的项目：{ $project }。
case-receipt-number = 收据号：{ $numbers }。
case-invoice-number = 发票号：{ $numbers }。
case-card-line = 银行卡账单记录：{ $date }“{ $description }”{ $amount }（{ $status ->
        [posted] 已入账
        [pending] 待处理
        [reverted] 已撤销
       *[other] { $status }
    }）。
case-payment-record = { $provider } 付款记录：{ $kind } { $amount }，日期 { $date }（{ $status }）。

## 用户已经核实过的内容。

case-checked-bank = { $status ->
        [none] 我的银行没有显示这笔购买的扣款。
        [pending] 我的银行显示这笔扣款为待处理（冻结）。
        [settled] 我的银行显示这笔扣款已入账。
        [declined] 我的银行显示这笔扣款被拒绝。
        [reversed] 我的银行显示这笔扣款已撤销。
       *[other] 我的银行显示这笔扣款的状态为 { $status }。
    }
case-checked-record = { $status ->
        [none] { $provider } 账单页面的付款记录中没有这笔付款。
        [succeeded] { $provider } 账单页面的付款记录显示这笔付款成功。
        [failed] { $provider } 账单页面的付款记录显示这笔付款失败。
       *[other] { $provider } 账单页面的付款记录显示这笔付款的状态为 { $status }。
    }
case-checked-payment-error = 付款页面显示了错误（{ $error }）。
case-checked-balance-both = 付款前额度余额为 { $before }，现在显示 { $after }。
case-checked-balance-now = 现在额度余额显示 { $after }。
case-checked-balance-before = 付款前额度余额为 { $before }。
case-checked-orgs-same = 我核对了组织：额度和我的 API 密钥都属于 { $org }。
case-checked-orgs-differ = 我核对了组织：额度充到了 { $topup }，而我的 API 密钥属于 { $key }。
case-checked-billing-yes = 我可以打开该组织的账单页面。
case-checked-billing-no = 我自己无法打开该组织的账单页面。
case-checked-auto-recharge = 我检查了自动充值设置。
case-checked-api-error = API 现在返回{ $error ->
        [none] 一个错误
       *[other] { $error }
    }。
case-checked-used-yes = 付款之后 API 还正常用了一段时间。
case-checked-used-no = 付款之后 API 一直无法使用。
case-checked-charges = 这一次购买我看到了 { $n } 笔银行卡扣款。
case-checked-not-mine = 这笔购买不是我本人操作的。
case-checked-api-key-billed = 我的用量被记在了 API 密钥上，尽管我的套餐涵盖该工具。
case-checked-not-paid-again = 我没有再次付款。
case-checked-no-chargeback = 我没有发起争议或拒付。

## 信件。

case-to = 收件人：{ $to }
case-subject = 主题：{ $subject }
case-hello = 您好：
case-purchase-title = 这笔购买：
case-checked-title = 我已经核实过的情况：
case-attach = 随信附上一份证据包，其中包括摘要、按 UTC 和当地时间排列的时间线、{ $files ->
        [0] {""}
       *[other] { $files } 个证明文件，
    }以及其中每个文件的 SHA-256 哈希值。
case-thanks = 谢谢！
case-your-name = 【您的姓名】
case-to-support = { $provider } 客服
case-to-bank = 我的发卡银行
case-to-owner = 我们组织的所有者
case-to-your-bank = 您的银行
case-subject-support = 购买的 API 额度{ $amount ->
        [none] {""}
       *[other] （{ $amount }）
    }未到账
case-subject-bank = 向 { $provider } 的银行卡付款{ $amount ->
        [none] {""}
       *[other] （{ $amount }）
    }
case-subject-owner = { $provider } API 额度{ $amount ->
        [none] {""}
       *[other] （{ $amount }）
    }：请检查组织的账单
case-subject-unauthorized = 一笔不是我本人操作的额度购买{ $amount ->
        [none] {""}
       *[other] （{ $amount }）
    }
case-open-support-paid = 我购买了 { $provider } API 额度，付款已经成功，但额度没有到账。
case-open-support-waiting = 我购买了 { $provider } API 额度，但额度没有到账。
case-open-bank-duplicate = 我在 { $provider } 只购买了一次 API 额度，但我的银行卡被扣了不止一次款。
case-open-bank-payment = 我想咨询一笔向 { $provider } 购买 API 额度的银行卡付款，这笔付款没有按预期完成。
case-open-owner = 我为我们的组织购买（或尝试购买）了 { $provider } API 额度，但我的 API 密钥看不到这些额度，而没有所有者权限我无法自行处理。
case-open-unauthorized-provider = 我的账户上出现了一笔不是我本人操作的 { $provider } API 额度购买。
case-open-unauthorized-bank = 我的银行卡被 { $provider } 扣了一笔不是我本人操作的款项。
case-ask-support = 请核查这笔付款，并把额度加到正确的组织，或告诉我额度去了哪里。
case-ask-owner = 请在账单页面确认这些额度是否在我的 API 密钥所属的组织和项目中，并把我的密钥移过去，或给我开通账单权限。
case-ask-unauthorized-provider = 请阻止后续扣款，告诉我这笔购买来自哪个组织和密钥，并退款。我现在正在更换 API 密钥和密码。
case-ask-unauthorized-bank = 请在我的卡上阻止该商户的后续扣款，并告诉我如何对这笔扣款提出争议。
case-ask-bank-hold = 请告诉我这是否只是 { $provider } 从未完成的预授权冻结，以及何时会解冻或入账。
case-ask-bank-3ds = 银行卡验证（3-D Secure）没有完成。请告诉我原因，以及我需要怎么做才能让向 { $provider } 的付款通过验证。
case-ask-bank-declined = 请告诉我这笔付款为什么被拒绝；如果是我卡上的某条规则拦下了它，请开通向 { $provider } 的网上和境外支付。
case-ask-bank-duplicate = 一次购买我看到了不止一笔扣款。请告诉我这些扣款是否都会入账，并撤销多出的那笔。
case-ask-bank-status = 请告诉我这笔付款在贵行那边的状态。
case-two-messages = 下面是两封信：一封给服务商，一封给银行。

## 信件前后给用户的说明。

case-reading = 应用对这些事实的判断：{ $explanation }
case-wait-note = 提示：暂时无需联系任何人：诊断认为这很可能还在处理中，请稍等一段时间再写信。
case-wait-below = 下面这封写给{ $to }的草稿，以备情况有变时使用。
case-none-note = 无需联系任何人：诊断认为您可以自己解决，所以没有需要发送的消息。
case-what-to-do = 该怎么做：
case-do-not = 暂时不要：{ $list }。
case-do-not-pay-again = 再次付款
case-do-not-chargeback = 发起拒付
case-check-title = 同一封信的中文版本，供您核对内容（请发送上面那封）：

# A case's title when the user gave none (stored as the message, so each
# reader sees it in their language).
case-title-topup = { $provider } 充值未到账
case-title-txn = { $date } 的 { $provider } { $amount } { $currency }
case-title-flag = { $date } 的 { $provider } { $amount } { $currency }：{ $what }
case-title-charged-not-credited = 已扣款，未到账
case-title-record-without-charge = 有付款记录，但卡上没有扣款
case-title-double-charge = 可能重复扣款
case-title-stale-pending = 预授权一直未结算
case-title-negative-balance-offset = 抵扣了负余额
