# 报销报告上的姓名、地址与付款说明：设置表单（或命令行参数）填写的内容中，报告无法容纳之处。
# $field 为字段标识。

reimb-party-field = { $field ->
    [sender] 你的姓名和地址
    [note] 付款说明
   *[client] 客户地址
}
reimb-party-field-start = { $field ->
    [sender] 你的姓名和地址
    [note] 付款说明
   *[client] 客户地址
}
reimb-party-too-many-lines = { reimb-party-field-start }有 { $lines } 行；报告最多容纳 { $max } 行
reimb-party-line-too-long = { reimb-party-field }第 { $line } 行有 { $chars } 个字符；报告每行最多容纳 { $max } 个
reimb-party-control = { reimb-party-field }第 { $line } 行含有控制字符；请输入纯文本
reimb-party-no-client = 请选择这个地址所属的客户
