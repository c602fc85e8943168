# A command line the argument parser refused, for a reader who does not
# read English (an English reader gets the parser's own text).

cli-args-refused = { $problem }; `aispend --help` (or `aispend COMMAND --help`) shows the usage
cli-args-invalid-value = { $value } is not a valid value for { $arg }
cli-args-valid-values = { $problem }; expected one of: { $values }
cli-args-unknown = unknown argument { $arg }
cli-args-unknown-command = unknown command { $found }
cli-args-missing = a required argument is missing: { $args }
cli-args-missing-command = a command is missing
cli-args-conflict = { $arg } cannot be used with { $other }
cli-args-value-count = { $arg } got the wrong number of values
cli-args-no-equals = { $arg } needs its value after an equals sign (--name=value)
