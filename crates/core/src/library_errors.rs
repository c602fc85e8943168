//! The errors of the libraries that read files for us (serde_json,
//! quick-xml, calamine, csv, zip, and the standard library's I/O), as
//! messages of the catalogs.
//!
//! Each kind of error is a message id, with what the library found and
//! where (a column, a tag, a part's name) as arguments, so a reader of
//! Chinese gets a Chinese sentence. The library's own English text is kept
//! only as the `detail` argument: a technical detail `--json` and the app's
//! error payload carry, which no catalog shows. A kind these functions do
//! not know keeps the library's words, after a translated lead.
//!
//! Invariant: an English message of a kind says what the library's own
//! text said, so English output reads as it did before; only the Chinese
//! changes.

use crate::i18n::Msg;
use crate::msg;

/// A serde_json error, without its position (the callers count lines in
/// the whole file); its column is an argument.
pub fn json(e: &serde_json::Error) -> Msg {
    let full = e.to_string();
    let what = match full.rfind(" at line ") {
        Some(cut) => full.get(..cut).unwrap_or(&full),
        None => full.as_str(),
    };
    let m = match what {
        "EOF while parsing a list" => msg!("lib-json-eof-list"),
        "EOF while parsing an object" => msg!("lib-json-eof-object"),
        "EOF while parsing a string" => msg!("lib-json-eof-string"),
        "EOF while parsing a value" => msg!("lib-json-eof-value"),
        "expected `:`" => msg!("lib-json-expected-colon"),
        "expected `,` or `]`" => msg!("lib-json-expected-list-comma"),
        "expected `,` or `}`" => msg!("lib-json-expected-object-comma"),
        "expected ident" => msg!("lib-json-expected-ident"),
        "expected value" => msg!("lib-json-expected-value"),
        "expected `\"`" => msg!("lib-json-expected-quote"),
        "invalid escape" => msg!("lib-json-invalid-escape"),
        "invalid number" => msg!("lib-json-invalid-number"),
        "number out of range" => msg!("lib-json-number-out-of-range"),
        "invalid unicode code point" => msg!("lib-json-invalid-code-point"),
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            msg!("lib-json-control-character")
        }
        "key must be a string" => msg!("lib-json-key-not-string"),
        "lone leading surrogate in hex escape" => msg!("lib-json-lone-surrogate"),
        "trailing comma" => msg!("lib-json-trailing-comma"),
        "trailing characters" => msg!("lib-json-trailing-characters"),
        "unexpected end of hex escape" => msg!("lib-json-hex-escape-ends"),
        "recursion limit exceeded" => msg!("lib-json-too-deep"),
        other => json_data(other),
    };
    m.arg("column", e.column()).arg("detail", full.as_str())
}

/// serde's own data errors: a field missing or twice, a value of the
/// wrong type.
fn json_data(what: &str) -> Msg {
    let quoted = |prefix: &str| {
        what.strip_prefix(prefix)
            .and_then(|r| r.strip_suffix('`'))
            .filter(|name| !name.contains('`'))
            .map(str::to_owned)
    };
    if let Some(field) = quoted("missing field `") {
        return msg!("lib-json-missing-field", field = field);
    }
    if let Some(field) = quoted("duplicate field `") {
        return msg!("lib-json-duplicate-field", field = field);
    }
    if let Some((found, expected)) = what
        .strip_prefix("invalid type: ")
        .and_then(|r| r.split_once(", expected "))
    {
        return msg!("lib-json-invalid-type", found = found, expected = expected);
    }
    msg!("lib-json-other", error = what)
}

/// A quick-xml error.
pub fn xml(e: &quick_xml::Error) -> Msg {
    use quick_xml::errors::{IllFormedError, SyntaxError};
    use quick_xml::Error;
    let m = match e {
        Error::Syntax(SyntaxError::InvalidBangMarkup) => msg!("lib-xml-bad-markup"),
        Error::Syntax(s) => {
            let (what, end) = match s {
                SyntaxError::UnclosedPI => (msg!("lib-xml-part-pi"), "?>"),
                SyntaxError::UnclosedXmlDecl => (msg!("lib-xml-part-declaration"), "?>"),
                SyntaxError::UnclosedComment => (msg!("lib-xml-part-comment"), "-->"),
                SyntaxError::UnclosedDoctype => (msg!("lib-xml-part-doctype"), ">"),
                SyntaxError::UnclosedCData => (msg!("lib-xml-part-cdata"), "]]>"),
                SyntaxError::UnclosedTag => (msg!("lib-xml-part-tag"), ">"),
                SyntaxError::UnclosedSingleQuotedAttributeValue => {
                    (msg!("lib-xml-part-attribute"), "'")
                }
                SyntaxError::UnclosedDoubleQuotedAttributeValue => {
                    (msg!("lib-xml-part-attribute"), "\"")
                }
                SyntaxError::InvalidBangMarkup => (msg!("lib-xml-part-tag"), ">"),
            };
            msg!("lib-xml-unclosed", what = what, end = end)
        }
        Error::IllFormed(IllFormedError::MismatchedEndTag { expected, found }) => msg!(
            "lib-xml-mismatched-end-tag",
            expected = expected.as_str(),
            found = found.as_str()
        ),
        Error::IllFormed(IllFormedError::MissingEndTag(tag)) => {
            msg!("lib-xml-missing-end-tag", tag = tag.as_str())
        }
        Error::IllFormed(IllFormedError::UnmatchedEndTag(tag)) => {
            msg!("lib-xml-unmatched-end-tag", tag = tag.as_str())
        }
        Error::IllFormed(IllFormedError::UnclosedReference) => {
            msg!("lib-xml-unclosed-reference")
        }
        Error::IllFormed(other) => msg!("lib-xml-ill-formed", error = other.to_string()),
        Error::Encoding(enc) => xml_encoding(enc),
        Error::Io(io_error) => msg!("lib-io", problem = io(io_error)),
        other => msg!("lib-xml-other", error = other.to_string()),
    };
    m.arg("detail", e.to_string())
}

fn xml_encoding(e: &quick_xml::encoding::EncodingError) -> Msg {
    match e {
        quick_xml::encoding::EncodingError::Utf8(u) => match u.error_len() {
            Some(bytes) => msg!("lib-xml-bad-utf8", bytes = bytes, offset = u.valid_up_to()),
            None => msg!("lib-xml-cut-utf8", offset = u.valid_up_to()),
        },
        other => msg!("lib-xml-bad-encoding", error = other.to_string()),
    }
}

/// A calamine error reading an XLSX workbook.
pub fn xlsx(e: &calamine::XlsxError) -> Msg {
    use calamine::XlsxError;
    let m = match e {
        XlsxError::Io(io_error) => msg!("lib-io", problem = io(io_error)),
        XlsxError::Zip(z) => msg!("lib-xlsx-zip", problem = zip(z)),
        XlsxError::Xml(x) => msg!("lib-xlsx-xml", problem = xml(x)),
        XlsxError::FileNotFound(part) => msg!("lib-xlsx-part-missing", part = part.as_str()),
        XlsxError::WorksheetNotFound(sheet) => {
            msg!("lib-xlsx-sheet-missing", sheet = sheet.as_str())
        }
        XlsxError::Password => msg!("lib-xlsx-password"),
        XlsxError::XmlEof(tag) => msg!("lib-xlsx-xml-ends-early", tag = *tag),
        XlsxError::RelationshipNotFound => msg!("lib-xlsx-relationship-missing"),
        other => msg!("lib-xlsx-other", error = other.to_string()),
    };
    m.arg("detail", e.to_string())
}

/// A zip error reading an archive's directory or an entry.
pub fn zip(e: &zip::result::ZipError) -> Msg {
    use zip::result::ZipError;
    let m = match e {
        ZipError::Io(io_error) => msg!("lib-io", problem = io(io_error)),
        ZipError::InvalidArchive(why) => msg!("lib-zip-invalid", error = why.to_string()),
        ZipError::UnsupportedArchive(why) => msg!("lib-zip-unsupported", error = *why),
        ZipError::FileNotFound => msg!("lib-zip-file-not-found"),
        ZipError::InvalidPassword => msg!("lib-zip-password"),
        ZipError::CompressionMethodNotSupported(id) => {
            msg!("lib-zip-compression", method = u32::from(*id))
        }
        other => msg!("lib-zip-other", error = other.to_string()),
    };
    m.arg("detail", e.to_string())
}

/// A csv error that is not a row of the wrong length (the import names
/// that one itself).
pub fn csv(e: &csv::Error) -> Msg {
    let m = match e.kind() {
        csv::ErrorKind::Io(io_error) => msg!("lib-io", problem = io(io_error)),
        csv::ErrorKind::Utf8 { err, .. } => {
            msg!("lib-csv-not-utf8", field = err.field() + 1)
        }
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => msg!(
            "lib-csv-field-count",
            found = *len,
            expected = *expected_len
        ),
        _ => msg!("lib-csv-other", error = e.to_string()),
    };
    m.arg("detail", e.to_string())
}

/// An I/O error while reading a file, by its kind. Its text (the operating
/// system's or a decoder's) follows the translated kind.
pub fn io(e: &std::io::Error) -> Msg {
    use std::io::ErrorKind;
    let error = e.to_string();
    match e.kind() {
        ErrorKind::InvalidData => msg!("lib-io-invalid-data", error = error),
        ErrorKind::UnexpectedEof => msg!("lib-io-unexpected-eof", error = error),
        ErrorKind::NotFound => msg!("lib-io-not-found", error = error),
        ErrorKind::PermissionDenied => msg!("lib-io-permission-denied", error = error),
        // Said in full, with what to do: the system's text ("Is a
        // directory") adds nothing.
        ErrorKind::IsADirectory => msg!("lib-io-is-a-folder"),
        _ => msg!("lib-io-other", error = error),
    }
}

/// An I/O error while writing a file (an export, a pack, a report, a copy
/// kept in the data folder), by its kind: what failed on the way out, not
/// on the way in. The operating system's text follows the translated kind.
pub fn io_write(e: &std::io::Error) -> Msg {
    use std::io::ErrorKind;
    let error = e.to_string();
    match e.kind() {
        ErrorKind::PermissionDenied => msg!("lib-io-write-permission-denied", error = error),
        ErrorKind::NotFound => msg!("lib-io-write-no-folder", error = error),
        ErrorKind::StorageFull => msg!("lib-io-write-disk-full", error = error),
        ErrorKind::QuotaExceeded => msg!("lib-io-write-quota", error = error),
        ErrorKind::ReadOnlyFilesystem => msg!("lib-io-write-read-only", error = error),
        ErrorKind::IsADirectory => msg!("lib-io-write-is-a-folder", error = error),
        ErrorKind::NotADirectory => msg!("lib-io-write-not-a-folder", error = error),
        ErrorKind::AlreadyExists => msg!("lib-io-write-exists", error = error),
        ErrorKind::FileTooLarge => msg!("lib-io-write-too-large", error = error),
        _ => msg!("lib-io-write-other", error = error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{render, Arg, Lang};

    fn json_err(text: &str) -> serde_json::Error {
        match serde_json::from_str::<serde_json::Value>(text) {
            Err(e) => e,
            Ok(v) => panic!("{text:?} parsed as {v}"),
        }
    }

    #[test]
    fn a_json_syntax_error_is_a_kind_with_its_column_and_the_library_text_as_detail() {
        let e = json_err("[1 2]");
        let m = json(&e);
        assert_eq!(m.id, "lib-json-expected-list-comma");
        assert_eq!(m.args.get("column"), Some(&Arg::Count(4)));
        assert_eq!(
            m.args.get("detail"),
            Some(&Arg::Text(e.to_string())),
            "the library's words stay as a detail"
        );
        // English says what serde_json said; Chinese says it in Chinese.
        assert_eq!(render(Lang::En, &m), "expected `,` or `]`");
        let zh = render(Lang::ZhCn, &m);
        assert_eq!(zh, "此处应为逗号 `,` 或 `]`");
        assert!(!zh.contains("expected"), "{zh}");
    }

    #[test]
    fn every_json_syntax_kind_has_a_message() {
        for (text, id) in [
            ("[1, 2", "lib-json-eof-list"),
            ("{\"a\": 1", "lib-json-eof-object"),
            ("\"abc", "lib-json-eof-string"),
            ("", "lib-json-eof-value"),
            ("{\"a\" 1}", "lib-json-expected-colon"),
            ("[1 2]", "lib-json-expected-list-comma"),
            ("{\"a\": 1 \"b\": 2}", "lib-json-expected-object-comma"),
            ("nux", "lib-json-expected-ident"),
            ("[}", "lib-json-expected-value"),
            ("\"\\q\"", "lib-json-invalid-escape"),
            ("[1,]", "lib-json-trailing-comma"),
            ("1 2", "lib-json-trailing-characters"),
            ("\"a\u{1}b\"", "lib-json-control-character"),
            ("{1: 2}", "lib-json-key-not-string"),
        ] {
            let m = json(&json_err(text));
            assert_eq!(m.id, id, "{text:?}");
            // The English message is the library's text, word for word.
            let lib = json_err(text).to_string();
            assert!(lib.starts_with(&render(Lang::En, &m)), "{text:?}: {lib}");
        }
    }

    #[test]
    fn serde_data_errors_name_the_field() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Page {
            data: Vec<u32>,
        }
        let missing = serde_json::from_str::<Page>("{}").err();
        let m = missing.as_ref().map(json);
        assert_eq!(
            m.as_ref().map(|m| m.id.as_str()),
            Some("lib-json-missing-field")
        );
        let zh = m.map(|m| render(Lang::ZhCn, &m)).unwrap_or_default();
        assert_eq!(zh, "缺少字段“data”");
        let wrong = serde_json::from_str::<Page>("{\"data\": \"x\"}").err();
        let m = wrong.as_ref().map(json);
        assert_eq!(
            m.as_ref().map(|m| m.id.as_str()),
            Some("lib-json-invalid-type")
        );
        assert_eq!(
            m.map(|m| render(Lang::En, &m)).unwrap_or_default(),
            "invalid type: string \"x\", expected a sequence"
        );
    }

    #[test]
    fn an_xml_end_tag_mismatch_names_both_tags() {
        let mut r = quick_xml::Reader::from_str("<a><b></c></a>");
        let e = loop {
            match r.read_event() {
                Err(e) => break e,
                Ok(quick_xml::events::Event::Eof) => panic!("no error"),
                Ok(_) => {}
            }
        };
        let m = xml(&e);
        assert_eq!(m.id, "lib-xml-mismatched-end-tag");
        assert_eq!(render(Lang::En, &m), e.to_string());
        assert_eq!(
            render(Lang::ZhCn, &m),
            "XML 结构有误：此处应为 `</b>`，实际是 `</c>`"
        );
    }

    #[test]
    fn a_zip_that_is_not_one_keeps_the_library_words_as_detail() {
        let e = zip::ZipArchive::new(std::io::Cursor::new(b"PK\x03\x04junk".to_vec())).err();
        let Some(m) = e.as_ref().map(zip) else {
            panic!("the junk opened as a ZIP");
        };
        assert_eq!(m.id, "lib-zip-invalid");
        assert_eq!(
            render(Lang::En, &m),
            e.map(|e| e.to_string()).unwrap_or_default()
        );
        assert!(render(Lang::ZhCn, &m).starts_with("不是有效的 ZIP 压缩包"));
    }

    #[test]
    fn an_io_error_is_named_by_its_kind() {
        let e = std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        );
        let m = io(&e);
        assert_eq!(m.id, "lib-io-invalid-data");
        assert_eq!(render(Lang::En, &m), "stream did not contain valid UTF-8");
        assert_eq!(
            render(Lang::ZhCn, &m),
            "文件数据无效（stream did not contain valid UTF-8）"
        );
    }

    #[test]
    fn a_folder_given_as_a_file_says_how_a_folder_of_logs_is_read() {
        let m = io(&std::io::ErrorKind::IsADirectory.into());
        assert_eq!(m.id, "lib-io-is-a-folder");
        assert!(render(Lang::En, &m).contains("aispend import --watch-default FOLDER"));
        let zh = render(Lang::ZhCn, &m);
        assert!(zh.starts_with("这是文件夹"), "{zh}");
        assert!(!zh.contains("directory"), "{zh}");
    }

    #[test]
    fn a_write_error_says_what_failed_on_the_way_out() {
        use std::io::{Error, ErrorKind};
        let cases = [
            (
                ErrorKind::PermissionDenied,
                "lib-io-write-permission-denied",
                "没有写入权限",
            ),
            (
                ErrorKind::NotFound,
                "lib-io-write-no-folder",
                "要写入的文件夹不存在",
            ),
            (
                ErrorKind::StorageFull,
                "lib-io-write-disk-full",
                "磁盘空间已满",
            ),
            (
                ErrorKind::ReadOnlyFilesystem,
                "lib-io-write-read-only",
                "该位置是只读的",
            ),
            (
                ErrorKind::IsADirectory,
                "lib-io-write-is-a-folder",
                "该路径是一个文件夹",
            ),
            (ErrorKind::Other, "lib-io-write-other", "写入出错"),
        ];
        for (kind, id, zh) in cases {
            let m = io_write(&Error::new(kind, "os says no"));
            assert_eq!(m.id, id);
            // English keeps the operating system's words as they were.
            assert_eq!(render(Lang::En, &m), "os says no");
            let text = render(Lang::ZhCn, &m);
            assert!(text.starts_with(zh), "{kind:?}: {text}");
            assert!(text.ends_with("（os says no）"), "{kind:?}: {text}");
            // Never the reading side's words for a write.
            assert!(!text.contains("读取"), "{kind:?}: {text}");
        }
    }

    #[test]
    fn a_csv_row_of_the_wrong_length_says_both_counts() {
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader("a,b\n1,2,3\n".as_bytes());
        let e = r.records().find_map(Result::err);
        let Some(m) = e.as_ref().map(csv) else {
            panic!("the ragged row was read");
        };
        assert_eq!(m.id, "lib-csv-field-count");
        assert_eq!(render(Lang::ZhCn, &m), "这一行有 3 个字段，前面的行有 2 个");
    }
}
