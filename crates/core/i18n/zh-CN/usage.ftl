# 按用量计费的 AI 工具用量：监视的代理日志文件夹。
#
# 参数：$file 日志文件路径。

usage-watch-file-gone = { $file }：无法读取该日志（已不存在，或没有权限）

## 三方核对的差异（服务商视图）。$count：涉及的记录数。

## `costs --check` 在每条差额前写出的差额类型。
usage-gap-kind-estimate-vs-reported = 估算与报告不符
usage-gap-kind-reported-without-usage = 有费用报告、无用量
usage-gap-kind-usage-without-report = 有用量、无费用报告
usage-gap-kind-unpriced-usage = 未定价的用量
usage-gap-kind-charged-vs-reported = 扣款与报告不符
usage-gap-kind-agent-usage-billed-to-api = 编程代理用量按 API 计费
usage-gap-estimate-vs-reported = 服务商报告的金额与按价目表估算的不同（{ $count } 条记录）。常见原因：折扣、长上下文或批量价格、价目表未收录的模型，或有工具的日志尚未导入。请查看其背后的记录；如果某个价格有误，请在账本旁的 prices.toml 中更正。
usage-gap-reported-without-usage = 服务商报告了本月的费用，但没有导入含 token 的用量（{ $count } 条记录），因此无从核对。请导入本月的用量：服务商的用量导出、Admin API 同步，或编程代理的日志文件夹。
usage-gap-usage-without-report = 已导入本月的用量，但没有服务商的费用报告（{ $count } 条记录），因此估算无法核对。请导入服务商本月的费用导出，或同步其 Admin API。
usage-gap-unpriced-usage = 价目表未收录的模型产生的用量（{ $count } 条记录）：其费用未知（并非为零），未计入估算。请在账本旁的 prices.toml 中为这些模型添加价格（`aispend prices` 会列出现行价格），然后重新核对。
usage-gap-charged-vs-reported = 银行卡实付金额与服务商报告的不同（{ $count } 条记录）。常见原因：预先购买或尚未用完的预付额度、记录中没有的扣款，或退款。请查看本月的充值和发票；预先购买的额度会在之后的月份里用掉。
usage-gap-charged-without-report = 本月银行卡向该服务商付了款，但尚未导入服务商的费用，因此无法核对这笔扣款。请导入服务商本月的费用导出或发票，或同步其 Admin API。
usage-gap-agent-usage-billed-to-api = 已付费的套餐本可覆盖该编程代理的用量，但这些用量也出现在服务商的 API 用量中（{ $count } 条记录）。该工具可能用了环境中的 API 密钥（ANTHROPIC_API_KEY 或 OPENAI_API_KEY）而不是套餐登录，因而被重复计费。请从该工具的环境中移除密钥、改用套餐登录，并就这部分 API 费用联系服务商。

## 监视文件夹中无法识别为代理日志的文件。

usage-watch-not-a-log = 一个 AI Spend 无法识别的非代理日志文件
usage-watch-agent-log = Claude Code、Codex CLI 或 Gemini CLI 的会话日志

## 用量记录无法估价的原因。

usage-unpriced-no-model = 记录中没有注明模型
usage-unpriced-no-price = { $date } 这一天没有 { $provider } 的 { $model } 价格
usage-unpriced-no-kind-price = { $row } 没有{ $kind ->
        [cached_input] 缓存输入
        [cache_write] 缓存写入
        [output] 输出
        [reasoning] 推理
       *[input] 输入
    } token 的价格
