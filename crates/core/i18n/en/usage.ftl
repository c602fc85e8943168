# Usage of AI tools that bill by use: the watched agent log folders.
#
# Arguments: $file a log file's path.

usage-watch-file-gone = { $file }: the log could not be read (gone, or no permission)
