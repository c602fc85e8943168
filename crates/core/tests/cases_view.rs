//! The Cases and Reconciliation views' read models (app::cases_view,
//! app::recon_view) against a ledger file holding the reconciliation Citi
//! statement: a pending OpenAI hold, two equal charges on one day, an old
//! Anthropic hold.

use std::path::{Path, PathBuf};

use aispend_core::app::cases_view::{
    case_answer, case_attach, case_candidates, case_export, case_list, case_new, case_open,
    case_pack_preview, case_thumbnail, CaseDto, Question, RowStatus,
};
use aispend_core::app::recon_view::{case_from_flag, recon_view};
use aispend_core::cases::HitKind;
use aispend_core::cases::{self, LocalZone};
use aispend_core::i18n::Lang;
use aispend_core::import::{import_file, ImportOptions};
use aispend_core::ledger::TxnStatus;
use aispend_core::provider::Provider;
use aispend_core::reconcile::FlagKind;
use aispend_core::topup::{Contact, DoNot, Origin};
use aispend_core::Ledger;
use chrono::{DateTime, NaiveDate, Utc};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(rel)
}

fn now() -> DateTime<Utc> {
    "2026-11-24T12:00:00Z".parse().expect("instant")
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
}

fn utc() -> LocalZone {
    LocalZone::parse_offset("+08:00").expect("offset")
}

fn citi_ledger(dir: &Path) -> Ledger {
    let mut ledger = Ledger::open(&dir.join("ledger.sqlite")).expect("ledger");
    import_file(
        &mut ledger,
        &fixture("reconcile/Citi-card-2026-11.CSV"),
        &ImportOptions::default(),
    )
    .expect("import");
    ledger
}

fn question<'a>(case: &'a CaseDto, fact: &str) -> &'a Question {
    case.questions
        .iter()
        .find(|q| q.fact == fact)
        .unwrap_or_else(|| panic!("no question {fact}"))
}

fn top(case: &CaseDto) -> &str {
    case.diagnosis
        .as_ref()
        .and_then(|d| d.findings.first())
        .map_or("", |f| f.code.as_str())
}

#[test]
fn a_case_about_a_pending_charge_is_prefilled_diagnosed_attached_and_exported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut ledger = citi_ledger(dir.path());

    // The "which charge?" step offers the API top-ups, newest first.
    let lines = case_candidates(&ledger).expect("candidates");
    let first = lines.first().expect("a top-up line");
    assert_eq!(first.date, "2026-11-21");
    assert_eq!(first.status, RowStatus::Txn(TxnStatus::Pending));
    assert!(first.description.starts_with("OPENAI"), "{first:?}");
    assert!(
        lines.iter().all(|l| !l.description.contains("CHATGPT")),
        "a subscription is not a top-up: {lines:?}"
    );

    // Opened about that line: the ledger's answers come with the line.
    let case = case_new(&mut ledger, Some(first.id), utc(), now()).expect("new case");
    assert_eq!(case.title, "OpenAI 25.00 USD on 2026-11-21");
    let bank = question(&case, "bank_status");
    assert_eq!(bank.answer.as_deref(), Some("pending"));
    assert_eq!(bank.source, Some(Origin::Ledger));
    assert_eq!(bank.rows.len(), 1);
    assert_eq!(bank.rows[0].id, first.id);
    assert_eq!(bank.rows[0].amount, "-25.00");
    assert_eq!(question(&case, "amount").answer.as_deref(), Some("25.00"));
    assert_eq!(top(&case), "bank_authorization_only");
    let d = case.diagnosis.as_ref().expect("diagnosis");
    assert_eq!(d.first_contact, Contact::IssuingBank);
    assert!(d.do_not.contains(&DoNot::PayAgain), "{d:?}");
    // The next question is one the diagnosis says would matter.
    let next = case.next_question.expect("a next question");
    let next = next.as_str();
    assert!(question(&case, next).matters && question(&case, next).answer.is_none());
    assert!(case.message.contains("bank"), "{}", case.message);

    // An answer is recorded as the user's and the diagnosis follows.
    let case = case_answer(
        &mut ledger,
        case.id,
        "platform_payment_record",
        "none",
        now(),
    )
    .expect("answer");
    let q = question(&case, "platform_payment_record");
    assert_eq!(
        (q.answer.as_deref(), q.source),
        (Some("none"), Some(Origin::User))
    );
    assert_eq!(top(&case), "bank_authorization_only");
    let bad = case_answer(&mut ledger, case.id, "bank_status", "maybe", now())
        .expect_err("not a bank status");
    assert_eq!(bad.code, "bad-answer");
    assert!(bad.message.contains("pending"), "{}", bad.message);

    // A screenshot: copied without its metadata, shown as a data: URL.
    let case = case_attach(
        &mut ledger,
        case.id,
        &[fixture("evidence/screenshot_with_gps.jpg")],
        now(),
    )
    .expect("attach");
    let a = &case.attachments[0];
    assert!(a.metadata_removed && a.has_thumbnail, "{a:?}");
    let thumb = case_thumbnail(&ledger, case.id, a.id)
        .expect("thumbnail")
        .expect("an image");
    assert!(
        thumb.starts_with("data:image/jpeg;base64,/9j/"),
        "{}",
        &thumb[..40]
    );
    assert_eq!(
        case_thumbnail(&ledger, case.id, 999)
            .expect_err("no such file")
            .code,
        "not-found"
    );

    // A full card number in a note is masked in the preview and the pack.
    cases::note(
        &mut ledger,
        case.id,
        "Card 4111 1111 1111 1111, receipts to jane.doe@example.com",
        now(),
    )
    .expect("note");
    let preview = case_pack_preview(&mut ledger, case.id, Lang::En, now()).expect("preview");
    assert!(
        preview.redactions.iter().any(|r| r.kind == HitKind::Card),
        "{preview:?}"
    );
    assert!(preview.redactions.iter().any(|r| r.kind == HitKind::Email));
    assert!(!preview.summary.contains("4111 1111 1111 1111"));
    assert!(preview.summary.contains("1111"));
    assert!(preview
        .files
        .iter()
        .any(|f| f.path.ends_with("/data/message.txt")));
    assert!(preview
        .files
        .iter()
        .any(|f| f.path.contains("/data/attachments/")));

    let out = dir.path().join("pack.zip");
    let written = case_export(&mut ledger, case.id, &out, Lang::En, now()).expect("export");
    assert_eq!(written.files as usize, preview.files.len());
    let report = cases::verify(&out).expect("verify");
    assert!(report.ok, "{report:?}");
    let bytes = std::fs::read(&out).expect("read pack");
    assert!(!bytes.windows(19).any(|w| w == b"4111 1111 1111 1111"));

    // Reopened later: the same answers.
    let again = case_open(&mut ledger, case.id, now()).expect("open");
    assert_eq!(
        question(&again, "platform_payment_record")
            .answer
            .as_deref(),
        Some("none")
    );
    assert_eq!(case_list(&ledger).expect("list").len(), 1);
    assert_eq!(
        case_open(&mut ledger, 42, now()).expect_err("no case").code,
        "not-found"
    );
}

#[test]
fn a_flag_opens_a_prefilled_case_and_then_points_at_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut ledger = citi_ledger(dir.path());
    let view = recon_view(&ledger, as_of()).expect("reconcile");
    let stale = view
        .flags
        .iter()
        .find(|f| f.kind == FlagKind::StalePending)
        .expect("the old Anthropic hold");
    assert_eq!(stale.provider, Provider::Anthropic);
    assert_eq!(stale.rows.len(), 1);
    assert!(stale.rows[0].description.starts_with("ANTHROPIC"));
    assert_eq!(stale.case_id, None);
    let double = view
        .flags
        .iter()
        .find(|f| f.kind == FlagKind::DoubleCharge)
        .expect("two equal charges");
    assert_eq!(double.rows.len(), 2);

    let case = case_from_flag(&mut ledger, &stale.key, as_of(), utc(), now()).expect("case");
    assert_eq!(case.provider, Provider::Anthropic);
    assert_eq!(question(&case, "amount").answer.as_deref(), Some("5.00"));
    let bank = question(&case, "bank_status");
    assert_eq!(bank.answer.as_deref(), Some("pending"));
    assert_eq!(bank.rows[0].id, stale.rows[0].id);
    assert_eq!(case.rows.len(), 1);
    assert_eq!(top(&case), "bank_authorization_only");

    let again = recon_view(&ledger, as_of()).expect("reconcile");
    let stale2 = again
        .flags
        .iter()
        .find(|f| f.key == stale.key)
        .expect("still flagged");
    assert_eq!(stale2.case_id, Some(case.id));
    let gone = case_from_flag(&mut ledger, "stale_pending:t999:", as_of(), utc(), now())
        .expect_err("no such flag");
    assert_eq!(gone.code, "not-found");
}

/// The wizard and its drafted message follow the diagnosis when time has
/// passed: a top-up credited weeks ago and used since is bought again, with
/// nobody to write to; two settled charges go to the bank, never paid again.
#[test]
fn the_wizard_and_its_message_follow_the_first_contact_after_time_has_passed() {
    use aispend_core::money::Currency;
    use aispend_core::provider::{NewPayment, PaymentKind, PaymentStatus, Provider};
    use rust_decimal::Decimal;

    let dir = tempfile::tempdir().expect("tempdir");
    let mut ledger = Ledger::open(&dir.path().join("ledger.sqlite")).expect("ledger");
    for f in [
        "topup/ledger/Citi-card-2026-01.CSV",
        "topup/ledger/cost_2026-01-16_2026-01-28.csv",
    ] {
        import_file(&mut ledger, &fixture(f), &ImportOptions::default()).expect("import");
    }
    let payment = aispend_core::provider::add_payment(
        &mut ledger,
        &NewPayment {
            provider: Provider::Openai,
            kind: PaymentKind::CreditPurchase,
            status: PaymentStatus::Succeeded,
            paid_date: NaiveDate::from_ymd_opt(2026, 1, 16).expect("date"),
            paid_at: Some("2026-01-16T14:20:00Z".parse().expect("instant")),
            amount: Decimal::new(2000, 2),
            currency: Currency::USD,
            invoice_number: None,
            receipt_number: None,
            organization_id: None,
            card_brand: None,
            card_last4: None,
            balance_before: None,
            balance_after: None,
            note: None,
        },
    )
    .expect("payment")
    .id;
    let weeks_later: DateTime<Utc> = "2026-03-02T10:00:00Z".parse().expect("instant");
    let line = case_candidates(&ledger)
        .expect("candidates")
        .into_iter()
        .find(|l| l.date == "2026-01-16")
        .expect("the top-up line");
    let case = case_new(&mut ledger, Some(line.id), utc(), weeks_later).expect("new case");
    cases::link_payment(&mut ledger, case.id, payment, weeks_later).expect("link");
    let case = case_answer(
        &mut ledger,
        case.id,
        "api_error",
        r#"{"status": 429, "code": "insufficient_quota"}"#,
        weeks_later,
    )
    .expect("answer");
    let used = question(&case, "used_since_payment");
    assert_eq!(
        (used.answer.as_deref(), used.source),
        (Some("true"), Some(Origin::Ledger))
    );
    assert_eq!(top(&case), "quota_exhausted");
    let d = case.diagnosis.as_ref().expect("diagnosis");
    assert_eq!(d.first_contact, Contact::None);
    assert!(d.do_not.is_empty(), "{d:?}");
    // Nobody to write to: no letter, only what to do.
    assert!(
        case.message.starts_with("Nobody needs to be contacted"),
        "{}",
        case.message
    );
    assert!(!case.message.contains("To: "), "{}", case.message);
    assert!(case.message.contains("Buy credits"), "{}", case.message);

    // Two settled charges for a top-up that a negative balance explains.
    let case = case_new(&mut ledger, None, utc(), weeks_later).expect("new case");
    let mut case = case;
    for (fact, value) in [
        ("amount", "10.00"),
        ("currency", "USD"),
        ("paid_at", "2026-02-26T16:00:00Z"),
        ("bank_status", "settled"),
        ("charges_seen", "2"),
        ("platform_payment_record", "succeeded"),
        ("balance_before", "-8.00"),
        ("balance_after", "2.00"),
    ] {
        case = case_answer(&mut ledger, case.id, fact, value, weeks_later).expect(fact);
    }
    assert_eq!(top(&case), "duplicate_charge_risk");
    let d = case.diagnosis.as_ref().expect("diagnosis");
    assert_eq!(d.first_contact, Contact::IssuingBank);
    assert_eq!(d.do_not, [DoNot::PayAgain, DoNot::Chargeback]);
    assert!(
        case.message
            .starts_with("To: the bank that issued my card\n"),
        "{}",
        case.message
    );
    assert!(
        case.message.contains("charged more than once"),
        "{}",
        case.message
    );
    assert!(
        case.message.contains("I have not paid a second time."),
        "{}",
        case.message
    );
}
