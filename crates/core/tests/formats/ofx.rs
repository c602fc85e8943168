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
