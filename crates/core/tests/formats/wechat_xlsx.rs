use aispend_core::import::{import_file, ImportOptions};
use aispend_core::Ledger;

use crate::amex::import_error;
use crate::{fixture, lines};

const XLSX: &str = "wechat/微信支付账单(20260201-20260228).xlsx";
const CSV: &str = "wechat/微信支付账单(20260201-20260228).csv";

#[test]
fn wechat_pay_xlsx_bill() {
    insta::assert_snapshot!(lines(XLSX));
}

/// The workbook holds the CSV's bill: every line comes out the same.
#[test]
fn wechat_pay_xlsx_rows_equal_the_csv_rows() {
    let xlsx = lines(XLSX);
    let csv = lines(CSV);
    assert!(xlsx.starts_with("format: wechat-pay-xlsx\n"), "{xlsx}");
    assert!(csv.starts_with("format: wechat-pay-csv\n"), "{csv}");
    let body = |s: &str| s.lines().skip(1).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&xlsx), body(&csv));
}

#[test]
fn wechat_pay_xlsx_truncated() {
    let err = import_error("bad/wechat_truncated.xlsx");
    assert!(
        err.starts_with("bad/wechat_truncated.xlsx:1: the XLSX workbook cannot be opened ("),
        "{err}"
    );
    assert!(
        err.ends_with(
            "); expected a complete .xlsx bill as WeChat Pay exports it (download it again)"
        ),
        "{err}"
    );
}

#[test]
fn wechat_pay_xlsx_forced_on_a_csv() {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let opts = ImportOptions {
        format: Some("wechat-pay-xlsx".into()),
        ..ImportOptions::default()
    };
    let path = fixture(CSV);
    let err = import_file(&mut ledger, &path, &opts)
        .expect_err("a CSV is no workbook")
        .to_string()
        .replace(&path.display().to_string(), CSV);
    assert_eq!(
        err,
        format!("{CSV}:1: the file is not an XLSX workbook (it does not start as a ZIP archive); expected a complete .xlsx bill as WeChat Pay exports it (download it again)")
    );
}

#[test]
fn a_workbook_given_to_a_csv_format_is_binary() {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    let opts = ImportOptions {
        format: Some("wechat-pay-csv".into()),
        ..ImportOptions::default()
    };
    let path = fixture(XLSX);
    let err = import_file(&mut ledger, &path, &opts)
        .expect_err("a workbook is no CSV")
        .to_string()
        .replace(&path.display().to_string(), XLSX);
    assert_eq!(
        err,
        format!("{XLSX}:1: this is a binary file, not a text statement; expected a CSV export from your bank or AI provider")
    );
}
