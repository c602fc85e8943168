//! The sample dataset a first run may load: a year of a made-up card's
//! statement, generated for the date it is loaded, on an account whose name
//! says it is sample data. It is one import batch like any other, recorded
//! in `app_settings`, so "remove sample data" is an undo of that batch.

use chrono::{Datelike, Duration, NaiveDate};

use super::settings::SAMPLE_KEY;
use super::AppError;
use crate::import::{import_reader, ImportOptions};
use crate::ledger::Ledger;

/// The account the sample lines go to.
pub const SAMPLE_ACCOUNT: &str = "Sample card (demo data)";
/// The file name the sample batch records.
pub const SAMPLE_FILE: &str = "sample-card-statement.csv";

/// Monthly subscriptions: day of month, descriptor, category, amount.
const MONTHLY: [(u32, &str, &str, &str); 4] = [
    (3, "OPENAI *CHATGPT SUBSCR", "Shopping", "-20.00"),
    (12, "CLAUDE.AI SUBSCRIPTION", "Shopping", "-20.00"),
    (18, "GITHUB *COPILOT", "Professional Services", "-10.00"),
    (22, "MIDJOURNEY INC.", "Professional Services", "-10.00"),
];

/// Everyday lines: descriptor, category, amounts cycled through.
const EVERYDAY: [(&str, &str, [&str; 4]); 8] = [
    (
        "STARBUCKS STORE 05812",
        "Food & Drink",
        ["-6.45", "-5.10", "-7.25", "-4.85"],
    ),
    (
        "WHOLEFDS MKT #10234",
        "Groceries",
        ["-84.12", "-61.40", "-102.77", "-45.09"],
    ),
    (
        "SHELL OIL 57442",
        "Gas",
        ["-48.20", "-52.75", "-39.60", "-55.10"],
    ),
    (
        "UBER   *TRIP",
        "Travel",
        ["-17.89", "-23.40", "-12.15", "-31.60"],
    ),
    (
        "AMAZON MKTPL*2K4RT1QW3",
        "Shopping",
        ["-34.99", "-12.49", "-58.00", "-21.35"],
    ),
    (
        "NETFLIX.COM",
        "Entertainment",
        ["-15.49", "-15.49", "-15.49", "-15.49"],
    ),
    (
        "TST* NOPA RESTAURANT",
        "Food & Drink",
        ["-62.30", "-88.10", "-41.75", "-120.40"],
    ),
    (
        "ANTHROPOLOGIE #0512",
        "Shopping",
        ["-68.00", "-45.00", "-92.50", "-38.00"],
    ),
];

/// Pay-as-you-go API top-ups, every other month: descriptor, amount.
const TOPUPS: [(&str, &str); 2] = [("OPENAI", "-25.00"), ("ANTHROPIC", "-40.00")];

fn line(out: &mut String, date: NaiveDate, desc: &str, category: &str, kind: &str, amount: &str) {
    let posted = date + Duration::days(1);
    let quote = |s: &str| {
        if s.contains(',') || s.contains('"') {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_owned()
        }
    };
    out.push_str(&format!(
        "0000,{},{},{},{},{},{},\n",
        date.format("%m/%d/%Y"),
        posted.format("%m/%d/%Y"),
        quote(desc),
        quote(category),
        kind,
        amount
    ));
}

/// A Chase-format card statement of the 12 months up to `as_of`, newest
/// line first (as Chase writes it).
pub fn statement(as_of: NaiveDate) -> String {
    let start = as_of - Duration::days(364);
    let mut lines: Vec<(NaiveDate, String)> = Vec::new();
    let mut day = start;
    let mut i = 0usize;
    while day <= as_of {
        let mut out = String::new();
        for (dom, desc, cat, amount) in MONTHLY {
            if day.day() == dom {
                line(&mut out, day, desc, cat, "Sale", amount);
            }
        }
        if day.day() == 8 && day.month().is_multiple_of(2) {
            let (desc, amount) = TOPUPS[(day.month() as usize / 2) % 2];
            line(&mut out, day, desc, "Professional Services", "Sale", amount);
        }
        if day.weekday().num_days_from_monday().is_multiple_of(2) {
            let (desc, cat, amounts) = EVERYDAY[i % EVERYDAY.len()];
            line(
                &mut out,
                day,
                desc,
                cat,
                "Sale",
                amounts[(i / EVERYDAY.len()) % 4],
            );
            i += 1;
        }
        if day.day() == 27 {
            line(
                &mut out,
                day,
                "Payment Thank You-Mobile",
                "",
                "Payment",
                "650.00",
            );
        }
        if !out.is_empty() {
            lines.push((day, out));
        }
        day += Duration::days(1);
    }
    let mut text =
        String::from("Card,Transaction Date,Post Date,Description,Category,Type,Amount,Memo\n");
    for (_, l) in lines.iter().rev() {
        text.push_str(l);
    }
    text
}

/// The sample batches, if the sample data is loaded.
pub fn sample_batches(ledger: &Ledger) -> Result<Vec<i64>, AppError> {
    Ok(match ledger.app_setting(SAMPLE_KEY)? {
        Some(json) => serde_json::from_str(&json).map_err(|_| {
            crate::LedgerError::Corrupt(format!("app setting {SAMPLE_KEY}: {json:?}"))
        })?,
        None => Vec::new(),
    })
}

/// Loads the sample data into an empty ledger.
pub fn load_sample(ledger: &mut Ledger, as_of: NaiveDate) -> Result<i64, AppError> {
    if !sample_batches(ledger)?.is_empty() {
        return Err(AppError::SampleLoaded);
    }
    if ledger.transaction_count()? > 0 {
        return Err(AppError::NotEmpty);
    }
    let text = statement(as_of);
    let opts = ImportOptions {
        account: Some(SAMPLE_ACCOUNT.to_owned()),
        format: Some("chase-card-csv".to_owned()),
        ..ImportOptions::default()
    };
    let outcome = import_reader(
        ledger,
        SAMPLE_FILE,
        SAMPLE_FILE,
        text.as_bytes(),
        text.len() as u64,
        &opts,
        &mut |_| {},
    )?;
    let batch = outcome
        .batch_id
        .ok_or_else(|| crate::LedgerError::Corrupt("sample import wrote no batch".into()))?;
    ledger.set_app_setting(SAMPLE_KEY, Some(&format!("[{batch}]")))?;
    Ok(batch)
}

/// Removes the sample data (undoes its batches); returns the lines removed.
pub fn remove_sample(ledger: &mut Ledger) -> Result<u64, AppError> {
    let mut removed = 0;
    for batch in sample_batches(ledger)? {
        match crate::batches::undo(ledger, batch) {
            Ok(n) => removed += n,
            // Undone already from the import history: nothing left.
            Err(crate::LedgerError::BatchAlreadyUndone(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    ledger.set_app_setting(SAMPLE_KEY, None)?;
    Ok(removed)
}
