//! Classification end to end: the labelled statement set (every line's
//! expected class, vendor and product), and the ledger's rules, edits and
//! re-classification over real fixture statements.

use std::path::{Path, PathBuf};

use aispend_core::classify::{Catalog, Class, Classifier, Line, MatchField, MatchKind, NewRule};
use aispend_core::import::{import_file, ImportOptions};
use aispend_core::ledger::{TxnEdit, TxnFilter, TxnRow};
use aispend_core::money::to_micros;
use aispend_core::Ledger;
use rust_decimal::Decimal;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(rel)
}

fn micros(text: &str) -> Option<i64> {
    let t = text.trim();
    (!t.is_empty()).then(|| {
        let d: Decimal = t.parse().unwrap_or_else(|e| panic!("amount {t:?}: {e}"));
        to_micros(d).unwrap_or_else(|e| panic!("amount {t:?}: {e}"))
    })
}

fn opt(text: &str) -> Option<&str> {
    Some(text.trim()).filter(|t| !t.is_empty())
}

#[test]
fn the_labelled_statement_set_is_classified_as_labelled() {
    let mut reader = csv::Reader::from_path(fixture("classify/labelled.csv")).expect("fixture");
    let mut classifier = Classifier::new(Catalog::builtin(), &[]).expect("classifier");
    let mut mismatches = Vec::new();
    let mut count = 0;
    let mut classes = std::collections::HashSet::new();
    for (n, rec) in reader.records().enumerate() {
        let rec = rec.expect("record");
        let f = |i: usize| rec.get(i).unwrap_or_default();
        let (description, amount, currency) = (f(0), f(1), f(2));
        let line = Line {
            description,
            source_type: opt(f(5)),
            memo: opt(f(6)),
            amount: micros(amount).expect("amount"),
            currency,
            original_amount: micros(f(3)),
            original_currency: opt(f(4)),
            account_id: Some(1),
            ..Line::default()
        };
        let got = classifier.classify(&line);
        let want_class: Class = f(7).parse().expect("class label");
        let want_vendor = opt(f(8));
        let want_product = opt(f(9));
        let note = f(10);
        let want_review = note.starts_with("review");
        classes.insert(want_class);
        count += 1;
        let ok = got.class == want_class
            && got.vendor.as_deref() == want_vendor
            && (want_product.is_none() || got.product.as_deref() == want_product)
            && got.review.is_some() == want_review;
        if !ok {
            mismatches.push(format!(
                "{:>4} | {:<40} | {:>9} {} | want {} {} {}{} | got {} {} {} ({}{})",
                n + 2,
                description,
                amount,
                currency,
                want_class,
                want_vendor.unwrap_or("-"),
                want_product.unwrap_or("-"),
                if want_review { " [review]" } else { "" },
                got.class,
                got.vendor.as_deref().unwrap_or("-"),
                got.product.as_deref().unwrap_or("-"),
                got.source,
                got.review
                    .map(|r| format!(", review: {r}"))
                    .unwrap_or_default(),
            ));
        }
    }
    assert!(count >= 150, "the labelled set has {count} lines");
    assert_eq!(classes.len(), 4, "every class is labelled");
    assert!(
        mismatches.is_empty(),
        "{} of {count} lines misclassified:\nline | description | amount | expected | got\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

const JAN: &str = "chase/Chase1234_Activity20260101_20260131_20260203.CSV";

fn ledger_with_jan() -> (tempfile::TempDir, Ledger, u64) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut ledger = Ledger::open(&dir.path().join("ledger.sqlite")).expect("ledger");
    let out = import_file(&mut ledger, &fixture(JAN), &ImportOptions::default()).expect("import");
    (dir, ledger, out.added)
}

fn by_desc<'a>(rows: &'a [TxnRow], description: &str) -> &'a TxnRow {
    rows.iter()
        .find(|r| r.description == description)
        .unwrap_or_else(|| panic!("no line {description}"))
}

fn cls(r: &TxnRow) -> (Option<&str>, Option<&str>) {
    (r.class.map(Class::as_str), r.vendor.as_deref())
}

fn all(ledger: &Ledger) -> Vec<TxnRow> {
    ledger.transactions(&TxnFilter::default()).expect("txns")
}

#[test]
fn an_imported_statement_is_classified() {
    let (_d, ledger, _) = ledger_with_jan();
    let rows = all(&ledger);
    let expect = [
        (
            "OPENAI *CHATGPT SUBSCR",
            Some("ai-subscription"),
            Some("openai"),
        ),
        ("OPENAI", Some("ai-api"), Some("openai")),
        (
            "CLAUDE.AI SUBSCRIPTION",
            Some("ai-subscription"),
            Some("anthropic"),
        ),
        ("ANTHROPIC", Some("ai-api"), Some("anthropic")),
        ("ANTHROPOLOGIE #0512", Some("everyday"), None),
        (
            "GITHUB *COPILOT",
            Some("ai-subscription"),
            Some("github-copilot"),
        ),
        (
            "MIDJOURNEY INC.",
            Some("ai-subscription"),
            Some("midjourney"),
        ),
        ("Payment Thank You-Mobile", Some("transfer"), None),
        ("STARBUCKS STORE 05812", Some("everyday"), None),
    ];
    for (d, class, vendor) in expect {
        assert_eq!(cls(by_desc(&rows, d)), (class, vendor), "{d}");
    }
    let chatgpt = by_desc(&rows, "OPENAI *CHATGPT SUBSCR");
    assert_eq!(chatgpt.product.as_deref(), Some("ChatGPT Plus"));
    assert_eq!(chatgpt.class_source.as_deref(), Some("catalog"));
    assert!(
        rows.iter().all(|r| r.class.is_some()),
        "every line has a class"
    );

    let api = ledger
        .transactions(&TxnFilter {
            class: Some("ai-api".into()),
            ..TxnFilter::default()
        })
        .expect("filter");
    assert_eq!(api.len(), 2);
    let anthropic = ledger
        .transactions(&TxnFilter {
            vendor: Some("anthropic".into()),
            ..TxnFilter::default()
        })
        .expect("filter");
    assert_eq!(anthropic.len(), 2);
}

fn contains_rule(pattern: &str, class: Class, vendor: Option<&str>) -> NewRule {
    NewRule {
        field: MatchField::Description,
        kind: MatchKind::Contains,
        pattern: pattern.into(),
        min_amount: None,
        max_amount: None,
        account: None,
        currency: None,
        class,
        vendor: vendor.map(str::to_owned),
        product: None,
        tags: Vec::new(),
        priority: 0,
    }
}

#[test]
fn a_rule_reclassifies_and_removing_it_restores() {
    let (_d, mut ledger, _) = ledger_with_jan();
    let mut rule = contains_rule("netflix", Class::AiSubscription, Some("netflix-ai"));
    rule.tags = vec!["client-a".into()];
    rule.product = Some("Recommendations".into());
    let added = ledger.add_rule(rule).expect("add rule");
    assert_eq!(added.reclassified, 1);
    let rows = all(&ledger);
    let n = by_desc(&rows, "NETFLIX.COM");
    assert_eq!(cls(n), (Some("ai-subscription"), Some("netflix-ai")));
    assert_eq!(
        n.class_source.as_deref(),
        Some(format!("rule:{}", added.rule.id).as_str())
    );
    assert_eq!(n.tags, vec!["client-a".to_owned()]);

    // Rules come before the catalog.
    let mut openai = contains_rule("openai", Class::Everyday, None);
    openai.min_amount = Some(Decimal::new(2100, 2));
    let r2 = ledger.add_rule(openai).expect("amount-ranged rule");
    assert_eq!(r2.reclassified, 1, "only the 25.00 OPENAI line is over 21");
    assert_eq!(
        cls(by_desc(&all(&ledger), "OPENAI")),
        (Some("everyday"), None)
    );
    assert_eq!(ledger.rules().expect("rules").len(), 2);

    let disabled = ledger.set_rule_enabled(r2.rule.id, false).expect("disable");
    assert_eq!(disabled.reclassified, 1);
    assert_eq!(
        cls(by_desc(&all(&ledger), "OPENAI")),
        (Some("ai-api"), Some("openai"))
    );

    let removed = ledger.remove_rule(added.rule.id).expect("remove");
    assert_eq!(removed.reclassified, 1);
    let n = all(&ledger);
    let n = by_desc(&n, "NETFLIX.COM");
    assert_eq!(cls(n), (Some("everyday"), None));
    assert_eq!(n.class_source.as_deref(), Some("default"));
    assert!(n.tags.is_empty());
    assert!(ledger.remove_rule(added.rule.id).is_err(), "already gone");

    // A bad regex is refused and changes nothing.
    let mut bad = contains_rule("(open", Class::AiApi, Some("x"));
    bad.kind = MatchKind::Regex;
    let err = ledger.add_rule(bad).expect_err("bad regex");
    assert!(err.is_bad_input(), "{err}");
    assert_eq!(ledger.rules().expect("rules").len(), 1);
}

#[test]
fn edits_win_over_rules_and_survive_undo_and_re_import() {
    let (_d, mut ledger, added) = ledger_with_jan();
    let rows = all(&ledger);
    let anth = by_desc(&rows, "ANTHROPIC").id;
    let edited = ledger
        .edit_transaction(
            anth,
            &TxnEdit {
                class: Some("ai-subscription".into()),
                product: Some("Claude Max".into()),
                tags: Some(vec!["client-b".into()]),
                ..TxnEdit::default()
            },
        )
        .expect("edit");
    assert_eq!(cls(&edited), (Some("ai-subscription"), Some("anthropic")));
    assert_eq!(edited.product.as_deref(), Some("Claude Max"));
    assert_eq!(edited.class_source.as_deref(), Some("edit"));

    // A rule saying otherwise does not beat the edit.
    ledger
        .add_rule(contains_rule("anthropic", Class::Everyday, None))
        .expect("rule");
    let t = ledger.transaction(anth).expect("line");
    assert_eq!(cls(&t), (Some("ai-subscription"), Some("anthropic")));

    // Undo and re-import: the line comes back with a new id and the edit.
    let batch = t.batch_id;
    aispend_core::batches::undo(&mut ledger, batch).expect("undo");
    let again =
        import_file(&mut ledger, &fixture(JAN), &ImportOptions::default()).expect("re-import");
    assert_eq!(again.added, added);
    let rows = all(&ledger);
    let back = by_desc(&rows, "ANTHROPIC");
    assert_ne!(back.id, anth);
    assert_eq!(cls(back), (Some("ai-subscription"), Some("anthropic")));
    assert_eq!(back.product.as_deref(), Some("Claude Max"));
    assert_eq!(back.tags, vec!["client-b".to_owned()]);
    assert_eq!(back.class_source.as_deref(), Some("edit"));

    // An edit to everyday drops the vendor.
    let sb = by_desc(&rows, "OPENAI").id;
    let e = ledger
        .edit_transaction(
            sb,
            &TxnEdit {
                class: Some("everyday".into()),
                ..TxnEdit::default()
            },
        )
        .expect("edit");
    assert_eq!(cls(&e), (Some("everyday"), None));
    assert!(ledger
        .edit_transaction(
            sb,
            &TxnEdit {
                class: Some("shopping".into()),
                ..TxnEdit::default()
            }
        )
        .is_err());
}

#[test]
fn a_correction_becomes_a_rule_in_one_step() {
    let (_d, mut ledger, _) = ledger_with_jan();
    // Two identical Blue Bottle lines; the user says one is client lunch.
    let rows = all(&ledger);
    let coffee: Vec<i64> = rows
        .iter()
        .filter(|r| r.description == "SQ *BLUE BOTTLE COFFEE")
        .map(|r| r.id)
        .collect();
    assert_eq!(coffee.len(), 2);
    ledger
        .edit_transaction(
            coffee[0],
            &TxnEdit {
                class: Some("ai-api".into()),
                vendor: Some("bluebottle-ai".into()),
                product: Some("Barista API".into()),
                ..TxnEdit::default()
            },
        )
        .expect("edit");
    let change = ledger.add_rule_from_txn(coffee[0]).expect("from txn");
    assert_eq!(change.rule.rule.pattern, "BLUE BOTTLE COFFEE");
    assert_eq!(change.rule.rule.field, MatchField::Merchant);
    assert_eq!(change.rule.from_txn, Some(coffee[0]));
    assert_eq!(change.reclassified, 2, "both lines now carry the rule");
    let other = ledger.transaction(coffee[1]).expect("line");
    assert_eq!(cls(&other), (Some("ai-api"), Some("bluebottle-ai")));
    assert_eq!(other.product.as_deref(), Some("Barista API"));
    assert_eq!(
        other.class_source.as_deref(),
        Some(format!("rule:{}", change.rule.id).as_str())
    );
    assert!(ledger.add_rule_from_txn(999_999).is_err());
}

#[test]
fn a_user_catalog_extends_the_builtin_one_and_reclassifies() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("ledger.sqlite");
    {
        let mut ledger = Ledger::open(&path).expect("ledger");
        import_file(&mut ledger, &fixture(JAN), &ImportOptions::default()).expect("import");
        assert_eq!(
            cls(by_desc(&all(&ledger), "NETFLIX.COM")),
            (Some("everyday"), None)
        );
    }
    std::fs::write(
        dir.path().join("catalog.toml"),
        r#"
        [[vendor]]
        id = "netflix-ai"
        name = "Netflix AI"

        [[entry]]
        vendor = "netflix-ai"
        class = "ai-subscription"
        product = "Streaming AI"
        patterns = ["NETFLIX.COM"]
        "#,
    )
    .expect("write user catalog");
    let ledger = Ledger::open(&path).expect("reopen with the user catalog");
    assert!(ledger.catalog().version().contains("+user-"));
    let n = all(&ledger);
    let n = by_desc(&n, "NETFLIX.COM");
    assert_eq!(cls(n), (Some("ai-subscription"), Some("netflix-ai")));
    assert_eq!(n.product.as_deref(), Some("Streaming AI"));
    drop(ledger);

    std::fs::write(
        dir.path().join("catalog.toml"),
        "[[entry]]\nclass = 'nope'\n",
    )
    .expect("write");
    let err = Ledger::open(&path).expect_err("a broken user catalog is refused");
    assert!(err.is_bad_input());
    assert!(err.to_string().contains("catalog.toml"), "{err}");
}

#[test]
fn a_ledger_classified_with_another_catalog_version_is_classified_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("ledger.sqlite");
    {
        let mut ledger = Ledger::open(&path).expect("ledger");
        import_file(&mut ledger, &fixture(JAN), &ImportOptions::default()).expect("import");
    }
    // As a ledger just migrated from schema 1 looks: nothing classified.
    let conn = rusqlite::Connection::open(&path).expect("raw");
    conn.execute_batch(
        "UPDATE transactions SET class = NULL, vendor = NULL, product = NULL,
                class_source = NULL;
         UPDATE classify_state SET catalog_version = NULL;",
    )
    .expect("reset");
    drop(conn);
    let ledger = Ledger::open(&path).expect("reopen");
    let rows = all(&ledger);
    assert!(rows.iter().all(|r| r.class.is_some()));
    assert_eq!(
        cls(by_desc(&rows, "OPENAI")),
        (Some("ai-api"), Some("openai"))
    );
}

#[test]
fn a_dry_run_classifies_nothing_and_writes_nothing() {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let out = import_file(
        &mut ledger,
        &fixture(JAN),
        &ImportOptions {
            dry_run: true,
            ..ImportOptions::default()
        },
    )
    .expect("dry run");
    assert_eq!(out.added, 18);
    assert_eq!(ledger.transaction_count().expect("count"), 0);
}

#[test]
fn rules_on_accounts_apply_to_new_accounts_at_import() {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let mut r = contains_rule("starbucks", Class::Transfer, None);
    r.account = Some("Work card".into());
    ledger.add_rule(r).expect("rule");
    import_file(
        &mut ledger,
        &fixture(JAN),
        &ImportOptions {
            account: Some("Work card".into()),
            ..ImportOptions::default()
        },
    )
    .expect("import");
    let rows = all(&ledger);
    assert_eq!(
        cls(by_desc(&rows, "STARBUCKS STORE 05812")),
        (Some("transfer"), None)
    );
}
