# 命令行参数解析器拒绝的命令行（英文读者看到的是解析器自己的英文提示）。

cli-args-refused = { $problem }；用 `aispend --help`（或 `aispend 命令 --help`）可查看用法
cli-args-invalid-value = “{ $value }”不是 { $arg } 的有效值
cli-args-valid-values = { $problem }；应为以下之一：{ $values }
cli-args-unknown = 无法识别的参数 { $arg }
cli-args-unknown-command = 无法识别的命令 { $found }
cli-args-missing = 缺少必需的参数：{ $args }
cli-args-missing-command = 缺少要执行的命令
cli-args-conflict = { $arg } 不能与 { $other } 同时使用
cli-args-value-count = { $arg } 的值的个数不对
cli-args-no-equals = { $arg } 的值需要用等号写在后面（--名称=值）
