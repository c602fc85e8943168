//! Ledgers for the credits, budgets and alerts tests, built the way a user
//! builds theirs: a card statement (Citi's CSV layout) and an OpenAI cost
//! export imported from files, payments entered as `payments add` does.

use std::path::Path;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::import::{import_file, ImportOptions};
use crate::ledger::Ledger;
use crate::money::Currency;
use crate::provider::{add_payment, NewPayment, PaymentKind, PaymentStatus, Provider};

pub fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

pub fn dec(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

/// Imports a Citi card CSV whose rows are `(date, description, debit)`.
pub fn card(ledger: &mut Ledger, dir: &Path, name: &str, rows: &[(&str, &str, &str)]) {
    card_as(ledger, dir, name, rows, None);
}

/// [`card`] into a named account.
pub fn card_as(
    ledger: &mut Ledger,
    dir: &Path,
    name: &str,
    rows: &[(&str, &str, &str)],
    account: Option<&str>,
) {
    let mut text = String::from("Status,Date,Description,Debit,Credit\n");
    for (date, desc, debit) in rows {
        let date = d(date).format("%m/%d/%Y");
        text.push_str(&format!("Cleared,{date},\"{desc}\",{debit},\n"));
    }
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    let opts = ImportOptions {
        account: account.map(str::to_owned),
        ..ImportOptions::default()
    };
    import_file(ledger, &path, &opts).expect("import card");
}

/// Imports an OpenAI cost export with one row per `(UTC day, cost)`.
pub fn openai_costs(ledger: &mut Ledger, dir: &Path, name: &str, days: &[(&str, &str)]) {
    let mut text = String::from(
        "start_time,end_time,start_time_iso,end_time_iso,amount_value,amount_currency,quantity,quantity_unit,line_item,user_id,api_key_id,project_id,organization_id,project_name,organization_name,user_email,api_source\n",
    );
    for (day, cost) in days {
        let start = d(day).and_hms_opt(0, 0, 0).expect("t").and_utc();
        let end = start + chrono::Duration::days(1);
        text.push_str(&format!(
            "{},{},{},{},{cost},usd,1000.0,tokens,\"gpt-5-mini, input_tokens\",user-T1,key_T1,proj_T1,org-T1,Default project,Personal,me@example.com,api\n",
            start.timestamp(),
            end.timestamp(),
            start.format("%Y-%m-%dT%H:%M:%S+00:00"),
            end.format("%Y-%m-%dT%H:%M:%S+00:00"),
        ));
    }
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    import_file(ledger, &path, &ImportOptions::default()).expect("import costs");
}

/// An OpenAI credit purchase (or receipt) as `payments add` records it.
pub fn payment(ledger: &mut Ledger, kind: PaymentKind, date: &str, amount: &str) -> i64 {
    payment_before(ledger, kind, date, amount, None)
}

pub fn payment_before(
    ledger: &mut Ledger,
    kind: PaymentKind,
    date: &str,
    amount: &str,
    before: Option<&str>,
) -> i64 {
    add_payment(
        ledger,
        &NewPayment {
            provider: Provider::Openai,
            kind,
            status: PaymentStatus::Succeeded,
            paid_date: d(date),
            paid_at: None,
            amount: dec(amount),
            currency: Currency::USD,
            invoice_number: None,
            receipt_number: None,
            organization_id: None,
            card_brand: None,
            card_last4: None,
            balance_before: before.map(dec),
            balance_after: None,
            note: None,
        },
    )
    .expect("payment")
    .id
}
