# 读取文件所用的库（serde_json、quick-xml、calamine、csv、zip、I/O）报告的错误，
# 每种一条消息。库的英文原文另作为 `detail` 参数保留（--json）。

lib-json-eof-list = 列表还没结束，文件就结束了
lib-json-eof-object = 对象还没结束，文件就结束了
lib-json-eof-string = 字符串还没结束，文件就结束了
lib-json-eof-value = 此处应有一个值，文件却结束了
lib-json-expected-colon = 此处应为冒号 `:`
lib-json-expected-list-comma = 此处应为逗号 `,` 或 `]`
lib-json-expected-object-comma = 此处应为逗号 `,` 或 `{"}"}`
lib-json-expected-ident = 此处应为 true、false 或 null
lib-json-expected-value = 此处应有一个值
lib-json-expected-quote = 此处应为双引号 `"`
lib-json-invalid-escape = 转义序列无效
lib-json-invalid-number = 数字格式无效
lib-json-number-out-of-range = 数字超出范围
lib-json-invalid-code-point = Unicode 码位无效
lib-json-control-character = 字符串中有控制字符（\u0000-\u001F）
lib-json-key-not-string = 对象的键必须是字符串
lib-json-lone-surrogate = 十六进制转义中有落单的代理码元
lib-json-trailing-comma = 末尾多了一个逗号
lib-json-trailing-characters = 值之后还有多余的字符
lib-json-hex-escape-ends = 十六进制转义提前结束
lib-json-too-deep = 嵌套层数过多
lib-json-missing-field = 缺少字段“{ $field }”
lib-json-duplicate-field = 字段“{ $field }”重复出现
lib-json-invalid-type = 类型不对：实际是 { $found }，应为 { $expected }
lib-json-other = JSON 内容有误（{ $error }）

lib-xml-bad-markup = 语法错误：标记中有未知或缺失的符号
lib-xml-part-pi = 处理指令
lib-xml-part-declaration = XML 声明
lib-xml-part-comment = 注释
lib-xml-part-doctype = DOCTYPE 声明
lib-xml-part-cdata = CDATA 段
lib-xml-part-tag = 标签
lib-xml-part-attribute = 属性值
lib-xml-unclosed = 语法错误：{ $what }没有结束，直到文件末尾也没有找到 `{ $end }`
lib-xml-mismatched-end-tag = XML 结构有误：此处应为 `</{ $expected }>`，实际是 `</{ $found }>`
lib-xml-missing-end-tag = XML 结构有误：直到文件末尾也没有找到结束标签 `</{ $tag }>`
lib-xml-unmatched-end-tag = XML 结构有误：结束标签 `</{ $tag }>` 没有对应的开始标签
lib-xml-unclosed-reference = XML 结构有误：实体或字符引用没有结束，直到文件末尾也没有找到 `;`
lib-xml-ill-formed = XML 结构有误（{ $error }）
lib-xml-bad-utf8 = 无法按 UTF-8 解码：字节位置 { $offset } 处有 { $bytes } 个字节不是有效的 UTF-8
lib-xml-cut-utf8 = 无法按 UTF-8 解码：字节位置 { $offset } 处的 UTF-8 字节序列不完整
lib-xml-bad-encoding = 无法按声明的编码解码（{ $error }）
lib-xml-other = XML 解析出错（{ $error }）

lib-xlsx-zip = ZIP 错误：{ $problem }
lib-xlsx-xml = XML 错误：{ $problem }
lib-xlsx-part-missing = 找不到工作簿的组成部分“{ $part }”
lib-xlsx-sheet-missing = 找不到工作表“{ $sheet }”
lib-xlsx-password = 工作簿有密码保护
lib-xlsx-xml-ends-early = XML 提前结束，应有 '</{ $tag }>'
lib-xlsx-relationship-missing = 找不到工作簿内部的关联
lib-xlsx-other = 工作簿读取出错（{ $error }）

lib-zip-invalid = 不是有效的 ZIP 压缩包（{ $error }）
lib-zip-unsupported = 不支持这种 ZIP 压缩包（{ $error }）
lib-zip-file-not-found = 压缩包中找不到指定的文件
lib-zip-password = 密码不正确
lib-zip-compression = 不支持的压缩方式：{ $method }
lib-zip-other = ZIP 读取出错（{ $error }）

lib-csv-not-utf8 = 第 { $field } 个字段不是有效的 UTF-8 文本
lib-csv-field-count = 这一行有 { $found } 个字段，前面的行有 { $expected } 个
lib-csv-other = CSV 读取出错（{ $error }）

lib-io = 读写错误：{ $problem }
lib-io-invalid-data = 文件数据无效（{ $error }）
lib-io-unexpected-eof = 文件提前结束（{ $error }）
lib-io-not-found = 找不到文件（{ $error }）
lib-io-permission-denied = 没有读取权限（{ $error }）
lib-io-is-a-folder = 这是文件夹，不是文件（要读取文件夹里的编程助手日志，请用：aispend import --watch-default 文件夹）
lib-io-other = 读取出错（{ $error }）
lib-io-write-permission-denied = 没有写入权限（{ $error }）
lib-io-write-no-folder = 要写入的文件夹不存在（{ $error }）
lib-io-write-disk-full = 磁盘空间已满（{ $error }）
lib-io-write-quota = 超出了磁盘配额（{ $error }）
lib-io-write-read-only = 该位置是只读的（{ $error }）
lib-io-write-is-a-folder = 该路径是一个文件夹，不能作为文件写入（{ $error }）
lib-io-write-not-a-folder = 路径中的某一级不是文件夹（{ $error }）
lib-io-write-exists = 同名文件已存在（{ $error }）
lib-io-write-too-large = 文件太大，无法写入此处（{ $error }）
lib-io-write-other = 写入出错（{ $error }）

# 别人制作的压缩包，在解压前就被拒绝（zipguard）。

zip-unreadable = 不是可读取的 ZIP（{ $error }）
zip-too-many-entries = 其中有 { $found } 个条目，超过允许的 { $max } 个
zip-name-nul = 含有 NUL 字节
zip-name-backslash = 含有反斜杠
zip-name-absolute = 是绝对路径
zip-name-drive = 以盘符开头
zip-name-parent = 含有 `..` 路径段
zip-unsafe-name = 条目 { $name }{ $why }，可能写到解压目录之外
zip-link = 条目 { $name } 是符号链接
zip-too-large = 解压后至少 { $total } MiB，超过允许的 { $max } MiB
zip-bomb = 条目 { $name } 解压后是压缩大小的 { $ratio } 倍，超过 { $max }:1（疑似压缩炸弹）
zip-entry-unreadable = 无法读取条目 { $name }（{ $error }）
