# 按用量计费的 AI 工具用量：监视的代理日志文件夹。
#
# 参数：$file 日志文件路径。

usage-watch-file-gone = { $file }：无法读取该日志（已不存在，或没有权限）
