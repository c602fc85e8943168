# 应用中的表单（预算、赠送额度、余额、取消订阅）：填写有误之处。$field 为字段标识。

form-field = { $field ->
    [amount] 金额
    [balance] 余额
    [expiry] 过期日期
   *[date] 日期
}
form-amount-empty = { form-field }为空；请输入金额，例如 12.34
form-amount-bad = { form-field }“{ $found }”不是金额；请用小数点、不加千位分隔符，例如 12.34
form-date-empty = { form-field }为空；请输入日期（YYYY-MM-DD）
form-date-bad = { form-field }“{ $found }”不是日期；应为 YYYY-MM-DD
form-currency-bad = “{ $found }”不是货币代码；应为三个字母，例如 USD 或 CNY
