# 按用量计费的 AI 工具用量：监视的代理日志文件夹。
#
# 参数：$file 日志文件路径。

usage-watch-file-gone = { $file }：无法读取该日志（已不存在，或没有权限）

## 三方核对的差异（服务商视图）。$count：涉及的记录数。

usage-gap-estimate-vs-reported = 服务商报告的金额与按价目表估算的不同（{ $count } 条记录）
usage-gap-reported-without-usage = 服务商报告了费用，但未导入含 token 的用量（{ $count } 条记录）
usage-gap-usage-without-report = 已导入用量，但本月没有费用报告（{ $count } 条记录）
usage-gap-unpriced-usage = 价目表未定价的用量：其费用未知（{ $count } 条记录）
usage-gap-charged-vs-reported = 银行卡实付金额与服务商报告的不同（{ $count } 条记录）
usage-gap-agent-usage-billed-to-api = 已付套餐可覆盖的代理用量却按 API 密钥计费（{ $count } 条记录）

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
