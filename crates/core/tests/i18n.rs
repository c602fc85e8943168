//! The message catalogs are complete and used: every message id is in both
//! languages with the same arguments, every id the code names exists, and
//! no catalog keeps a message nobody names.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use aispend_core::i18n::{catalog_info, render, Lang, Msg};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every source file that may name a message id: the Rust crates, the
/// desktop shell and the UI.
fn sources() -> Vec<(PathBuf, String)> {
    let root = repo_root();
    let mut out = Vec::new();
    let mut stack: Vec<PathBuf> = ["crates", "src-tauri/src", "ui/src"]
        .iter()
        .map(|d| root.join(d))
        .collect();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if p.is_dir() {
                if !matches!(
                    name,
                    "target" | "node_modules" | "generated" | "i18n" | "tests"
                ) {
                    stack.push(p);
                }
            } else if [".rs", ".ts", ".svelte"].iter().any(|x| name.ends_with(x)) {
                if let Ok(text) = fs::read_to_string(&p) {
                    out.push((p, text));
                }
            }
        }
    }
    out
}

/// The message ids the code builds: the literal in `msg!("id"…)` and
/// `Msg::new("id")`.
fn ids_named_in_code(src: &[(PathBuf, String)]) -> BTreeMap<String, PathBuf> {
    let re = regex::Regex::new(r#"(?:msg!\(|Msg::new\()\s*"([a-z0-9][a-z0-9-]*)""#)
        .expect("the id pattern is a valid regex");
    let mut out = BTreeMap::new();
    for (path, text) in src {
        for c in re.captures_iter(text) {
            out.entry(c[1].to_owned()).or_insert_with(|| path.clone());
        }
    }
    out
}

#[test]
fn catalogs_load_without_errors() {
    for lang in Lang::ALL {
        let info = catalog_info(lang);
        assert!(info.problems.is_empty(), "{lang}: {:#?}", info.problems);
        assert!(!info.messages.is_empty(), "{lang}: empty catalog");
    }
}

#[test]
fn both_catalogs_hold_the_same_ids_with_the_same_arguments() {
    let en = catalog_info(Lang::En).messages;
    let zh = catalog_info(Lang::ZhCn).messages;
    let only_en: Vec<_> = en.keys().filter(|k| !zh.contains_key(*k)).collect();
    let only_zh: Vec<_> = zh.keys().filter(|k| !en.contains_key(*k)).collect();
    assert!(only_en.is_empty(), "missing in zh-CN: {only_en:?}");
    assert!(only_zh.is_empty(), "missing in en: {only_zh:?}");
    let differ: Vec<_> = en
        .iter()
        .filter(|(k, v)| zh.get(*k) != Some(*v))
        .map(|(k, v)| format!("{k}: en {v:?}, zh-CN {:?}", zh.get(k)))
        .collect();
    assert!(differ.is_empty(), "arguments differ: {differ:#?}");
}

#[test]
fn every_id_the_code_names_exists_and_every_message_is_named() {
    let named = ids_named_in_code(&sources());
    let info = catalog_info(Lang::En);
    let referenced = info.referenced;
    let catalog: BTreeSet<String> = info.messages.into_keys().collect();
    let missing: Vec<_> = named
        .iter()
        .filter(|(id, _)| !catalog.contains(*id))
        .map(|(id, p)| format!("{id} (named in {})", p.display()))
        .collect();
    assert!(missing.is_empty(), "ids not in the catalogs: {missing:#?}");
    // Every id is a literal where the message is built, so a message
    // nobody names is one no code can show.
    let unused: Vec<_> = catalog
        .iter()
        .filter(|id| !named.contains_key(*id) && !referenced.contains(*id))
        .collect();
    assert!(unused.is_empty(), "messages nobody uses: {unused:?}");
}

#[test]
fn every_message_renders_in_both_languages() {
    let en = catalog_info(Lang::En).messages;
    for (id, vars) in &en {
        let mut m = Msg::new(id);
        for v in vars {
            m = m.arg(v, 2);
        }
        for lang in Lang::ALL {
            let text = render(lang, &m);
            assert!(!text.is_empty() && text != *id, "{lang} {id}: {text:?}");
        }
    }
}

/// Messages that are a brand name and nothing else: the same in every
/// language, so they carry no Chinese. Keep this list short and explicit.
const BRAND_NAMES: &[(&str, &str)] = &[
    ("topup-choice-provider-openai", "OpenAI"),
    ("topup-choice-provider-anthropic", "Anthropic"),
];

#[test]
fn chinese_text_is_chinese() {
    // A zh-CN message copied from English by mistake: no CJK character.
    let zh = catalog_info(Lang::ZhCn).messages;
    // A brand name is exempt only while it is exactly the name.
    for (id, name) in BRAND_NAMES {
        assert_eq!(render(Lang::ZhCn, &Msg::new(id)), *name, "{id}");
    }
    let copied: Vec<_> = zh
        .iter()
        .filter(|(id, _)| !BRAND_NAMES.iter().any(|(b, _)| b == id))
        .filter(|(id, vars)| {
            // Arguments filled, as a message with a missing one renders as its id.
            let mut m = Msg::new(id);
            for v in *vars {
                m = m.arg(v, 2);
            }
            let text = render(Lang::ZhCn, &m);
            // CJK ideographs, or (a layout-only message such as "{ $a }（{ $b }）")
            // CJK or full-width punctuation.
            !text.chars().any(|c| {
                ('\u{4e00}'..='\u{9fff}').contains(&c)
                    || ('\u{3000}'..='\u{303f}').contains(&c)
                    || ('\u{ff00}'..='\u{ffef}').contains(&c)
            })
        })
        .map(|(id, _)| id)
        .collect();
    assert!(
        copied.is_empty(),
        "zh-CN messages without Chinese: {copied:?}"
    );
}
