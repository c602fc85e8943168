# 充值检查清单：诊断、建议与问题。
#
# 参数：$provider 服务商名称；$amount、$before、$after、$debt、$expected、
# $done、$limit 为金额（如 “10.00 USD”），未知时为 “none”；$error 为 API 错误；
# $ago 与 $ago_unit 表示付款距今多久（见 topup-ago）。

donot-pay-again = 再次付款：这笔充值的钱已经扣出或正在途中
donot-chargeback = 发起拒付（chargeback）：服务商或您的银行仍可能把问题解决

## 多久以前：$ago 为数字，$ago_unit 为 minute、hour、day、week。

topup-ago = { $ago_unit ->
        [hour] { $ago } 小时前
        [day] { $ago } 天前
        [week] { $ago } 周前
       *[minute] { $ago } 分钟前
    }
topup-duration = { $ago_unit ->
        [hour] { $ago } 小时
        [day] { $ago } 天
        [week] { $ago } 周
       *[minute] { $ago } 分钟
    }

## 每个诊断代码的标题。

topup-code-unauthorized-charge = 不是您本人的购买
topup-code-duplicate-charge-risk = 一次充值出现多笔扣款
topup-code-wrong-organization = 额度充到了别的组织或项目
topup-code-negative-balance-offset = 充值抵扣了之前的负余额
topup-code-balance-update-delay = 余额尚未更新
topup-code-bank-authorization-only = 只是银行冻结，并未真正付款
topup-code-payment-succeeded-not-credited = 已付款，但额度始终没有到账
topup-code-payment-3ds-failed = 银行卡验证（3-D Secure）失败
topup-code-card-declined = 银行卡被拒绝
topup-code-billing-address-mismatch = 账单地址与银行记录不符
topup-code-prepaid-card-not-supported = 预付卡无法购买额度
topup-code-unsupported-region = 购买地或发卡地不在支持范围内
topup-code-verification-page-blocked = 银行验证页面被浏览器拦截
topup-code-auto-recharge-limit-reached = 自动充值已达到每月上限
topup-code-billing-permission-missing = 您无权查看该组织的账单
topup-code-quota-exhausted = 额度或消费上限已用完
topup-code-not-billing-rate-limit = 是速率限制，不是账单问题
topup-code-not-billing-model-access = 没有模型访问权限，不是账单问题
topup-code-not-billing-invalid-key = API 密钥无效，不是账单问题
topup-code-accidental-api-billing = 费用记在了 API 密钥上，而不是您的订阅套餐

## 说明：这些事实为什么指向这个原因。

topup-why-unauthorized-charge = 您没有进行这笔{ $amount ->
        [none] {""}
       *[other] { $amount } 的
    }购买，因此应按盗刷处理，而不是充值未到账：今天就向 { $provider } 和您的发卡银行报告，并假定某个 API 密钥或您的登录信息可能已经泄露。
topup-why-duplicate-charge-risk = 您的银行卡为一次充值{ $amount ->
        [none] {""}
       *[other] （{ $amount }）
    }显示了 { $n } 笔扣款。{ $state ->
        [settled] 银行显示这笔扣款已入账，请让银行撤销多出的那笔；无论余额显示什么，问题都在这笔扣款上。
        [pending-old] 它们已经待处理了 { topup-duration }，超过了冻结通常持续的时间：请问银行哪一笔会被实际扣款，并让银行解冻多出的那笔。
        [pending] 它们仍是待处理状态：多出的那笔通常是重试时留下的冻结，会自行消失。
        [old] 按时间来看冻结早该解除了，请问银行是否实际扣了不止一笔。
       *[watch] 请留意是否有不止一笔最终入账。
    }再付一次只会再多一笔。
topup-why-wrong-organization = 额度是为组织 { $topup } 购买的，但您的 API 密钥属于 { $key }。额度只属于购买它的组织，所以这个密钥看不到：请改用 { $topup } 的密钥，或在 { $key } 中购买额度。
topup-why-wrong-project = 付款时您查看的是项目 { $topup }，但 API 密钥属于项目 { $key }。请检查密钥所属的项目及其限额，或在您想要的项目中创建密钥。
topup-why-negative-not-arrived = 这次购买之前，您的余额已经是 { $before }。等付款真正成功后，其中的前 { $debt } 会用来偿还这部分用量，所以余额的增加会少于您支付的金额。
topup-why-negative-exact = 您的余额从 { $before } 变为 { $after }，正好等于原余额加上您支付的 { $amount }：充值已全额到账，其中 { $debt } 偿还了之前的用量。
topup-why-negative-mismatch = 付款前您的余额是 { $before }，所以充值中有 { $debt } 用来偿还之前的用量；即便如此，{ $after } 也不等于原余额加付款应得的 { $expected }，说明还有别的原因。
topup-why-negative-before-only = 付款前您的余额是 { $before }。超出额度的用量会记为负余额，下一次购买会先还清它，所以这次充值{ $amount ->
        [none] {""}
       *[other] （{ $amount }）
    }中有 { $debt } 先用在了这里，之后才会显示为新的额度。
topup-why-update-delay-early = 您{ $ago_unit ->
        [none] {""}
       *[other] 在 { topup-ago }
    }付了款{ $amount ->
        [none] {""}
       *[other] （{ $amount }）
    }。新的购买可能需要几分钟才会体现在余额中，所以目前并没有出问题：请在大约 { $minutes } 分钟后刷新账单页面，再决定下一步。
topup-why-update-delay-late = 您{ $ago_unit ->
        [none] {""}
       *[other] 在 { topup-ago }
    }付了款{ $amount ->
        [none] {""}
       *[other] （{ $amount }）
    }，比余额正常更新所需的时间更久，但还不足以排除更新较慢的可能。请刷新账单页面，然后查看付款记录。
topup-why-bank-hold = 您的银行显示一笔待处理的扣款{ $amount ->
        [none] {""}
       *[other] （{ $amount }）
    }，但{ $record ->
        [none] { $provider } 的付款记录中没有这笔付款
        [failed] { $provider } 将这笔付款记录为失败
       *[unchecked] 您还没有查看 { $provider } 的付款记录
    }。待处理的记录只是冻结了这笔钱，并不是已完成的付款；在服务商确认付款之前不会增加额度。{ $hold ->
        [old] 这笔冻结已经超过通常的 { $days } 天左右，请向银行询问。
       *[young] 如果 { $provider } 那边始终没有付款记录，冻结通常会在大约 { $days } 天内解除；银行可以确认。
    }
topup-why-bank-settled-no-record = 您的银行显示这笔扣款{ $amount ->
        [none] {""}
       *[other] （{ $amount }）
    }已入账，但 { $provider } 在这个组织的付款记录中什么都没有。请查看您其他组织的付款记录；如果都没有，请问银行是哪个商户收走了这笔钱。
topup-why-paid-not-credited = { $provider } 的付款记录显示您{ $ago_unit ->
        [none] {""}
       *[other] 在 { topup-ago }
    }的付款{ $amount ->
        [none] {""}
       *[other] （{ $amount }）
    }已成功，但并没有带来额度。{ $before ->
        [none] {""}
       *[other] 余额从 { $before } 变为 { $after }。
    }如果组织一致，也没有负余额能解释这个差额，只有 { $provider } 客服能在他们的记录中追查：请把付款详情发给他们。{ $time ->
        [used] 不过，付款之后 API 确实还能用，这说明额度已经到账，并且之后被用掉了。
        [not-used-long-ago] 付款之后 API 一直无法使用，所以额度很可能从未到账。
        [long-ago] 不过时间已经这么久，更可能的情况是额度到账后已被用掉；请说明付款后 API 是否正常用过一段时间。
       *[none] {""}
    }
topup-why-3ds-failed = 付款停在了银行的安全验证（3-D Secure，验证码或 App 确认）这一步，所以没有买到额度。银行知道失败的原因：请在银行 App 中确认付款或请银行处理，然后再试一次，必要时换一个浏览器。
topup-why-international-blocked = 银行拒绝了这笔付款，因为这张卡不允许向境外或网上商户付款。请让银行开通境外网上支付，然后再试一次。
topup-why-card-declined = 银行卡被拒绝了。服务商通常不知道原因，但您的银行知道：请问银行是什么拦下了这笔付款（限额、境外商户规则、风控检查）。
topup-why-bank-declined = 银行显示这笔付款被拒绝，所以没有扣款，也没有买到额度。再试之前请先问银行原因。
topup-why-provider-failed = { $provider } 将这笔付款记录为失败，但看不到原因。服务商往往拿不到银行拒绝的原因；您的银行有，所以再试之前请先问银行。
topup-why-bank-reversed = 银行撤销了这笔扣款，所以购买没有完成，钱已经退回或正在退回。银行可以告诉您撤销的原因。
topup-why-address-mismatch = 您填写的账单地址或邮编与发卡银行的记录不一致，所以银行的核验没有通过。请完全按照银行记录的地址填写，再试一次。
topup-why-prepaid-refused = 付款页面以预付卡为由拒绝了这张卡。API 额度只能用普通信用卡或借记卡购买；用这张卡重试也会同样失败。
topup-why-prepaid-card = 您用的是预付卡，而 API 额度只卖给普通信用卡或借记卡。请改用这两种卡。
topup-why-virtual-card = 这笔付款在一张虚拟卡上失败了。有些虚拟卡实际上是预付卡，服务商不接受；请问这张卡的发卡方您的卡是否属于这种情况。
topup-why-region-payment = 这笔付款因为付款来源地或发卡地被拒绝。{ $provider } 只在其支持的国家和地区出售额度，也只接受这些地区发行的卡。
topup-why-region-api = API 返回 { $error }：它不为您当前所在的国家或地区提供服务，多充值也无法改变这一点。
topup-why-verification-blocked = 银行的验证窗口一直没有加载完成，这通常是 VPN、弹窗拦截或脚本拦截造成的。请关闭它们（或使用无痕窗口、换一个网络），再付一次。
topup-why-auto-recharge-limit = 自动充值本月已经充了 { $done }，每月上限为 { $limit }，所以下个月之前不会再充值。请提高上限，或手动购买额度（手动购买不计入这个上限）。
topup-why-billing-permission = 您无法打开这个组织的账单页面，所以看不到它的余额和付款记录；在别处看到的信息（用量、银行卡提醒）不能说明额度是否到账。组织的所有者可以查看，或给您开通权限。
topup-why-spend-limit = API 返回 { $error }：达到了组织或项目设置的消费上限。无论余额多少，这个上限都会拦下请求；需要由管理限额的人提高它。
topup-why-quota-landed-full = API 返回 { $error }：{ $reason ->
        [no-credit] 账户已没有可用额度
       *[org] 组织的可用额度已经用完
    }。这次充值{ $amount ->
        [none] {""}
       *[other] （{ $amount }）
    }确实已到账（余额增加了所付的金额），但现在剩下的额度不够发起请求。解决办法是再次购买额度；重试没有用。
topup-why-quota-landed-used = API 返回 { $error }：{ $reason ->
        [no-credit] 账户已没有可用额度
       *[org] 组织的可用额度已经用完
    }。{ $ago_unit ->
        [none] {""}
       *[other] { topup-ago }的
    }这次充值{ $amount ->
        [none] {""}
       *[other] （{ $amount }）
    }确实已到账，因为之后 API 一直可以使用，而且额度已经被用掉了。解决办法是再次购买额度；重试没有用。
topup-why-quota-presumed = API 返回 { $error }：{ $reason ->
        [no-credit] 账户已没有可用额度
       *[org] 组织的可用额度已经用完
    }。这次充值{ $amount ->
        [none] {""}
       *[other] （{ $amount }）
    }付款于{ $ago_unit ->
        [none] 之前
       *[other] { topup-ago }
    }：这么早完成的付款早已到账，很可能已经被用掉了。解决办法是再次购买额度；重试没有用。如果那次付款之后 API 从来没有正常工作过，请说明，因为那样的话额度可能从未到账。
topup-why-quota-unknown = API 返回 { $error }：{ $reason ->
        [no-credit] 账户已没有可用额度
       *[org] 组织的可用额度已经用完
    }。重试没有用；等额度到达密钥所属的组织后，这个错误就会消失。
topup-why-rate-limit = API 返回 { $error }：每分钟的请求数或 token 数过多。这是速率限制，不是额度不足；请放慢速度、按退避策略重试，或检查项目的速率限制。
topup-why-model-access = API 返回 { $error }：模型名称有误，或者这个密钥所属的项目不能使用该模型。额度不影响模型访问权限；请检查模型名称和项目允许的模型。
topup-why-invalid-key = API 返回 { $error }：API 密钥本身不被接受（输错、已撤销或属于另一个账户）。请修正代码发送的密钥；这与额度无关。
topup-why-accidental-api-billing = 您的用量被记在了 API 密钥上，而您同时还在为一个已涵盖该工具的 { $provider } 订阅套餐付费。工具一旦找到 API 密钥（例如在环境变量中），就会用它代替套餐登录，所以即使套餐本可以涵盖这些工作，API 额度还是被用掉了。请把密钥从工具的环境中移除，并用套餐账号登录。

## 首先联系谁，以及原因。

topup-contact-wait = 暂时无需联系：请稍等
topup-contact-issuing-bank = 您的发卡银行
topup-contact-openai-support = { $provider } 客服
topup-contact-org-owner = 您所在组织的所有者
topup-contact-provider-and-bank = 立即同时联系 { $provider } 和您的银行
topup-contact-none = 无需联系：您可以自己解决
topup-contact-hint-wait = 额度通常几分钟内就会到账。先刷新账单页面再说。
topup-contact-hint-issuing-bank = 只有银行能说明扣款为何被冻结、拒绝或重复。
topup-contact-hint-openai-support = 对方已经收到付款，只有他们能查到额度去了哪里。
topup-contact-hint-org-owner = 组织所有者可以查看账单，并在组织之间调整密钥或额度。
topup-contact-hint-provider-and-bank = 请银行阻止后续扣款，向服务商报告这笔购买，并更换 API 密钥。
topup-contact-hint-none = 按下面的步骤处理即可，不需要等待任何人。

## 下一步。

topup-step-no-cause = 请回答下面的问题；每回答一个，原因的范围就会缩小。
topup-step-wait-reload = 等大约 { $minutes } 分钟，然后刷新账单页面。
topup-step-check-org-selected = 确认当前选中的组织就是您付款的那个组织。
topup-step-check-payment-history = 在 { $provider } 的付款记录中查找这笔付款。
topup-step-ask-bank-hold = 问银行这条记录是冻结还是已完成的扣款。
topup-step-compare-balance = 在账单页面比较购买前后的余额。
topup-step-look-at-usage = 查看最近的用量，找出是什么让余额变成了负数。
topup-step-use-right-key = 使用持有这些额度的组织和项目中的 API 密钥。
topup-step-select-org-next-time = 或者下次购买前先选中密钥所属的组织。
topup-step-ask-owner-billing = 请组织所有者查看余额，或给您开通账单权限。
topup-step-ask-bank-why = 给银行打电话或打开银行 App，问这笔付款为什么被拒绝。
topup-step-retry-once = 等银行处理好后再试一次。
topup-step-fix-address = 完全按照发卡银行记录的账单地址填写，然后再试一次。
topup-step-standard-card = 使用普通信用卡或借记卡付款。
topup-step-check-regions = 查看 { $provider } 支持的国家和地区列表，核对您所在地和发卡地。
topup-step-unblock-page = 关闭 VPN、弹窗拦截和脚本拦截，或使用无痕窗口，然后付一次款。
topup-step-raise-auto-recharge = 提高每月自动充值上限，或手动购买额度。
topup-step-rate-limits = 检查项目的速率限制，并加入带退避的重试。
topup-step-model-name = 检查模型名称，以及密钥所属项目允许使用哪些模型。
topup-step-new-key = 在正确的项目中创建新密钥，并让代码改用它。
topup-step-owner-raise-limit = 请组织所有者提高组织或项目的消费上限。
topup-step-raise-limit = 在组织或项目的限额页面提高消费上限。
topup-step-owner-add-credit = 请组织所有者查看余额并充值。
topup-step-buy-credits-used = 在密钥所属组织的账单页面购买额度：之前的充值已经用完了。
topup-step-auto-recharge = 如果余额经常用完，请开启自动充值或提高每次充值的金额。
topup-step-open-billing = 打开密钥所属组织的账单页面，查看余额。
topup-step-add-credit = 如果余额为零或为负，请在那里充值；只是重试没有用。
topup-step-keep-evidence = 保留两条银行记录和付款记录作为证据。
topup-step-bank-reverse-extra = 请银行撤销多出的那笔扣款；不要为了弥补而再次购买。
topup-step-if-both-settle = 如果两笔扣款都入账了，请银行撤销多出的那笔。
topup-step-contact-support = 联系 { $provider } 客服，提供日期、金额、收据和银行卡后四位。
topup-step-report-charge = 向 { $provider } 报告这笔扣款（日期、金额、银行卡后四位）。
topup-step-call-issuer = 致电发卡银行，阻止后续扣款并对这笔扣款提出争议。
topup-step-rotate-keys = 更换所有 API 密钥，修改密码，并在所有设备上退出登录。
topup-step-remove-api-key = 从工具的环境中移除 API 密钥（例如 ANTHROPIC_API_KEY 或 OPENAI_API_KEY），改用您的套餐账号登录。
topup-step-check-key-usage = 在 API 用量页面查看这个密钥被计费了多少；如果不需要它，请撤销该密钥。

## 检查清单中的问题。

topup-q-provider = 这次充值是给哪个服务商的：OpenAI 还是 Anthropic？
topup-q-amount = 您想充值多少（按账单页面上的货币）？
topup-q-currency = 这次充值使用哪种货币？
topup-q-paid-at = 您是什么时候付款的（日期和时间）？
topup-q-now = 现在是什么时间？
topup-q-bank-status = 银行或信用卡 App 中这笔付款显示什么：没有记录、待处理、已入账、被拒绝还是已撤销？
topup-q-platform-payment-record = 服务商的付款记录里有这笔付款吗？显示成功还是失败？
topup-q-payment-error = 付款页面有没有显示错误？是哪一种？
topup-q-card-kind = 您用的是哪种卡：信用卡、借记卡、预付卡还是虚拟卡？
topup-q-balance-before = 付款前的额度余额是多少？
topup-q-balance-after = 现在的额度余额是多少？
topup-q-used-since-payment = 付款之后，API 是否正常用过一段时间（付款后有计费的调用）？
topup-q-topup-org = 购买额度时选中的是哪个组织？
topup-q-key-org = 您使用的 API 密钥属于哪个组织？
topup-q-topup-project = 购买额度时选中的是哪个项目？
topup-q-key-project = 这个 API 密钥属于哪个项目？
topup-q-can-view-billing = 您能打开该组织的账单页面吗？
topup-q-auto-recharge = 是否开启了自动充值？本月已经自动充值了多少，每月上限是多少？
topup-q-api-error = API 现在返回什么错误？请按原样粘贴。
topup-q-recognized-charge = 这笔购买是您本人操作的吗？
topup-q-charges-seen = 这一次充值，您看到了几笔银行卡扣款？
topup-q-api-key-billed = 这些用量是否记在了某个 API 密钥上，而您同时还在为涵盖该工具的套餐付费（Claude Pro 或 Max、ChatGPT Plus 或 Pro）？
topup-q-card-last4 = 银行卡的后四位是多少？
topup-q-receipt-number = 有收据号或发票号吗？

## 可选的答案。

topup-choice-provider-openai = OpenAI
topup-choice-provider-anthropic = Anthropic
topup-choice-bank-status-none = 什么都没有
topup-choice-bank-status-pending = 待处理（冻结）
topup-choice-bank-status-settled = 已入账（已扣款）
topup-choice-bank-status-declined = 被拒绝
topup-choice-bank-status-reversed = 已撤销或已解冻
topup-choice-record-succeeded = 有，显示成功
topup-choice-record-failed = 有，但显示失败
topup-choice-record-none = 没有这笔记录
topup-choice-error-none = 没有错误
topup-choice-error-3ds-failed = 3-D Secure 验证失败
topup-choice-error-authentication-required = 需要身份验证
topup-choice-error-card-declined = 卡被拒绝
topup-choice-error-international-blocked = 境外或网上支付被禁止
topup-choice-error-address-mismatch = 账单地址或邮编不符
topup-choice-error-prepaid-not-supported = 不支持预付卡
topup-choice-error-unsupported-region = 所在地区不受支持
topup-choice-error-verification-page-blocked = 银行验证页面没有打开
topup-choice-card-credit = 信用卡
topup-choice-card-debit = 借记卡
topup-choice-card-prepaid = 预付卡
topup-choice-card-virtual = 虚拟卡

## 命令行的充值诊断报告。

topup-cli-most-likely = 最可能的原因：{ $title }（{ $code }，置信度 { $confidence }/100）
topup-cli-no-cause = 目前的事实还不足以确定原因；下面的问题可以缩小范围。
topup-cli-also-possible = 其他可能：
topup-cli-first-contact = 首先联系：{ $contact }（{ $code }）
topup-cli-do-not = 暂时不要：
topup-cli-next-steps = 下一步：
topup-cli-questions = 可能改变这个结论的问题：
topup-cli-ledger-rows = 使用的账本记录：{ $rows }
topup-cli-conflict = 注意：您说 { $fact } 是 { $user }，账本显示为 { $ledger }；已采用您的回答。
topup-cli-clock = （时间按本机时钟判断。）
topup-cli-usage-after = 您导入的费用导出显示，从 { $from } 到 { $to } 共 { $days } 天有 { $amount } 的 API 用量：付款之后组织仍有额度可用。
topup-cli-finding = { $title }（{ $code }，{ $confidence }/100）：{ $explanation }
topup-cli-item = { $text }（{ $code }）
