# 充值检查清单：诊断、建议与问题。

donot-pay-again = 再次付款：这笔充值的钱已经扣出或正在途中
donot-chargeback = 发起拒付（chargeback）：服务商或您的银行仍可能把问题解决
