use crate::lines;

#[test]
fn wechat_pay_with_preamble_and_neutral_lines() {
    insta::assert_snapshot!(lines("wechat/微信支付账单(20260201-20260228).csv"));
}
