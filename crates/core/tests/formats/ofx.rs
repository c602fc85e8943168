//! OFX / QFX statements: 1.x SGML and 2.x XML, bank and card, several
//! accounts in one file, time-zone offsets, hostile markup.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use aispend_core::import::format::{Head, ParsedTxn, RowSink};
use aispend_core::import::{import_file, ImportOptions, RowError, FORMATS};
use aispend_core::ledger::TxnFilter;
use aispend_core::Ledger;

use crate::revolut::{detected_by, extras, import_twice, refusal};
use crate::{fixture, import, lines};

const CHECKING: &str = "ofx/checking.ofx";
const QFX: &str = "ofx/chase_cc.qfx";
const BARE_CR: &str = "ofx/savings_bare_cr.ofx";
const EMPTY_TAGS: &str = "ofx/empty_tags.ofx";
const V2: &str = "ofx/card_v220.ofx";
const TWO: &str = "ofx/two_accounts.ofx";
const OFFSETS: &str = "ofx/offsets.ofx";

#[test]
fn ofx_sgml_checking_statement() {
    insta::assert_snapshot!(lines(CHECKING));
}

#[test]
fn ofx_sgml_checking_ids_types_and_hints() {
    insta::assert_snapshot!(extras(CHECKING, "ofx"));
}

#[test]
fn ofx_qfx_card_with_leading_blank_line_and_charset_1252_over_utf8() {
    insta::assert_snapshot!(lines(QFX));
}

#[test]
fn ofx_qfx_card_ids_and_rates() {
    insta::assert_snapshot!(extras(QFX, "ofx"));
}

#[test]
fn ofx_bare_cr_line_ends() {
    insta::assert_snapshot!(lines(BARE_CR));
}

#[test]
fn ofx_empty_tags() {
    insta::assert_snapshot!(lines(EMPTY_TAGS));
}

#[test]
fn ofx_v2_xml_card_statement() {
    insta::assert_snapshot!(lines(V2));
}

#[test]
fn ofx_v2_xml_card_ids_and_rates() {
    insta::assert_snapshot!(extras(V2, "ofx"));
}

#[test]
fn ofx_files_are_detected_by_content_as_ofx_only() {
    for rel in [CHECKING, QFX, BARE_CR, EMPTY_TAGS, V2, TWO, OFFSETS] {
        assert_eq!(detected_by(rel), ["ofx"], "{rel}");
    }
    for rel in [
        "chase/Chase1234_Activity20260101_20260131_20260203.CSV",
        "qif/Everyday_Checking_2026-03.qif",
    ] {
        assert!(!detected_by(rel).contains(&"ofx"), "{rel}");
    }
    let ofx = FORMATS.iter().find(|f| f.id() == "ofx").expect("ofx");
    let bare_root = "\n\n<OFX>\n<SIGNONMSGSRSV1>";
    assert!(ofx.detect(&Head { text: bare_root }));
    assert!(!ofx.detect(&Head {
        text: "Date,Description,Amount\n"
    }));
}

#[test]
fn ofx_charset_1252_header_over_utf8_body_keeps_the_accent() {
    let (ledger, _) = import(QFX, &ImportOptions::default());
    let rows = ledger.transactions(&TxnFilter::default()).expect("txns");
    assert!(
        rows.iter().any(|r| r.description == "CAFÉ DU MONDE"),
        "{rows:?}"
    );
}

#[test]
fn ofx_reimport_by_fitid_adds_nothing() {
    assert_eq!(import_twice(CHECKING), ((7, 0), (0, 7)));
    assert_eq!(import_twice(V2), ((4, 0), (0, 4)));
}

#[test]
fn ofx_two_accounts_in_one_file_land_in_their_own_accounts() {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let out = import_file(&mut ledger, &fixture(TWO), &ImportOptions::default()).expect("import");
    assert_eq!(out.added, 7);
    let in_account = |name: &str| {
        let filter = TxnFilter {
            account: Some(name.to_owned()),
            ..TxnFilter::default()
        };
        let mut rows = ledger.transactions(&filter).expect("txns");
        rows.sort_by_key(|r| r.id);
        rows.iter()
            .map(|r| {
                assert_eq!(r.account, name);
                format!("{} {} {}", r.date, r.amount, r.description)
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        in_account("Checking ending 1234"),
        [
            "2026-03-04 -20.00 OPENAI *CHATGPT SUBSCR",
            "2026-03-06 -64.90 PG&E WEB ONLINE",
            "2026-03-25 -731.10 CARD AUTOPAY",
        ]
    );
    assert_eq!(
        in_account("Credit card ending 9876"),
        [
            "2026-03-04 -20.00 OPENAI *CHATGPT SUBSCR",
            "2026-03-09 -100.00 ANTHROPIC",
            "2026-03-12 -38.25 WHOLEFDS MKT 10234",
            "2026-03-25 731.10 AUTOPAY PAYMENT",
        ]
    );
    // Importing it again adds nothing to either account.
    let again = import_file(&mut ledger, &fixture(TWO), &ImportOptions::default()).expect("again");
    assert_eq!((again.added, again.duplicates), (0, 7));
}

struct Instants(Vec<(String, NaiveDate, Option<DateTime<Utc>>)>);

impl RowSink for Instants {
    fn row(&mut self, t: &ParsedTxn<'_>) -> Result<(), RowError> {
        self.0
            .push((t.description.to_owned(), t.date, t.occurred_at));
        Ok(())
    }
}

#[test]
fn ofx_offsets_from_minus_12_to_plus_14_keep_the_written_date() {
    let text = std::fs::read_to_string(fixture(OFFSETS)).expect("fixture");
    let ofx = FORMATS.iter().find(|f| f.id() == "ofx").expect("ofx");
    let mut sink = Instants(Vec::new());
    ofx.parse(&Head { text: &text }, &mut text.as_bytes(), &mut sink)
        .expect("parse");
    let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).expect("date");
    let mut seen = 0;
    for offset in -12i64..=14 {
        let sign = if offset > 0 { "+" } else { "" };
        for (label, date, h, m, s) in [
            ("LATE NIGHT", 14, 23, 59, 59),
            ("EARLY MORNING", 15, 0, 0, 0),
        ] {
            let name = format!("{label} {sign}{offset}");
            let (_, got_date, at) = sink
                .0
                .iter()
                .find(|(d, _, _)| *d == name)
                .unwrap_or_else(|| panic!("{name} missing"));
            assert_eq!(*got_date, day(date), "{name}: the bank's date as written");
            let local = day(date).and_hms_opt(h, m, s).expect("time");
            let want = (local - Duration::hours(offset)).and_utc();
            assert_eq!(*at, Some(want), "{name}: the UTC instant");
            seen += 1;
        }
    }
    assert_eq!(seen, 54);
    let date_only = |name: &str| {
        sink.0
            .iter()
            .find(|(d, _, _)| d == name)
            .map(|(_, d, at)| (*d, *at))
    };
    assert_eq!(date_only("DATE ONLY +14"), Some((day(15), None)));
    assert_eq!(date_only("DATE ONLY -12"), Some((day(14), None)));

    // Through the ledger, too: no date moved.
    let (ledger, out) = import(OFFSETS, &ImportOptions::default());
    assert_eq!(out.added, 56);
    for r in ledger.transactions(&TxnFilter::default()).expect("txns") {
        let want = if r.description.starts_with("LATE") || r.description == "DATE ONLY -12" {
            day(14)
        } else {
            day(15)
        };
        assert_eq!(r.date, want, "{}", r.description);
    }
}

#[test]
fn ofx_truncated_files_are_refused_with_the_open_element() {
    assert_eq!(
        refusal("bad/ofx_truncated.ofx"),
        "FILE:33: the file ends inside <STMTTRN> (opened on line 28); expected </STMTTRN> and the rest of the statement; the file looks cut short, download it again"
    );
    assert_eq!(
        refusal("bad/ofx_missing_end.ofx"),
        "FILE:31: the file ends inside <OFX> (opened on line 11); expected </OFX> and the rest of the statement; the file looks cut short, download it again"
    );
}

#[test]
fn ofx_bad_amount_and_date_are_refused_with_their_lines() {
    assert_eq!(
        refusal("bad/ofx_bad_trnamt.ofx"),
        "FILE:31: TRNAMT \"-1O.00\" is not an amount; expected a number such as -12.34"
    );
    assert_eq!(
        refusal("bad/ofx_bad_dtposted.ofx"),
        "FILE:30: DTPOSTED \"20260231120000[-5:EST]\" is not a real calendar date; expected an OFX date such as 20260301, 20260301120000 or 20260301120000.000[-5:EST] (offset from -12 to +14)"
    );
}

#[test]
fn ofx_entities_and_doctype_are_never_expanded() {
    let (ledger, out) = import("bad/ofx_entity_bomb.ofx", &ImportOptions::default());
    assert_eq!(out.added, 1);
    let rows = ledger.transactions(&TxnFilter::default()).expect("txns");
    assert_eq!(rows[0].description, "&lol9;");
    assert_eq!(rows[0].memo.as_deref(), Some("&xxe;"));
}

#[test]
fn ofx_deep_nesting_is_bounded() {
    assert_eq!(
        refusal("bad/ofx_deep_nesting.ofx"),
        "FILE:43: <DEEP> is nested more than 32 tags deep; expected an OFX statement (a few levels of nesting)"
    );
}

#[test]
fn ofx_long_names_and_values_are_bounded() {
    let ofx = FORMATS.iter().find(|f| f.id() == "ofx").expect("ofx");
    let mut sink = Instants(Vec::new());
    let long_name = format!(
        "OFXHEADER:100\n\n<OFX>\n<{}>\n</OFX>\n",
        "A".repeat(100_000)
    );
    let err = ofx
        .parse(&Head { text: "" }, &mut long_name.as_bytes(), &mut sink)
        .expect_err("refused");
    assert_eq!(err.line, 4);
    assert!(
        err.problem
            .to_string()
            .starts_with("a tag name longer than 64"),
        "{err:?}"
    );
    let long_value = format!(
        "OFXHEADER:100\n\n<OFX>\n<CREDITCARDMSGSRSV1>\n<MEMO>{}\n</OFX>\n",
        "x".repeat(10_000_000)
    );
    let err = ofx
        .parse(&Head { text: "" }, &mut long_value.as_bytes(), &mut sink)
        .expect_err("refused");
    assert_eq!(err.line, 5);
    assert!(
        err.problem
            .to_string()
            .starts_with("the value of <MEMO> is longer"),
        "{err:?}"
    );
}

struct Described(Vec<String>);

impl RowSink for Described {
    fn row(&mut self, t: &ParsedTxn<'_>) -> Result<(), RowError> {
        self.0.push(format!(
            "{} {} {} {} {}",
            t.line,
            t.date,
            t.amount,
            t.description,
            t.account_hint.unwrap_or("-")
        ));
        Ok(())
    }
}

fn parse_text(text: &str) -> Vec<String> {
    let ofx = FORMATS.iter().find(|f| f.id() == "ofx").expect("ofx");
    assert!(ofx.detect(&Head { text }), "{text}");
    let mut sink = Described(Vec::new());
    ofx.parse(&Head { text }, &mut text.as_bytes(), &mut sink)
        .expect("parse");
    sink.0
}

#[test]
fn ofx_v2_header_over_an_sgml_body_and_a_one_line_file() {
    let v2_sgml = "<?xml version=\"1.0\"?>\n<?OFX OFXHEADER=\"200\" VERSION=\"200\"?>\n<OFX>\n\
        <CREDITCARDMSGSRSV1><CCSTMTTRNRS><CCSTMTRS>\n<CURDEF>AUD\n<CCACCTFROM>\n<ACCTID>4000111122223333\n</CCACCTFROM>\n\
        <BANKTRANLIST>\n<STMTTRN>\n<TRNTYPE>DEBIT\n<DTPOSTED>20260301000000\n<TRNAMT>-30.00\n<FITID>A1\n\
        <NAME>OPENAI *CHATGPT SUBSCR\n</STMTTRN>\n</BANKTRANLIST>\n</CCSTMTRS></CCSTMTTRNRS></CREDITCARDMSGSRSV1>\n</OFX>\n";
    assert_eq!(
        parse_text(v2_sgml),
        ["10 2026-03-01 -30.00 OPENAI *CHATGPT SUBSCR Credit card ending 3333"]
    );
    let one_line = "OFXHEADER:100 DATA:OFXSGML VERSION:102 <OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS>\
        <CURDEF>USD<BANKACCTFROM><BANKID>1<ACCTID>99887766<ACCTTYPE>SAVINGS</BANKACCTFROM>\
        <BANKTRANLIST><STMTTRN><TRNTYPE>INT<DTPOSTED>20260331<TRNAMT>1.23<FITID>I1<MEMO>INTEREST</STMTTRN>\
        </BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>";
    assert_eq!(
        parse_text(one_line),
        ["1 2026-03-31 1.23 INTEREST Savings ending 7766"]
    );
}

const CDATA_V2: &str = "ofx/cdata_v211.ofx";
const CDATA_SGML: &str = "ofx/cdata_sgml_102.ofx";
const CURDEF_EMPTY: &str = "ofx/curdef_empty_currency_per_line.ofx";
const CURDEF_EMPTY_EUR: &str = "ofx/curdef_missing_eur_lines.ofx";
const NO_TXNS: &str = "ofx/no_transactions_in_period.ofx";

#[test]
fn ofx_v2_cdata_names_and_memos_are_read() {
    // Issue 16: a NAME written as CDATA became the TRNTYPE ("DEBIT").
    insta::assert_snapshot!(lines(CDATA_V2));
}

#[test]
fn ofx_v2_cdata_ids_keep_their_entities_decoded() {
    insta::assert_snapshot!(extras(CDATA_V2, "ofx"));
}

#[test]
fn ofx_sgml_cdata_without_closing_tags() {
    insta::assert_snapshot!(lines(CDATA_SGML));
}

#[test]
fn ofx_cdata_and_double_escapes_give_the_bank_text() {
    let (ledger, out) = import(CDATA_V2, &ImportOptions::default());
    assert_eq!(out.added, 7);
    let mut rows = ledger.transactions(&TxnFilter::default()).expect("txns");
    rows.sort_by_key(|r| r.id);
    let got: Vec<(String, Option<String>)> = rows
        .iter()
        .map(|r| (r.description.clone(), r.memo.clone()))
        .collect();
    let want = [
        (
            "OPENAI *CHATGPT SUBSCR",
            Some("VISA PURCHASE 01/03 SAN FRANCISCO US"),
        ),
        ("WOOLWORTHS 3321 <TOOWONG>", Some("EFTPOS & CASH OUT")),
        // CDATA holds what looks like tags as text; an empty one is empty.
        ("TELSTRA</NAME><MEMO>PREPAID", None),
        (
            "CLAUDE.AI SUBSCRIPTION",
            Some("ANTHROPIC ]]> SAN FRANCISCO"),
        ),
        // Escaped twice: &amp;#201; and &amp;amp; and &amp;lt;.
        ("CAFÉ SOL & LUNA", Some("TAP <CONTACTLESS>")),
        ("ACME PTY LTD PAYROLL", Some("SALARY MARCH")),
        // An empty CDATA NAME: the memo describes the line, never DEBIT.
        ("APPLE.COM/BILL SYDNEY", None),
    ]
    .map(|(d, m)| (d.to_owned(), m.map(str::to_owned)));
    assert_eq!(got, want);
    assert!(rows.iter().all(|r| r.description != "DEBIT"));
}

#[test]
fn ofx_cdata_in_sgml_runs_to_its_end_and_is_one_line() {
    let (ledger, out) = import(CDATA_SGML, &ImportOptions::default());
    assert_eq!(out.added, 4);
    let rows = ledger.transactions(&TxnFilter::default()).expect("txns");
    let names: Vec<&str> = rows.iter().map(|r| r.description.as_str()).collect();
    for want in [
        "OPENAI *CHATGPT SUBSCR",
        "DAN MURPHY'S & CO",
        "CURSOR, AI POWERED IDE NEW YORK",
        "PAYMENT RECEIVED - THANK YOU",
    ] {
        assert!(names.contains(&want), "{want} in {names:?}");
    }
}

#[test]
fn ofx_unclosed_cdata_is_refused_where_it_starts() {
    let text = "OFXHEADER:100\n\n<OFX>\n<BANKMSGSRSV1>\n<NAME><![CDATA[OPENAI\n*CHATGPT\n";
    let ofx = FORMATS.iter().find(|f| f.id() == "ofx").expect("ofx");
    let err = ofx
        .parse(
            &Head { text },
            &mut text.as_bytes(),
            &mut Instants(Vec::new()),
        )
        .expect_err("refused");
    assert_eq!(err.line, 6);
    assert_eq!(
        err.problem.to_string(),
        "the file ends inside a <![CDATA[ section (from line 5); expected ]]> closing the section; the file looks cut short, download it again"
    );
}

#[test]
fn ofx_comments_and_doctype_still_skip_after_the_cdata_check() {
    let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE OFX [ <!ENTITY x \"y\"> ]>\n<OFX><!-- a comment --><![IGNORE[ x ]]>\n\
        <CREDITCARDMSGSRSV1><CCSTMTTRNRS><CCSTMTRS>\n<CURDEF>USD<CCACCTFROM><ACCTID>4000111122223333</CCACCTFROM>\n\
        <BANKTRANLIST><STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20260301<TRNAMT>-20.00<FITID>A1\n\
        <NAME><!-- none --><![CDATA[OPENAI]]></STMTTRN></BANKTRANLIST></CCSTMTRS></CCSTMTTRNRS></CREDITCARDMSGSRSV1></OFX>\n";
    assert_eq!(
        parse_text(text),
        ["6 2026-03-01 -20.00 OPENAI Credit card ending 3333"]
    );
}

#[test]
fn ofx_files_without_a_statement_are_refused_with_the_bank_code() {
    assert_eq!(
        refusal("bad/ofx_stmttrnrs_status_2000.ofx"),
        "FILE:22: the bank sent an error instead of a statement (<STMTTRNRS> status code 2000 ERROR \"General Server Error\" (OFX: general error)); expected a statement (<STMTRS> or <CCSTMTRS>): download it again, or ask the bank what code 2000 means"
    );
    assert_eq!(
        refusal("bad/ofx_signon_status_15500.ofx"),
        "FILE:11: the bank refused the sign-on (<SONRS> status code 15500 ERROR \"We could not sign you in: the user id or the password is not right\" (OFX: sign-on invalid: wrong user id or password)), so the file holds no statement; expected a statement: sign in to the bank again and download a new file"
    );
    assert_eq!(
        refusal("bad/ofx_status_2003_warn.ofx"),
        "FILE:25: the bank sent an error instead of a statement (<STMTTRNRS> status code 2003 WARN \"No account with this number\" (OFX: account not found)); expected a statement (<STMTRS> or <CCSTMTRS>): download it again, or ask the bank what code 2003 means"
    );
    assert_eq!(
        refusal("bad/ofx_account_list.ofx"),
        "FILE:23: the file is an account list (<ACCTINFORS>): the accounts the bank offers, without their transactions; expected a statement (<STMTRS> or <CCSTMTRS>); download an account's transactions (a statement) instead"
    );
    assert_eq!(
        refusal("bad/ofx_trnrs_without_statement.ofx"),
        "FILE:12: the bank's reply <CCSTMTTRNRS> holds no statement; expected a <STMTRS> or <CCSTMTRS> with the account's transactions inside it; download the statement again"
    );
    assert_eq!(
        refusal("bad/ofx_empty_envelope.ofx"),
        "FILE:11: the <OFX> holds no statement; expected a bank or credit-card statement (<STMTRS> or <CCSTMTRS>) inside <OFX>; download the account's transactions again"
    );
}

#[test]
fn ofx_refused_files_write_no_batch() {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    for rel in [
        "bad/ofx_stmttrnrs_status_2000.ofx",
        "bad/ofx_signon_status_15500.ofx",
        "bad/ofx_account_list.ofx",
        "bad/ofx_empty_envelope.ofx",
    ] {
        let err = import_file(&mut ledger, &fixture(rel), &ImportOptions::default())
            .expect_err("refused");
        assert!(err.is_bad_input(), "{rel}: {err}");
    }
    assert!(aispend_core::batches::history(&ledger,)
        .expect("batches")
        .is_empty());
}

#[test]
fn ofx_a_statement_with_no_transactions_is_not_an_error() {
    let (ledger, out) = import(NO_TXNS, &ImportOptions::default());
    assert_eq!((out.added, out.duplicates), (0, 0));
    assert!(out.batch_id.is_some());
    assert!(ledger
        .transactions(&TxnFilter::default())
        .expect("txns")
        .is_empty());
}

#[test]
fn ofx_status_errors_refuse_even_when_a_statement_follows() {
    let text = "OFXHEADER:100\n\n<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS></SONRS></SIGNONMSGSRSV1>\n\
        <BANKMSGSRSV1><STMTTRNRS><TRNUID>1\n<STATUS><CODE>2004<SEVERITY>ERROR</STATUS></STMTTRNRS>\n\
        <STMTTRNRS><TRNUID>2<STATUS><CODE>0<SEVERITY>INFO</STATUS><STMTRS><CURDEF>USD<BANKACCTFROM><ACCTID>1</BANKACCTFROM>\n\
        <BANKTRANLIST></BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n";
    let ofx = FORMATS.iter().find(|f| f.id() == "ofx").expect("ofx");
    let err = ofx
        .parse(
            &Head { text },
            &mut text.as_bytes(),
            &mut Instants(Vec::new()),
        )
        .expect_err("refused");
    assert_eq!(err.line, 5);
    assert!(
        err.problem
            .to_string()
            .contains("code 2004 ERROR (OFX: account closed)"),
        "{}",
        err.problem
    );
    // A code other than 0 with INFO or WARN beside a statement is no error.
    let warn = text.replace("<CODE>2004<SEVERITY>ERROR", "<CODE>2028<SEVERITY>WARN");
    assert_eq!(parse_text(&warn), Vec::<String>::new());
}

#[test]
fn ofx_empty_curdef_uses_each_lines_currency() {
    // Issue 16: an empty CURDEF refused the file.
    insta::assert_snapshot!(lines(CURDEF_EMPTY));
}

#[test]
fn ofx_empty_curdef_lines_that_agree_name_the_statement_currency() {
    insta::assert_snapshot!(lines(CURDEF_EMPTY_EUR));
}

#[test]
fn ofx_currency_hint_stands_in_for_a_missing_curdef() {
    let text = std::fs::read_to_string(fixture(CURDEF_EMPTY_EUR)).expect("fixture");
    // Lines in two currencies: none is the statement's, so --currency is.
    let mixed = text.replace(
        "<CURRENCY><CURSYM>EUR</CURSYM></CURRENCY>",
        "<CURRENCY><CURSYM>CHF</CURSYM></CURRENCY>",
    );
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("mixed.ofx");
    std::fs::write(&path, &mixed).expect("write");
    let currencies = |opts: &ImportOptions| {
        let mut ledger = Ledger::open_in_memory().expect("ledger");
        import_file(&mut ledger, &path, opts).expect("import");
        let mut rows = ledger.transactions(&TxnFilter::default()).expect("txns");
        rows.sort_by_key(|r| r.id);
        rows.iter()
            .map(|r| {
                format!(
                    "{} {} {} orig {:?} {:?}",
                    r.description,
                    r.amount,
                    r.currency,
                    r.original_amount,
                    r.original_currency.map(|c| c.to_string())
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        currencies(&ImportOptions::default()),
        [
            "CLAUDE.AI SUBSCRIPTION -21.60 EUR orig None None",
            "MONOPRIX PARIS 11 -38.40 CHF orig None None",
            "COTISATION CARTE -9.00 USD orig None None",
        ]
    );
    let gbp = ImportOptions {
        hints: aispend_core::import::format::Hints {
            currency: Some(aispend_core::money::Currency::parse("GBP").expect("gbp")),
            ..Default::default()
        },
        ..ImportOptions::default()
    };
    // With --currency GBP the statement is in pounds: CURRATE turns the
    // EUR line into GBP, the CHF line (no rate) stays in CHF.
    assert_eq!(
        currencies(&gbp),
        [
            "CLAUDE.AI SUBSCRIPTION -23.48 GBP orig Some(-21.60) Some(\"EUR\")",
            "MONOPRIX PARIS 11 -38.40 CHF orig None None",
            "COTISATION CARTE -9.00 GBP orig None None",
        ]
    );
}

#[test]
fn ofx_a_zero_original_amount_is_none() {
    let text = "OFXHEADER:100\n\n<OFX><CREDITCARDMSGSRSV1><CCSTMTTRNRS><CCSTMTRS><CURDEF>USD\n\
        <CCACCTFROM><ACCTID>4000111122223333</CCACCTFROM><BANKTRANLIST>\n\
        <STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20260301<TRNAMT>0.00<FITID>Z1<NAME>CARD CHECK\n\
        <CURRENCY><CURRATE>1.10<CURSYM>SEK</CURRENCY></STMTTRN>\n\
        <STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20260302<TRNAMT>-19.00<FITID>Z2<NAME>KLARNA\n\
        <ORIGCURRENCY><CURRATE>0<CURSYM>SEK</ORIGCURRENCY></STMTTRN>\n\
        </BANKTRANLIST></CCSTMTRS></CCSTMTTRNRS></CREDITCARDMSGSRSV1></OFX>\n";
    struct Orig(Vec<String>);
    impl RowSink for Orig {
        fn row(&mut self, t: &ParsedTxn<'_>) -> Result<(), RowError> {
            self.0.push(format!(
                "{} {} {:?} {:?} {:?}",
                t.amount,
                t.currency,
                t.original_amount,
                t.original_currency.map(|c| c.to_string()),
                t.fx_rate
            ));
            Ok(())
        }
    }
    let ofx = FORMATS.iter().find(|f| f.id() == "ofx").expect("ofx");
    let mut sink = Orig(Vec::new());
    ofx.parse(&Head { text }, &mut text.as_bytes(), &mut sink)
        .expect("parse");
    assert_eq!(
        sink.0,
        ["0 USD None None None", "-19.00 USD None Some(\"SEK\") None",]
    );
}

#[test]
fn ofx_a_br_inside_a_value_is_a_space() {
    // ING Australia writes `<BR/>` inside MEMO; the text after it is part
    // of the value (libofx#32), in SGML and in XML alike.
    let text = "OFXHEADER:100\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>AUD\n\
        <BANKACCTFROM><BANKID>923100<ACCTID>55512340</BANKACCTFROM><BANKTRANLIST>\n\
        <STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20260301<TRNAMT>-40.00<FITID>B1\n\
        <MEMO>GROCER - EFTPOS Purchase with Cash Out - Receipt 17395<BR/>Date 01 Mar 2026 Card 462263xxxxxx1234\n\
        </STMTTRN><STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20260302<TRNAMT>-5.00<FITID>B2\n\
        <MEMO>ONE<BR/>TWO<BR>THREE<BR/></MEMO></STMTTRN>\n\
        </BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n";
    assert_eq!(
        parse_text(text),
        [
            "5 2026-03-01 -40.00 GROCER - EFTPOS Purchase with Cash Out - Receipt 17395 Date 01 Mar 2026 Card 462263xxxxxx1234 Bank account ending 2340",
            "7 2026-03-02 -5.00 ONE TWO THREE Bank account ending 2340",
        ]
    );
}
