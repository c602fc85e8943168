//! Every text the core shows a user, in the user's language.
//!
//! The core never builds a sentence: it returns a [`Msg`] (a stable message
//! id and its arguments) and whoever shows it renders it from the catalog of
//! the user's language: the CLI here with [`render`], the app in the UI from
//! the same `.ftl` files. The catalogs are Project Fluent files under
//! `crates/core/i18n/<language>/`, embedded at build time; each topic keeps
//! its own file.
//!
//! Invariant: both catalogs hold exactly the same message ids with the same
//! arguments, and every id is named by some code (`tests/i18n.rs`).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::types::{FluentNumber, FluentNumberOptions};
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use unic_langid::LanguageIdentifier;

mod catalogs {
    include!(concat!(env!("OUT_DIR"), "/catalogs.rs"));
}

/// A language the core speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
pub enum Lang {
    #[serde(rename = "en")]
    En,
    #[serde(rename = "zh-CN")]
    ZhCn,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhCn];

    /// The BCP 47 tag: `en`, `zh-CN`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// A language tag or POSIX locale (`zh-CN`, `zh_CN.UTF-8`, `zh_TW`,
    /// `en_US.UTF-8`, `C`) to the language the core speaks for it; `None`
    /// for a language it does not speak. Chinese of any region reads the
    /// Simplified catalog: better than English for a reader of Chinese.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let lang = tag
            .split(['.', '@'])
            .next()
            .unwrap_or("")
            .split(['_', '-'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match lang.as_str() {
            "zh" => Some(Lang::ZhCn),
            "en" | "c" | "posix" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language of a process's locale variables, looked up as POSIX
    /// does: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and
    /// not empty decides; a language the core does not speak, or none, is
    /// English. `get` reads one variable (`std::env::var` in a binary).
    pub fn from_locale_vars(get: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| get(name))
            .find(|v| !v.is_empty())
            .and_then(|v| Lang::from_tag(&v))
            .unwrap_or(Lang::En)
    }

    fn catalog(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Lang::En => catalogs::EN,
            Lang::ZhCn => catalogs::ZH_CN,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// One argument of a message. Amounts and dates arrive formatted (money is
/// a decimal, never a float); counts are numbers, so the catalog can choose
/// a plural form; a part of the sentence that is itself a message (what a
/// parser found, what it expected) is a [`Msg`], rendered first in the same
/// language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(untagged)]
pub enum Arg {
    Count(i64),
    Text(String),
    Msg(#[ts(type = "Msg")] Box<Msg>),
}

impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Count(n)
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Count(i64::try_from(n).unwrap_or(i64::MAX))
    }
}
impl From<u64> for Arg {
    fn from(n: u64) -> Self {
        Arg::Count(i64::try_from(n).unwrap_or(i64::MAX))
    }
}
impl From<i32> for Arg {
    fn from(n: i32) -> Self {
        Arg::Count(i64::from(n))
    }
}
impl From<u32> for Arg {
    fn from(n: u32) -> Self {
        Arg::Count(i64::from(n))
    }
}
impl From<Msg> for Arg {
    fn from(m: Msg) -> Self {
        Arg::Msg(Box::new(m))
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}
impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_owned())
    }
}

/// A text for the user: a message id of the catalogs and its arguments.
/// Serialized as `{"id": ..., "args": {...}}`: language-neutral.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Msg {
    pub id: String,
    #[ts(type = "Record<string, string | number | Msg>")]
    pub args: BTreeMap<String, Arg>,
}

impl Msg {
    /// A message without arguments. Name the id as a string literal where
    /// the message is made, so the catalog test can find its users.
    pub fn new(id: &str) -> Msg {
        Msg {
            id: id.to_owned(),
            args: BTreeMap::new(),
        }
    }

    /// Adds an argument.
    pub fn arg(mut self, name: &str, value: impl Into<Arg>) -> Msg {
        self.args.insert(name.to_owned(), value.into());
        self
    }

    /// This message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        render(lang, self)
    }
}

/// Builds a [`Msg`]: `msg!("topup-wait", minutes = 30)`.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Msg::new($id)$(.arg(stringify!($name), $value))*
    };
}

type Bundle = FluentBundle<FluentResource>;

fn bundle(lang: Lang) -> &'static Bundle {
    static EN: OnceLock<Bundle> = OnceLock::new();
    static ZH: OnceLock<Bundle> = OnceLock::new();
    let cell = match lang {
        Lang::En => &EN,
        Lang::ZhCn => &ZH,
    };
    cell.get_or_init(|| build(lang).0)
}

/// The bundle of `lang` and every problem found while loading it.
fn build(lang: Lang) -> (Bundle, Vec<String>) {
    let id: LanguageIdentifier = lang.tag().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Terminals and PDFs show Unicode isolation marks as boxes.
    bundle.set_use_isolating(false);
    // Counts are grouped as the app groups them (1,234); see `number_arg`.
    bundle.set_formatter(Some(match lang {
        Lang::En => grouped_en,
        Lang::ZhCn => grouped_zh,
    }));
    let mut problems = Vec::new();
    for (file, text) in lang.catalog() {
        let res = match FluentResource::try_new((*text).to_owned()) {
            Ok(res) => res,
            Err((res, errors)) => {
                for e in errors {
                    problems.push(format!("{}/{file}: {e:?}", lang.tag()));
                }
                res
            }
        };
        if let Err(errors) = bundle.add_resource(res) {
            for e in errors {
                problems.push(format!("{}/{file}: {e}", lang.tag()));
            }
        }
    }
    (bundle, problems)
}

/// `msg` in `lang`. An id missing from the catalog (which the catalog test
/// prevents) shows as the id and its arguments rather than as nothing.
pub fn render(lang: Lang, msg: &Msg) -> String {
    let bundle = bundle(lang);
    let Some(pattern) = bundle.get_message(&msg.id).and_then(|m| m.value()) else {
        return fallback(msg);
    };
    let mut args = FluentArgs::new();
    for (name, value) in &msg.args {
        match value {
            Arg::Count(n) => args.set(name.as_str(), number_arg(name, *n)),
            Arg::Text(s) => args.set(name.as_str(), FluentValue::from(s.as_str())),
            Arg::Msg(m) => args.set(name.as_str(), FluentValue::from(render(lang, m))),
        }
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
    if errors.is_empty() {
        text.into_owned()
    } else {
        fallback(msg)
    }
}

/// The arguments whose number names a place or a thing (a line, a column,
/// an id, a version), not how many: printed as its digits, never grouped
/// ("a.csv:1234" is a place; "case 1234" is a name).
const PLACE_ARGS: &[&str] = &[
    "line",
    "row",
    "column",
    "head",
    "tail",
    "first",
    "last",
    "page",
    "index",
    "offset",
    "position",
    "entry",
    "part",
    "id",
    "case",
    "batch",
    "txn",
    "payment",
    "receipt",
    "record",
    "rule",
    "grant",
    "alert",
    "number",
    "version",
    "found",
    "supported",
    "status",
    "code",
    "attempt",
    "year",
];

/// A count argument as Fluent reads it: a number, so the catalog can pick a
/// plural form; a place (see [`PLACE_ARGS`]) is marked not to be grouped.
fn number_arg(name: &str, n: i64) -> FluentValue<'static> {
    if PLACE_ARGS.contains(&name) {
        let options = FluentNumberOptions {
            use_grouping: false,
            ..FluentNumberOptions::default()
        };
        FluentValue::Number(FluentNumber::new(n as f64, options))
    } else {
        FluentValue::from(n)
    }
}

fn grouped(v: &FluentValue, lang: Lang) -> Option<String> {
    match v {
        FluentValue::Number(n) if n.options.use_grouping => {
            Some(group_digits(&n.as_string(), lang))
        }
        _ => None,
    }
}

fn grouped_en<M>(v: &FluentValue, _: &M) -> Option<String> {
    grouped(v, Lang::En)
}

fn grouped_zh<M>(v: &FluentValue, _: &M) -> Option<String> {
    grouped(v, Lang::ZhCn)
}

/// The separator between groups of three digits in `lang`: a comma in
/// English and in Chinese alike (CLDR; the app's `Intl.NumberFormat`
/// writes 1,234 in both).
fn group_separator(lang: Lang) -> char {
    match lang {
        Lang::En | Lang::ZhCn => ',',
    }
}

/// A number written in plain digits (`-1234567.50`) with its whole part
/// grouped by thousands as `lang` writes it (`-1,234,567.50`); the fraction
/// and a text that is not such a number are kept as they are.
fn group_digits(plain: &str, lang: Lang) -> String {
    let (sign, rest) = match plain.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", plain),
    };
    let (whole, fraction) = match rest.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (rest, None),
    };
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return plain.to_owned();
    }
    let sep = group_separator(lang);
    let mut out = String::with_capacity(plain.len() + whole.len() / 3);
    out.push_str(sign);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    if let Some(f) = fraction {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A list of names or values as a reader of `lang` reads it: joined by
/// ", " in English and by the enumeration comma "、" in Chinese (CLDR's
/// narrow list pattern; no "and"/"or" is added, the sentence says which).
pub fn format_list<S: AsRef<str>>(items: &[S], lang: Lang) -> String {
    let sep = match lang {
        Lang::En => ", ",
        Lang::ZhCn => "、",
    };
    items
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<&str>>()
        .join(sep)
}

/// A count (lines, records, tokens) as a reader of `lang` reads it:
/// `1,234`. The one formatting of counts for text output; `--json` keeps
/// the plain number.
pub fn format_count(n: impl Into<i64>, lang: Lang) -> String {
    group_digits(&n.into().to_string(), lang)
}

/// An amount of money as a reader of `lang` reads it in text output:
/// `-1,234.50` (the sign and every decimal kept; no currency). `--json`
/// keeps the plain decimal.
pub fn format_amount(amount: rust_decimal::Decimal, lang: Lang) -> String {
    group_digits(&amount.to_string(), lang)
}

fn fallback(msg: &Msg) -> String {
    let args: Vec<String> = msg
        .args
        .iter()
        .map(|(k, v)| match v {
            Arg::Count(n) => format!("{k}={n}"),
            Arg::Text(s) => format!("{k}={s}"),
            Arg::Msg(m) => format!("{k}={}", fallback(m)),
        })
        .collect();
    if args.is_empty() {
        msg.id.clone()
    } else {
        format!("{} ({})", msg.id, args.join(", "))
    }
}

/// What a catalog holds, for the catalog test: each message id with the
/// variables its text uses, and every problem loading it (syntax errors,
/// an id defined twice).
#[derive(Debug)]
pub struct CatalogInfo {
    pub messages: BTreeMap<String, BTreeSet<String>>,
    /// The ids other messages reference (`{ topup-ago }`): used by them.
    pub referenced: BTreeSet<String>,
    pub problems: Vec<String>,
}

/// The contents of `lang`'s catalog.
pub fn catalog_info(lang: Lang) -> CatalogInfo {
    let (_, mut problems) = build(lang);
    let mut messages = BTreeMap::new();
    for (file, text) in lang.catalog() {
        let res = match ast_of(text) {
            Ok(res) => res,
            Err(e) => {
                problems.push(format!("{}/{file}: {e}", lang.tag()));
                continue;
            }
        };
        for entry in res.body {
            if let ast::Entry::Message(m) = entry {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    pattern_vars(p, &mut vars);
                }
                for a in &m.attributes {
                    pattern_vars(&a.value, &mut vars);
                }
                messages.insert(m.id.name.to_owned(), vars);
            }
        }
    }
    // A message that references another (`{ topup-ago }`) passes it its
    // own arguments: count the referenced message's among them.
    for _ in 0..4 {
        let snapshot = messages.clone();
        for vars in messages.values_mut() {
            let refs: Vec<String> = vars
                .iter()
                .filter_map(|v| v.strip_prefix('@').map(str::to_owned))
                .collect();
            for r in refs {
                if let Some(more) = snapshot.get(&r) {
                    vars.extend(more.iter().filter(|v| !v.starts_with('@')).cloned());
                }
            }
        }
    }
    let mut referenced = BTreeSet::new();
    for vars in messages.values_mut() {
        referenced.extend(
            vars.iter()
                .filter_map(|v| v.strip_prefix('@').map(str::to_owned)),
        );
        vars.retain(|v| !v.starts_with('@'));
    }
    CatalogInfo {
        messages,
        referenced,
        problems,
    }
}

fn ast_of(text: &str) -> Result<ast::Resource<&str>, String> {
    fluent_syntax::parser::parse(text).map_err(|(_, errors)| format!("{errors:?}"))
}

fn pattern_vars(p: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            expression_vars(expression, out);
        }
    }
}

fn expression_vars(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Inline(i) => inline_vars(i, out),
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, out);
            for v in variants {
                pattern_vars(&v.value, out);
            }
        }
    }
}

fn inline_vars(i: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, out);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, out),
        ast::InlineExpression::MessageReference { id, .. } => {
            out.insert(format!("@{}", id.name));
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_variables_are_read_in_posix_order() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert_eq!(Lang::from_locale_vars(env(&[])), Lang::En);
        assert_eq!(
            Lang::from_locale_vars(env(&[("LANG", "zh_CN.UTF-8")])),
            Lang::ZhCn
        );
        // LC_MESSAGES beats LANG, LC_ALL beats both; an empty one is skipped.
        assert_eq!(
            Lang::from_locale_vars(env(&[("LANG", "zh_CN.UTF-8"), ("LC_MESSAGES", "en_US")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_locale_vars(env(&[
                ("LANG", "en_US.UTF-8"),
                ("LC_MESSAGES", "en_US"),
                ("LC_ALL", "zh_TW.UTF-8")
            ])),
            Lang::ZhCn
        );
        assert_eq!(
            Lang::from_locale_vars(env(&[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "")])),
            Lang::ZhCn
        );
        // A language the core does not speak falls back to English.
        assert_eq!(
            Lang::from_locale_vars(env(&[("LANG", "de_DE.UTF-8")])),
            Lang::En
        );
        assert_eq!(Lang::from_tag("C"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
    }

    #[test]
    fn a_missing_id_shows_itself_with_its_arguments() {
        let m = Msg::new("no-such-message").arg("n", 3);
        assert_eq!(render(Lang::En, &m), "no-such-message (n=3)");
    }

    #[test]
    fn a_message_argument_renders_in_the_same_language() {
        let inner = Msg::new("import-unreadable-file")
            .arg("file", "a.ofx")
            .arg("found", "x");
        let outer = Msg::new("import-csv-unreadable")
            .arg("file", "b.csv")
            .arg("line", "3")
            .arg("found", inner.clone());
        let en = render(Lang::En, &outer);
        assert!(en.contains("a.ofx: cannot read the file: x"), "{en}");
        let zh = render(Lang::ZhCn, &outer);
        assert!(zh.contains("a.ofx：无法读取文件：x"), "{zh}");
        assert_eq!(
            serde_json::to_value(&outer)
                .ok()
                .map(|v| v["args"]["found"]["id"].clone()),
            Some(serde_json::json!("import-unreadable-file"))
        );
    }

    #[test]
    fn counts_are_grouped_and_places_are_not() {
        // A count is grouped as the app groups it; a line number or an id
        // is a place, printed as its digits ("a.csv:1234"). No isolation
        // marks either way.
        let m = Msg::new("cli-rule-reclassified").arg("lines", 1_234_567_u64);
        assert_eq!(render(Lang::En, &m), "Re-classified 1,234,567 lines.");
        assert_eq!(render(Lang::ZhCn, &m), "已重新分类 1,234,567 笔账目。");
        let m = Msg::new("cli-rejects-line")
            .arg("line", 12_345)
            .arg("reason", "x");
        assert_eq!(render(Lang::ZhCn, &m), "第 12345 行：x");

        // A share is a decimal the caller formats; the catalog adds the sign.
        let m = Msg::new("cli-summary-ai-share-in")
            .arg("currency", "EUR")
            .arg("percent", "12.5");
        assert_eq!(render(Lang::En, &m), "in EUR: 12.5%");
        assert_eq!(render(Lang::ZhCn, &m), "EUR：12.5%");
    }

    #[test]
    fn counts_and_amounts_are_formatted_for_the_reader() {
        assert_eq!(format_count(0, Lang::En), "0");
        assert_eq!(format_count(999, Lang::En), "999");
        assert_eq!(format_count(1_000, Lang::En), "1,000");
        assert_eq!(format_count(-1_234_567, Lang::ZhCn), "-1,234,567");
        let d = |s: &str| s.parse::<rust_decimal::Decimal>().unwrap_or_default();
        assert_eq!(format_amount(d("-1234567.50"), Lang::En), "-1,234,567.50");
        assert_eq!(format_amount(d("1234.5"), Lang::ZhCn), "1,234.5");
        assert_eq!(format_amount(d("-12.00"), Lang::En), "-12.00");
        assert_eq!(group_digits("n/a", Lang::En), "n/a");
    }

    #[test]
    fn lists_are_joined_as_each_language_joins_them() {
        let values = ["day", "week", "month"];
        assert_eq!(format_list(&values, Lang::En), "day, week, month");
        assert_eq!(format_list(&values, Lang::ZhCn), "day、week、month");
        assert_eq!(format_list(&["one"], Lang::ZhCn), "one");
        assert_eq!(format_list::<&str>(&[], Lang::En), "");
    }

    #[test]
    fn plurals_follow_each_languages_rules() {
        let summary = |n: i64| {
            Msg::new("reconcile-summary")
                .arg("lines", n)
                .arg("records", n)
                .arg("matched", 0)
        };
        assert_eq!(
            render(Lang::En, &summary(1)),
            "1 API top-up card line, 1 provider payment record, 0 matched."
        );
        assert_eq!(
            render(Lang::En, &summary(2)),
            "2 API top-up card lines, 2 provider payment records, 0 matched."
        );
        // Chinese has one form: a measure word, never an English plural.
        let zh1 = render(Lang::ZhCn, &summary(1));
        assert_eq!(zh1.replace('1', "2"), render(Lang::ZhCn, &summary(2)));
        // An exact-number variant ([0]) is chosen in both languages.
        let wrote = |n: i64| {
            Msg::new("cli-export-wrote")
                .arg("file", "a.csv")
                .arg("format", "csv")
                .arg("lines", 3)
                .arg("accounts", n)
        };
        assert_eq!(render(Lang::En, &wrote(0)), "Wrote a.csv (csv): 3 lines.");
        assert_eq!(
            render(Lang::En, &wrote(2)),
            "Wrote a.csv (csv): 3 lines, 2 own accounts."
        );
        assert_eq!(
            render(Lang::ZhCn, &wrote(0)),
            "已写入 a.csv（csv）：3 笔账目。"
        );
    }

    #[test]
    fn a_negative_count_of_days_is_said_as_earlier_in_chinese() {
        let later = |n: i64| Msg::new("cli-days-later").arg("days", n);
        let earlier = Msg::new("cli-days-earlier").arg("days", 2);
        // English keeps the signed count it always printed.
        assert_eq!(render(Lang::En, &earlier), "-2 day(s) apart");
        assert_eq!(render(Lang::En, &later(0)), "0 day(s) apart");
        assert_eq!(render(Lang::ZhCn, &earlier), "银行卡记录早 2 天");
        assert_eq!(render(Lang::ZhCn, &later(3)), "银行卡记录晚 3 天");
        assert_eq!(render(Lang::ZhCn, &later(0)), "同一天");
    }

    #[test]
    fn messages_serialize_language_neutral() {
        let m = Msg::new("x").arg("n", 2).arg("amount", "12.50 USD");
        assert_eq!(
            serde_json::to_value(&m).ok(),
            Some(serde_json::json!({"id": "x", "args": {"amount": "12.50 USD", "n": 2}}))
        );
    }
}
