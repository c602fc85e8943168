# Admin API 同步的错误，以及保存其密钥的系统钥匙串的错误。

sync-no-key = 尚未保存 { $provider } 的 Admin 密钥；请用 `aispend keys set { $id }` 添加（保存密钥之前同步处于关闭状态）
sync-key-rejected = { $provider } 拒绝了系统钥匙串中保存的 { $provider } Admin 密钥（HTTP { $status }：{ $detail }）。{ $advice }
sync-advice-forbidden = 密钥已被识别，但可能无权读取用量和费用：请使用{ $kind }，然后用 `aispend keys set { $id }` 保存。
sync-advice-invalid = 密钥可能输错、已被吊销或已过期：请新建一个（{ $kind }），并用 `aispend keys set { $id }` 保存，或用 `aispend keys remove { $id }` 删除。
sync-key-kind-openai = 由组织所有者创建的 OpenAI Admin 密钥（sk-admin-...）
sync-key-kind-anthropic = 组织的 Anthropic Admin 密钥（sk-ant-admin...；个人账户没有 Admin API）
sync-key-kind-other = AI Spend 可读取其 Admin API 的服务商（OpenAI、Anthropic）的 Admin 密钥
sync-http = { $provider } 对 { $path } 返回了 HTTP { $status }：{ $detail }
sync-network = 无法连接 { $provider }（{ $host }）：{ $detail }；请检查网络连接后重试
sync-bad-response = { $provider } 发来的 { $path } 页面无法读取：{ $detail }
sync-base-url = { $provider } 的基础 URL { $url } 无法使用：{ $reason }
sync-url-not-url = 它不是 URL
sync-url-plain-http = 只有连接本机（127.0.0.1）时才允许使用明文 http
sync-url-https = 它必须以 https:// 开头
sync-url-host = 它必须写明主机名，且不能包含用户名
sync-url-no-admin-api = AI Spend 不读取此服务商的 Admin API；请改为导入它的导出文件
sync-reason-text = 原因：{ $text }
sync-cancelled = 同步已取消；正在处理的端点没有导入任何内容
sync-client = 无法启动网络客户端：{ $detail }

key-no-keychain = 此版本的 AI Spend 没有可保存密钥的系统钥匙串（keyring 库只会把它放在内存中，退出时丢失）；可在 macOS（钥匙串）、Windows（凭据管理器）和 Linux（Secret Service）上保存密钥
key-unavailable = 无法访问系统钥匙串：{ $detail }；在 Linux 上，Secret Service（GNOME Keyring 或 KWallet）必须正在运行且已解锁
key-invalid = 这不是{ $expected }：{ $reason }
key-stored-invalid = 系统钥匙串中的 { $provider } 密钥不是{ $expected }；请用 `aispend keys set { $id }` 重新保存
key-expect-openai = OpenAI Admin 密钥（sk-admin-...）
key-expect-anthropic = Anthropic Admin 密钥（sk-ant-admin...）
key-expect-any = OpenAI 或 Anthropic 的 Admin 密钥（AI Spend 读取这两家服务商的 Admin API）
key-reason-empty = 没有输入任何内容
key-reason-anthropic-key = 它看起来是 Anthropic 的密钥
key-reason-openai-key = 它看起来是 OpenAI 的密钥
key-reason-openai-prefix = 它不以 sk-admin- 开头（项目密钥和服务账号密钥无法读取组织的费用；请在组织设置中创建 Admin 密钥）
key-reason-anthropic-prefix = 它不以 sk-ant-admin 开头（API 密钥无法读取组织的费用；请在 Console 中创建 Admin 密钥）
key-reason-no-admin-api = AI Spend 不读取此服务商的 Admin API
key-reason-no-admin-api-import = AI Spend 不读取此服务商的 Admin API；请改为导入它的用量导出文件（`aispend import FILE`）
key-reason-short = 它太短了
key-reason-characters = 它包含空格或密钥中不会出现的字符
