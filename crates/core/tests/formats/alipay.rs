use crate::{import, lines};
use aispend_core::import::ImportOptions;

#[test]
fn alipay_gb18030_with_preamble() {
    insta::assert_snapshot!(lines("alipay/alipay_record_20260301_091252.csv"));
}

#[test]
fn alipay_order_numbers_dedupe_a_re_import() {
    let (mut ledger, first) = import(
        "alipay/alipay_record_20260301_091252.csv",
        &ImportOptions::default(),
    );
    assert_eq!(first.added, 7);
    let again = aispend_core::import::import_file(
        &mut ledger,
        &crate::fixture("alipay/alipay_record_20260301_091252.csv"),
        &ImportOptions::default(),
    )
    .expect("re-import");
    assert_eq!((again.added, again.duplicates), (0, 7));
}
