use crate::amex::{detected_by, import_error};
use crate::lines;

const JAN: &str = "cmb/招商银行信用卡对账单_2026年01月.csv";
const FEB_GB18030: &str = "cmb/cmb_credit_2026-02_gb18030.csv";

#[test]
fn cmb_card_fixture_is_cmb_card_only() {
    assert_eq!(detected_by(JAN), ["cmb-card-csv"]);
}

/// A January statement: December lines are in the year before, January
/// lines in the statement's year; repayments without a 交易日 take the
/// 记账日; foreign amounts become original amounts.
#[test]
fn cmb_card_across_the_year_boundary() {
    insta::assert_snapshot!(lines(JAN));
}

#[test]
fn cmb_card_gb18030() {
    insta::assert_snapshot!(lines(FEB_GB18030));
}

#[test]
fn cmb_card_without_a_statement_period() {
    assert_eq!(
        import_error("bad/cmb_no_period.csv"),
        "bad/cmb_no_period.csv:1: the header is on line 1 with no statement period above it; expected the statement period line before the header, such as \"招商银行信用卡对账单（个人消费卡账户 2026年01月）\""
    );
}

#[test]
fn cmb_card_unreadable_amount() {
    assert_eq!(
        import_error("bad/cmb_bad_amount.csv"),
        "bad/cmb_bad_amount.csv:4: 人民币金额 \"六十八元\" is not an amount; expected a number such as -12.34"
    );
}
