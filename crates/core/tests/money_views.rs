//! The desktop app's Reimbursement and Provider views (issue #7): their read
//! models agree with the core's report, the CLI's sums and the ledger.

use std::path::{Path, PathBuf};

use aispend_core::app;
use aispend_core::app::provider_view::ProviderQuery;
use aispend_core::app::reimburse_view::{ConversionKind, ExportKind, ReimburseRequest, TagTarget};
use aispend_core::app::{AppError, ErrorDto, TxnQuery};
use aispend_core::classify::Class;
use aispend_core::import::{import_file, ImportOptions};
use aispend_core::provider::{CostFilter, Provider, RecordKind};
use aispend_core::Ledger;
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(rel)
}

fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn dec(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

fn now() -> DateTime<Utc> {
    "2026-02-10T09:00:00Z".parse().expect("instant")
}

const CHASE: &str = "chase/Chase1234_Activity20260101_20260131_20260203.CSV";

fn chase_ledger(dir: &Path) -> Ledger {
    let mut l = Ledger::open(&dir.join("ledger.sqlite")).expect("open");
    import_file(&mut l, &fixture(CHASE), &ImportOptions::default()).expect("import");
    l
}

fn request(client: &str) -> ReimburseRequest {
    ReimburseRequest {
        client: client.into(),
        from: d("2026-01-01"),
        to: d("2026-01-31"),
        currency: None,
        rates: vec![],
        include_reimbursed: true,
    }
}

#[test]
fn tagging_by_ids_and_by_query_feeds_the_preview() {
    let dir = tempfile::tempdir().expect("dir");
    let mut l = chase_ledger(dir.path());
    // Every AI subscription of January, through the view's query.
    let q = TxnQuery {
        class: Some(Class::AiSubscription),
        ..TxnQuery::default()
    };
    let subs = l.txn_ids(&q).expect("ids");
    assert!(!subs.is_empty());
    assert_eq!(subs.len() as u64, l.txn_count(&q).expect("count"));
    let r = app::reimburse_view::tag_lines(
        &mut l,
        &TagTarget {
            ids: None,
            query: Some(q),
        },
        " Client: Acme Corp ",
        false,
    )
    .expect("tag");
    assert_eq!(r.tag, "client:Acme Corp");
    assert_eq!(r.selected, subs.len() as u64);
    assert_eq!(r.changed, subs.len() as u64);
    // And one more line by id, plus a project on it.
    let api = l
        .txn_ids(&TxnQuery {
            class: Some(Class::AiApi),
            ..TxnQuery::default()
        })
        .expect("ids");
    let one = TagTarget {
        ids: Some(vec![api[0]]),
        query: None,
    };
    app::reimburse_view::tag_lines(&mut l, &one, "client:acme corp", false).expect("tag");
    app::reimburse_view::tag_lines(&mut l, &one, "project:Chatbot", false).expect("tag");

    let tags = app::reimburse_view::reimburse_tags(&l).expect("tags");
    assert_eq!(tags.clients.len(), 1, "{tags:?}");
    assert_eq!(tags.clients[0].name, "Acme Corp");
    assert_eq!(tags.clients[0].lines, subs.len() as u64 + 1);
    assert_eq!(tags.projects[0].name, "Chatbot");
    assert_eq!(tags.projects[0].lines, 1);

    let p =
        app::reimburse_view::reimburse_preview(&l, &request("ACME CORP"), now()).expect("preview");
    assert_eq!(p.client, "Acme Corp");
    assert_eq!(p.lines.len(), subs.len() + 1);
    assert_eq!(p.missing_receipts, p.lines.len() as u64);
    // The owed total is the sum of the lines' owed amounts, in USD.
    let sum: Decimal = p.lines.iter().map(|x| x.owed).sum();
    assert_eq!(p.totals.len(), 1);
    assert_eq!(p.totals[0].currency, "USD");
    assert_eq!(p.totals[0].owed, sum);
    assert_eq!(p.total_converted, sum);
    assert_eq!(p.outstanding_converted, sum);
    assert!(p.lines.iter().all(|x| x.conversion == ConversionKind::Same));

    // Removing the project tag again.
    let r = app::reimburse_view::tag_lines(&mut l, &one, "project:chatbot", true).expect("untag");
    assert_eq!(r.changed, 1);
    assert!(app::reimburse_view::reimburse_tags(&l)
        .expect("tags")
        .projects
        .is_empty());
}

#[test]
fn bad_tags_and_empty_targets_are_refused_with_a_code() {
    let dir = tempfile::tempdir().expect("dir");
    let mut l = chase_ledger(dir.path());
    let none = app::reimburse_view::tag_lines(&mut l, &TagTarget::default(), "client:Acme", false);
    assert!(matches!(none, Err(AppError::NoLines)));
    let bad = app::reimburse_view::tag_lines(
        &mut l,
        &TagTarget {
            ids: Some(vec![1]),
            query: None,
        },
        "client:",
        false,
    )
    .err()
    .map(ErrorDto::from);
    assert_eq!(
        bad.map(|e| e.code.to_string()),
        Some("bad-input".to_owned())
    );
    let backwards = ReimburseRequest {
        from: d("2026-02-01"),
        ..request("Acme")
    };
    let e = app::reimburse_view::reimburse_preview(&l, &backwards, now())
        .err()
        .map(ErrorDto::from);
    assert_eq!(e.map(|e| e.code.to_string()), Some("bad-input".to_owned()));
    let rate = ReimburseRequest {
        rates: vec!["EUR=abc".into()],
        ..request("Acme")
    };
    assert!(app::reimburse_view::reimburse_preview(&l, &rate, now()).is_err());
}

#[test]
fn exports_write_the_cli_files_and_marks_can_be_undone() {
    let dir = tempfile::tempdir().expect("dir");
    let mut l = chase_ledger(dir.path());
    let q = TxnQuery {
        vendor: Some("openai".into()),
        ..TxnQuery::default()
    };
    app::reimburse_view::tag_lines(
        &mut l,
        &TagTarget {
            ids: None,
            query: Some(q),
        },
        "client:Globex",
        false,
    )
    .expect("tag");
    let req = request("Globex");
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");

    // The save dialog may return a name without its extension.
    let csv = app::reimburse_view::reimburse_export(
        &l,
        &req,
        ExportKind::Csv,
        &out.join("globex"),
        now(),
        aispend_core::i18n::Lang::En,
    )
    .expect("csv");
    assert!(csv.file.ends_with("globex.csv"), "{}", csv.file);
    assert!(Path::new(&csv.file).is_file());
    let zip_beside = csv.receipts_zip.expect("zip beside");
    assert!(Path::new(&zip_beside).is_file());
    let text = std::fs::read_to_string(&csv.file).expect("read csv");
    let p = app::reimburse_view::reimburse_preview(&l, &req, now()).expect("preview");
    assert!(
        text.contains(&p.totals[0].owed.to_string()),
        "the CSV holds the preview's total {}:\n{text}",
        p.totals[0].owed
    );
    let pdf = app::reimburse_view::reimburse_export(
        &l,
        &req,
        ExportKind::Pdf,
        &out.join("globex.pdf"),
        now(),
        aispend_core::i18n::Lang::En,
    )
    .expect("pdf");
    assert!(std::fs::read(&pdf.file).expect("pdf").starts_with(b"%PDF"));
    let zip = app::reimburse_view::reimburse_export(
        &l,
        &req,
        ExportKind::Zip,
        &out.join("receipts.zip"),
        now(),
        aispend_core::i18n::Lang::En,
    )
    .expect("zip");
    assert!(std::fs::read(&zip.file).expect("zip").starts_with(b"PK"));
    assert_eq!(zip.receipts, 0);
    assert_eq!(
        req.suggested_name(ExportKind::Zip),
        "reimbursement-globex-2026-01-01-2026-01-31.receipts.zip"
    );

    // Mark: every line of the report; a second mark adds nothing.
    let m =
        app::reimburse_view::reimburse_mark(&mut l, "globex", req.from, req.to, d("2026-02-09"))
            .expect("mark");
    assert_eq!(m.client, "Globex");
    assert_eq!(m.ids.len(), p.lines.len());
    let again =
        app::reimburse_view::reimburse_mark(&mut l, "Globex", req.from, req.to, d("2026-02-10"))
            .expect("mark");
    assert!(again.ids.is_empty());
    let marked = app::reimburse_view::reimburse_preview(&l, &req, now()).expect("preview");
    assert_eq!(marked.reimbursed_lines, p.lines.len() as u64);
    assert_eq!(marked.outstanding_converted, dec("0.00"));
    assert!(marked
        .lines
        .iter()
        .all(|x| x.reimbursed_on == Some(d("2026-02-09"))));
    let outstanding = ReimburseRequest {
        include_reimbursed: false,
        ..req.clone()
    };
    assert!(
        app::reimburse_view::reimburse_preview(&l, &outstanding, now())
            .expect("preview")
            .lines
            .is_empty()
    );
    // Undo.
    assert_eq!(
        app::reimburse_view::reimburse_unmark(&mut l, &m.ids).expect("unmark"),
        m.ids.len() as u64
    );
    assert_eq!(
        app::reimburse_view::reimburse_preview(&l, &req, now())
            .expect("preview")
            .reimbursed_lines,
        0
    );
}

fn provider_ledger() -> Ledger {
    let mut l = Ledger::open_in_memory().expect("ledger");
    for f in [
        "openai/cost_2026-11-01_2026-11-03.csv",
        "anthropic/claude_api_cost_2026-11.csv",
    ] {
        import_file(&mut l, &fixture(f), &ImportOptions::default()).expect("import");
    }
    l
}

#[test]
fn the_provider_view_adds_up_to_the_cost_records() {
    let l = provider_ledger();
    let v = app::provider_view::provider_view(&l, &ProviderQuery::default()).expect("view");
    let records = l.costs(&CostFilter::default()).expect("costs");
    assert_eq!(v.records, records.len() as u64);
    // Per provider: every grouping adds up to the records' sum.
    for provider in [Provider::Openai, Provider::Anthropic] {
        let want: Decimal = records
            .iter()
            .filter(|r| r.provider == provider && r.kind == RecordKind::Cost)
            .filter_map(|r| r.amount)
            .sum();
        assert!(want > Decimal::ZERO, "{provider} has cost");
        for (name, lines) in [
            ("project", &v.by_project),
            ("line item", &v.by_line_item),
            ("model", &v.by_model),
            ("api key", &v.by_api_key),
            ("month", &v.by_month),
            ("totals", &v.totals),
        ] {
            let got: Decimal = lines
                .iter()
                .filter(|g| g.provider == provider)
                .map(|g| g.amount)
                .sum();
            assert_eq!(got, want, "{provider} by {name}");
        }
    }
    // A project's figure is its records' sum.
    let atlas: Decimal = records
        .iter()
        .filter(|r| r.project_name.as_deref() == Some("Client Atlas"))
        .filter(|r| r.provider.as_str() == "openai")
        .filter_map(|r| r.amount)
        .sum();
    let shown = v
        .by_project
        .iter()
        .find(|g| g.provider == Provider::Openai && g.key == "Client Atlas")
        .map(|g| g.amount);
    assert_eq!(shown, Some(atlas));
    // Groups other than months are biggest first.
    assert!(v.by_project.windows(2).all(|w| w[0].amount >= w[1].amount));
    // The chart: USD, November 2026, both providers.
    assert_eq!(v.chart_currency.as_deref(), Some("USD"));
    assert_eq!(v.chart.len(), 1);
    assert_eq!(v.chart[0].month, "2026-11");
    let openai_total = v
        .totals
        .iter()
        .find(|t| t.provider == Provider::Openai)
        .map(|t| t.amount);
    assert_eq!(Some(v.chart[0].openai), openai_total);
    assert!(v.chart[0].anthropic > Decimal::ZERO);
    assert_eq!(v.chart[0].topups, Decimal::ZERO);
    assert_eq!(v.vs_topups.len(), 2);
}

#[test]
fn the_provider_view_filters_and_refuses_bad_input() {
    let l = provider_ledger();
    let only = app::provider_view::provider_view(
        &l,
        &ProviderQuery {
            provider: Some(Provider::Anthropic),
            ..ProviderQuery::default()
        },
    )
    .expect("view");
    assert!(only
        .by_project
        .iter()
        .all(|g| g.provider == Provider::Anthropic));
    assert!(only.chart.iter().all(|m| m.openai == Decimal::ZERO));
    let day = app::provider_view::provider_view(
        &l,
        &ProviderQuery {
            provider: None,
            from: Some(d("2026-11-03")),
            to: Some(d("2026-11-03")),
        },
    )
    .expect("view");
    let want: Decimal = l
        .costs(&CostFilter {
            provider: None,
            from: Some(d("2026-11-03")),
            to: Some(d("2026-11-03")),
        })
        .expect("costs")
        .iter()
        .filter(|r| r.kind == RecordKind::Cost)
        .filter_map(|r| r.amount)
        .sum();
    let got: Decimal = day.totals.iter().map(|t| t.amount).sum();
    assert_eq!(got, want);
    // A provider the ledger does not know cannot even be asked for: the
    // query's provider is typed, so the request is refused as it arrives.
    let bad = serde_json::from_str::<ProviderQuery>(r#"{"provider": "mistral"}"#);
    assert!(bad.is_err());
    let backwards = app::provider_view::provider_view(
        &l,
        &ProviderQuery {
            provider: None,
            from: Some(d("2026-11-04")),
            to: Some(d("2026-11-01")),
        },
    );
    assert!(backwards.is_err());
    // An empty ledger: no groups, no chart.
    let empty = Ledger::open_in_memory().expect("ledger");
    let v = app::provider_view::provider_view(&empty, &ProviderQuery::default()).expect("view");
    assert_eq!(v.records, 0);
    assert!(v.chart.is_empty() && v.chart_currency.is_none());
}

#[test]
fn clients_from_rule_tags_count_until_the_user_retags_a_line() {
    use aispend_core::classify::{Class, MatchField, MatchKind, NewRule};
    let dir = tempfile::tempdir().expect("dir");
    let mut l = chase_ledger(dir.path());
    l.add_rule(NewRule {
        field: MatchField::Description,
        kind: MatchKind::Contains,
        pattern: "BLUE BOTTLE".into(),
        min_amount: None,
        max_amount: None,
        account: None,
        currency: None,
        class: Class::Everyday,
        vendor: None,
        product: None,
        tags: vec!["client:Initech".into()],
        priority: 0,
    })
    .expect("rule");
    let coffee = l
        .txn_ids(&TxnQuery {
            text: Some("BLUE BOTTLE".into()),
            ..TxnQuery::default()
        })
        .expect("ids");
    assert_eq!(coffee.len(), 2);
    let tags = app::reimburse_view::reimburse_tags(&l).expect("tags");
    assert_eq!(tags.clients.len(), 1);
    assert_eq!(
        (tags.clients[0].name.as_str(), tags.clients[0].lines),
        ("Initech", 2)
    );
    // The user's tags replace the rule's on that line (rule tags included).
    app::reimburse_view::tag_lines(
        &mut l,
        &TagTarget {
            ids: Some(vec![coffee[0]]),
            query: None,
        },
        "client:Initech",
        true,
    )
    .expect("untag");
    let tags = app::reimburse_view::reimburse_tags(&l).expect("tags");
    assert_eq!(tags.clients[0].lines, 1);
    let p =
        app::reimburse_view::reimburse_preview(&l, &request("initech"), now()).expect("preview");
    assert_eq!(p.lines.len(), 1);
    assert_eq!(p.totals[0].owed, dec("5.75"));
}
