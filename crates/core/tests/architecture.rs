//! Tidy tests for the house plan (docs/ARCHITECTURE.md), in the style of
//! rust-analyzer's: they read `src/` as text and fail when a line lands in
//! the wrong room.
//!
//! - Only `src/ledger/` talks to SQLite: no other file uses `rusqlite`, a
//!   `.conn`, `execute(`, `prepare(`, `prepare_cached(`, `query_row` or SQL
//!   in a string literal.
//! - `src/ledger/` sits at the bottom: it names no module of the crate but
//!   the few below it ([`LEDGER_MAY_USE`]).
//! - No file outside `src/ledger/` adds methods to `Ledger` or implements a
//!   trait for a ledger type: such an impl makes the ledger's type reach up
//!   into the module that wrote it (module-graph tools draw it as an arrow
//!   from `ledger` upward). Domain operations are free functions that take
//!   the ledger (`reports::summary(&ledger, period)`).
//!
//! Comments are skipped (a doc may point anywhere); string literals are
//! read for SQL only.

use std::path::{Path, PathBuf};

/// The modules below the ledger: all it may name with `crate::`.
const LEDGER_MAY_USE: &[&str] = &[
    "ai_provider",
    "classify",
    "money",
    "clock",
    "paths",
    "zipguard",
    "ledger",
];

/// What may not appear in code outside the ledger.
const STORAGE_WORDS: &[&str] = &[
    "rusqlite",
    ".conn",
    "execute(",
    "prepare(",
    "prepare_cached(",
    "query_row",
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, as paths relative to `src/` with `/`.
fn rust_files(dir: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("read src")
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(src()).expect("under src");
            let rel: Vec<_> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(rel.join("/"));
        }
    }
}

/// A source file split into its code (string literals blanked, comments
/// removed) and the contents of its string literals.
struct Split {
    code: String,
    strings: Vec<String>,
}

fn split(text: &str) -> Split {
    let b = text.as_bytes();
    let mut code = String::with_capacity(text.len());
    let mut strings = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if c == b'/' && b.get(i + 1) == Some(&b'*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                    depth += 1;
                    i += 2;
                } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if c == b'r'
            && matches!(b.get(i + 1), Some(b'"' | b'#'))
            && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_'))
        {
            // A raw string: r"..." or r#"..."#.
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&b'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&b'"') {
                code.push(c as char);
                i += 1;
                continue;
            }
            let start = j + 1;
            let close: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            let end = text[start..].find(&close).map_or(b.len(), |k| start + k);
            strings.push(text[start..end].to_owned());
            code.push_str("\"\"");
            i = (end + close.len()).min(b.len());
        } else if c == b'"' {
            let mut j = i + 1;
            let mut s = String::new();
            while j < b.len() && b[j] != b'"' {
                if b[j] == b'\\' {
                    j += 1;
                }
                if let Some(&ch) = b.get(j) {
                    s.push(ch as char);
                }
                j += 1;
            }
            strings.push(s);
            code.push_str("\"\"");
            i = j + 1;
        } else if c == b'\'' {
            // A char literal ('"', '\'', '\\') or a lifetime ('a).
            if b.get(i + 1) == Some(&b'\\') {
                let end = text[i + 2..].find('\'').map_or(b.len(), |k| i + 2 + k);
                let end = if end == i + 2 { end + 1 } else { end };
                code.push_str("' '");
                i = end + 1;
            } else if b.get(i + 2) == Some(&b'\'') {
                code.push_str("' '");
                i += 3;
            } else {
                code.push('\'');
                i += 1;
            }
        } else {
            // Keep multi-byte characters whole.
            let ch = text[i..].chars().next().expect("char");
            code.push(ch);
            i += ch.len_utf8();
        }
    }
    Split { code, strings }
}

/// Whether a string literal reads as SQL: an upper-case statement.
fn is_sql(s: &str) -> bool {
    let words: Vec<&str> = s
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .filter(|w| !w.is_empty())
        .collect();
    let has = |w: &str| words.contains(&w);
    let pair = |a: &str, b: &str| words.windows(2).any(|p| p[0] == a && p[1] == b);
    (has("SELECT") && has("FROM"))
        || pair("INSERT", "INTO")
        || pair("DELETE", "FROM")
        || (has("UPDATE") && has("SET") && has("WHERE"))
        || pair("CREATE", "TABLE")
        || pair("CREATE", "INDEX")
        || pair("ALTER", "TABLE")
        || pair("DROP", "TABLE")
        || has("PRAGMA")
}

/// Where a file of `src/` uses storage, one line per finding.
fn storage_uses(rel: &str) -> Vec<String> {
    let text = std::fs::read_to_string(src().join(rel)).expect("read file");
    let s = split(&text);
    let mut found = Vec::new();
    for word in STORAGE_WORDS {
        let mut from = 0;
        while let Some(k) = s.code[from..].find(word) {
            let at = from + k;
            let after = s.code[at + word.len()..].chars().next();
            let before = s.code[..at].chars().next_back();
            // A whole word: no identifier runs on at an end that is one.
            let starts_word = word.starts_with(is_ident);
            let ends_word = word.ends_with(is_ident);
            let runs_on = (starts_word && before.is_some_and(is_ident))
                || (ends_word && after.is_some_and(is_ident));
            if !runs_on {
                found.push(format!("{rel}: uses `{word}`"));
                break;
            }
            from = at + word.len();
        }
    }
    for lit in s.strings.iter().filter(|l| is_sql(l)) {
        let first = lit.split_whitespace().take(6).collect::<Vec<_>>().join(" ");
        found.push(format!("{rel}: SQL in a string: {first} ..."));
    }
    found
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[test]
fn no_sql_outside_the_ledger() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let errors: Vec<String> = files
        .iter()
        .filter(|f| !f.starts_with("ledger/"))
        .flat_map(|rel| storage_uses(rel))
        .collect();
    assert!(
        errors.is_empty(),
        "SQL belongs in src/ledger/ (give the ledger a typed read or write function):\n{}",
        errors.join("\n")
    );
}

/// The crate-root modules a ledger file names, with the path that names
/// them (`provider::Provider`), from `crate::` and from enough `super::`.
/// A `#[cfg(test)] mod` at the file's end sits one module deeper.
fn crate_paths(rel: &str, code: &str) -> Vec<String> {
    // How many `super::` reach the crate root from this file's module.
    let parts: Vec<&str> = rel.trim_end_matches(".rs").split('/').collect();
    let depth = if parts.last() == Some(&"mod") {
        parts.len() - 1
    } else {
        parts.len()
    };
    match code.find("#[cfg(test)]\nmod ") {
        Some(at) => {
            let mut out = paths_from(&code[..at], depth);
            out.extend(paths_from(&code[at..], depth + 1));
            out
        }
        None => paths_from(code, depth),
    }
}

/// [`crate_paths`] for code whose module is `depth` below the crate root.
fn paths_from(code: &str, depth: usize) -> Vec<String> {
    let mut roots = vec!["crate::".to_owned()];
    roots.push("super::".repeat(depth));
    let mut out = Vec::new();
    for root in &roots {
        let mut from = 0;
        while let Some(k) = code[from..].find(root.as_str()) {
            let at = from + k;
            from = at + root.len();
            // `super::super::` inside a longer run is counted once, whole.
            if root.starts_with("super") && code[..at].ends_with("super::") {
                continue;
            }
            if code[..at].chars().next_back().is_some_and(is_ident) {
                continue;
            }
            out.extend(paths_at(&code[from..]));
        }
    }
    out
}

/// The paths written at the start of `rest`: `a::b`, or each of
/// `a::{b, c::d}` as `a::b` and `a::c::d`.
fn paths_at(rest: &str) -> Vec<String> {
    let end = rest
        .find(|c: char| !(is_ident(c) || c == ':'))
        .unwrap_or(rest.len());
    let prefix = &rest[..end];
    match rest[end..].strip_prefix('{') {
        Some(group) if prefix.is_empty() || prefix.ends_with("::") => {
            let close = group.find('}').unwrap_or(group.len());
            group[..close]
                .split(',')
                .map(|p| format!("{prefix}{}", p.trim()))
                .filter(|p| p.len() > prefix.len())
                .collect()
        }
        _ => vec![prefix.trim_end_matches(':').to_owned()],
    }
}

#[test]
fn no_one_else_extends_the_ledger() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut errors = Vec::new();
    for rel in files.iter().filter(|f| !f.starts_with("ledger/")) {
        let text = std::fs::read_to_string(src().join(rel)).expect("read file");
        let code = split(&text).code;
        for line in code.lines().map(str::trim_start) {
            let extends = line.starts_with("impl Ledger")
                || line.starts_with("impl crate::ledger::")
                || (line.starts_with("impl") && line.contains(" for crate::ledger::"));
            if extends {
                errors.push(format!("{rel}: {line}"));
            }
        }
    }
    assert!(
        errors.is_empty(),
        "give the ledger a typed function in src/ledger/, or write a free function that takes it:\n{}",
        errors.join("\n")
    );
}

#[test]
fn the_ledger_names_nothing_above_it() {
    let mut files = Vec::new();
    rust_files(&src().join("ledger"), &mut files);
    let mut errors = Vec::new();
    for rel in &files {
        let text = std::fs::read_to_string(src().join(rel)).expect("read file");
        for path in crate_paths(rel, &split(&text).code) {
            let module = path.split("::").next().unwrap_or_default();
            if !LEDGER_MAY_USE.contains(&module) {
                errors.push(format!("{rel}: names crate::{path}"));
            }
        }
    }
    assert!(
        errors.is_empty(),
        "src/ledger/ may only use {LEDGER_MAY_USE:?}; move the rule above the ledger \
         or the type below it:\n{}",
        errors.join("\n")
    );
}

#[test]
fn the_checks_see_what_they_look_for() {
    let s = split(
        r##"let a = "SELECT id FROM t"; // "INSERT INTO x"
        let b = r#"DELETE FROM "q""#; let c = '"'; ledger.conn.execute(x)"##,
    );
    assert_eq!(s.strings.len(), 2, "{:?}", s.strings);
    assert!(s.strings.iter().all(|l| is_sql(l)));
    assert!(s.code.contains(".conn.execute("));
    assert!(!is_sql("select a file from the list"));
    assert!(!is_sql("Update AI Spend to open it"));
    assert_eq!(
        crate_paths(
            "ledger/x.rs",
            "use super::super::import::{a, b}; crate::money::M"
        ),
        ["money::M", "import::a", "import::b"]
    );
}
