# 消息列表，以及逐项列出所涉内容的导入提示。

list-join = { $head }；{ $tail }
list-join-comma = { $head }、{ $tail }

import-notice-double-payment = { $plan } 在 { $date } 前后付了两次（应用商店与直接付款，或用了两张卡）
import-notice-app-store-charge = 应用商店扣款：请导入收据以识别它（{ $date } { $description } { $amount } { $currency }）
import-notice-unrecognised-receipt = { $sender }“{ $subject }”：{ $reason }

# 智能体日志导入时跳过的行（skipped_lines）。

import-notice-skipped-lines = 跳过了 { $count } 行：{ $parts }
import-skipped-carry = { $count } 行{ $carries }（{ $kinds }）
import-skipped-cut = 第 { $line } 行（最后一行）被截断：{ $note }
import-skipped-no-usage = 没有用量
import-skipped-no-new-usage = 没有新的用量
import-skipped-cut-claude = Claude Code 当时仍在写日志（请在会话结束后重新导入，以读取该行）
import-skipped-cut-codex = Codex 当时仍在写日志（请稍后重新导入，以读取该行）
import-skipped-cut-gemini = Gemini CLI 当时仍在写会话（请稍后重新导入，以读取该行）
import-skipped-kind = { $kind } { $count } 行
import-skipped-kind-message = { $kind } 消息 { $count } 行
import-skipped-kind-api-error = API 错误 { $count } 行
import-skipped-kind-assistant-without-usage = 没有用量的 assistant { $count } 行
import-skipped-kind-synthetic = 合成消息 { $count } 行
import-skipped-kind-token-count-without-usage = 没有用量的 token_count { $count } 行
import-skipped-kind-repeated-token-count = 重复的 token_count { $count } 行
import-skipped-kind-token-count-of-zero = 为零的 token_count { $count } 行
import-skipped-kind-served-elsewhere = 由 { $provider } 而非 OpenAI 提供 { $count } 行
import-skipped-kind-not-a-message = 不是消息 { $count } 行
import-skipped-kind-session-header = 会话头 { $count } 行
import-skipped-kind-rewind-or-patch = 回退或补丁 { $count } 行
import-skipped-kind-reply-without-tokens = 没有 token 数的回复 { $count } 行
import-skipped-kind-not-json = 不是 JSON { $count } 行
import-skipped-kind-not-a-log-entry = 不是日志条目 { $count } 行
import-skipped-kind-line-over = 超过 { $max } MiB 的行 { $count } 行
