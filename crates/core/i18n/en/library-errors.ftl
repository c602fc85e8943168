# What the libraries that read files report (serde_json, quick-xml, calamine,
# csv, zip, I/O), one message per kind. The English says what the library
# said; its own text also travels as the `detail` argument (--json).

lib-json-eof-list = EOF while parsing a list
lib-json-eof-object = EOF while parsing an object
lib-json-eof-string = EOF while parsing a string
lib-json-eof-value = EOF while parsing a value
lib-json-expected-colon = expected `:`
lib-json-expected-list-comma = expected `,` or `]`
lib-json-expected-object-comma = expected `,` or `{"}"}`
lib-json-expected-ident = expected ident
lib-json-expected-value = expected value
lib-json-expected-quote = expected `"`
lib-json-invalid-escape = invalid escape
lib-json-invalid-number = invalid number
lib-json-number-out-of-range = number out of range
lib-json-invalid-code-point = invalid unicode code point
lib-json-control-character = control character (\u0000-\u001F) found while parsing a string
lib-json-key-not-string = key must be a string
lib-json-lone-surrogate = lone leading surrogate in hex escape
lib-json-trailing-comma = trailing comma
lib-json-trailing-characters = trailing characters
lib-json-hex-escape-ends = unexpected end of hex escape
lib-json-too-deep = recursion limit exceeded
lib-json-missing-field = missing field `{ $field }`
lib-json-duplicate-field = duplicate field `{ $field }`
lib-json-invalid-type = invalid type: { $found }, expected { $expected }
lib-json-other = { $error }

lib-xml-bad-markup = syntax error: unknown or missed symbol in markup
lib-xml-part-pi = processing instruction
lib-xml-part-declaration = XML declaration
lib-xml-part-comment = comment
lib-xml-part-doctype = DOCTYPE
lib-xml-part-cdata = CDATA
lib-xml-part-tag = tag
lib-xml-part-attribute = attribute value
lib-xml-unclosed = syntax error: { $what } not closed: `{ $end }` not found before end of input
lib-xml-mismatched-end-tag = ill-formed document: expected `</{ $expected }>`, but `</{ $found }>` was found
lib-xml-missing-end-tag = ill-formed document: start tag not closed: `</{ $tag }>` not found before end of input
lib-xml-unmatched-end-tag = ill-formed document: close tag `</{ $tag }>` does not match any open tag
lib-xml-unclosed-reference = ill-formed document: entity or character reference not closed: `;` not found before end of input
lib-xml-ill-formed = ill-formed document: { $error }
lib-xml-bad-utf8 = cannot decode input using UTF-8: invalid utf-8 sequence of { $bytes } bytes from index { $offset }
lib-xml-cut-utf8 = cannot decode input using UTF-8: incomplete utf-8 byte sequence from index { $offset }
lib-xml-bad-encoding = { $error }
lib-xml-other = { $error }

lib-xlsx-zip = Zip error: { $problem }
lib-xlsx-xml = Xml error: { $problem }
lib-xlsx-part-missing = File not found '{ $part }'
lib-xlsx-sheet-missing = Worksheet '{ $sheet }' not found
lib-xlsx-password = Workbook is password protected
lib-xlsx-xml-ends-early = Unexpected end of xml, expecting '</{ $tag }>'
lib-xlsx-relationship-missing = Relationship not found
lib-xlsx-other = { $error }

lib-zip-invalid = invalid Zip archive: { $error }
lib-zip-unsupported = unsupported Zip archive: { $error }
lib-zip-file-not-found = specified file not found in archive
lib-zip-password = provided password is incorrect
lib-zip-compression = compression method not supported: { $method }
lib-zip-other = { $error }

lib-csv-not-utf8 = field { $field } is not valid UTF-8
lib-csv-field-count = the row has { $found } fields, the rows before it { $expected }
lib-csv-other = { $error }

lib-io = I/O error: { $problem }
lib-io-invalid-data = { $error }
lib-io-unexpected-eof = { $error }
lib-io-not-found = { $error }
lib-io-permission-denied = { $error }
lib-io-is-a-folder = it is a folder, not a file (a folder of coding-agent logs is read with: aispend import --watch-default FOLDER)
lib-io-other = { $error }
lib-io-write-permission-denied = { $error }
lib-io-write-no-folder = { $error }
lib-io-write-disk-full = { $error }
lib-io-write-quota = { $error }
lib-io-write-read-only = { $error }
lib-io-write-is-a-folder = { $error }
lib-io-write-not-a-folder = { $error }
lib-io-write-exists = { $error }
lib-io-write-too-large = { $error }
lib-io-write-other = { $error }

# An archive someone else made, refused before it is unpacked (zipguard).

zip-unreadable = not a readable ZIP ({ $error })
zip-too-many-entries = it has { $found } entries, more than the { $max } allowed
zip-name-nul = holds a NUL byte
zip-name-backslash = holds a backslash
zip-name-absolute = is an absolute path
zip-name-drive = starts with a drive letter
zip-name-parent = has a `..` part
zip-unsafe-name = entry { $name } { $why }, which could write outside the folder it is unpacked in
zip-link = entry { $name } is a symbolic link
zip-too-large = its entries unpack to { $total } MiB or more, more than the { $max } MiB allowed
zip-bomb = entry { $name } unpacks { $ratio } times larger than it is stored, more than { $max }:1 (a zip bomb)
zip-entry-unreadable = entry { $name } cannot be read ({ $error })
