//! Mail import speed and memory benchmark (run by `scripts/bench-mail.sh`).
//!
//! `bench_mail DIR [MESSAGES] [MB]`: writes DIR/mail-<MESSAGES>.mbox (a
//! deterministic mix, about MB megabytes: one message in ten a receipt in
//! the Stripe, GitHub or Apple layout, the rest ordinary mail, some with a
//! base64 attachment and an HTML part), then imports it into a fresh ledger
//! DIR/mail.sqlite as one batch, timed, and prints one JSON object: the
//! seconds, the messages, the receipts recognised, the peak resident memory
//! of the process (VmHWM) and the load average. Goal: 100 MB / 20,000
//! messages in under 10 s and under 100 MB. A benchmark, not a test: it
//! never fails on a goal.

#![allow(clippy::print_stdout)]

use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::Instant;

use aispend_core::import::{import_file, ImportOptions};
use aispend_core::Ledger;

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// Peak resident memory of this process, in MiB (Linux).
fn peak_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

const WORDS: &[&str] = &[
    "the", "invoice", "weekly", "team", "meeting", "notes", "project", "update", "from", "design",
    "review", "release", "coffee", "lunch", "schedule", "travel", "report",
];

fn receipt(i: u64, r: &mut Rng) -> String {
    let cents = 500 + r.next() % 9_500;
    let amount = format!("${}.{:02}", cents / 100, cents % 100);
    let day = 1 + i % 28;
    match i % 3 {
        0 => format!(
            "From: OpenAI <invoice+statements@tm.openai.com>\nTo: pat@example.net\n\
             Subject: Your receipt from OpenAI, LLC #{i}\nDate: Sun, {day} Feb 2026 09:12:44 -0800\n\
             Message-ID: <bench-{i}@tm.openai.com>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n\
             Receipt from OpenAI, LLC\n{amount}\nPaid February {day}, 2026\n\nReceipt number {i}\n\
             Invoice number BENCH-{i}\nPayment method Visa - 4242\n\nAPI credits\tQty 1\t{amount}\n\
             Total\t{amount}\nAmount paid\t{amount}\n"
        ),
        1 => format!(
            "From: Cursor <invoice+statements@cursor.com>\nTo: pat@example.net\n\
             Subject: Your receipt from Anysphere, Inc. #{i}\nDate: Sun, {day} Feb 2026 22:03:10 +0000\n\
             Message-ID: <bench-{i}@cursor.com>\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n\
             <html><body><table><tr><td>Receipt from Anysphere, Inc.</td></tr><tr><td>{amount}</td></tr>\
             <tr><td>Paid February {day}, 2026</td></tr><tr><td>Receipt number</td><td>{i}</td></tr>\
             <tr><td>Payment method</td><td>Visa - 4242</td></tr><tr><td>Cursor Pro<br>Qty 1</td>\
             <td>{amount}</td></tr><tr><td>Amount paid</td><td>{amount}</td></tr></table></body></html>\n"
        ),
        _ => format!(
            "From: Apple <no_reply@email.apple.com>\nTo: pat@example.net\nSubject: Your receipt from Apple.\n\
             Date: Thu, {day} Feb 2026 20:14:51 -0800\nMessage-ID: <bench-{i}@email.apple.com>\n\
             MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n\
             Receipt\n\nApple Account: pat@example.net\nDate: {day} Feb 2026\nOrder ID: MT{i}\n\
             Document No.: {i}\n\nApp Store\nChatGPT\nChatGPT Plus (Monthly)\nReport a Problem\n{amount}\n\n\
             Total {amount}\n\nBilling and Payment\nVisa •••• 4242 {amount}\n"
        ),
    }
}

fn ordinary(i: u64, r: &mut Rng, size: usize) -> String {
    let mut body = String::with_capacity(size + 512);
    while body.len() < size {
        let n = 8 + r.next() % 10;
        for _ in 0..n {
            body.push_str(WORDS[(r.next() % WORDS.len() as u64) as usize]);
            body.push(' ');
        }
        body.push_str(".\n");
        if r.next().is_multiple_of(40) {
            // mboxrd quoting of a body line that starts with From.
            body.push_str(">From the archive, as promised.\n");
        }
    }
    let attach = if i.is_multiple_of(7) {
        let mut b64 = String::new();
        for k in 0..(size / 4 / 76).max(1) {
            b64.push_str(&format!("{:076}\n", k).replace('0', "QUJD"))
        }
        format!(
            "--b{i}\nContent-Type: application/octet-stream\nContent-Disposition: attachment; \
             filename=\"notes-{i}.bin\"\nContent-Transfer-Encoding: base64\n\n{}\n",
            &b64[..b64.len().min(size / 3)]
        )
    } else {
        String::new()
    };
    format!(
        "From: Colleague {c} <person{c}@example.org>\nTo: pat@example.net\nSubject: Notes {i}\n\
         Date: Mon, 2 Feb 2026 10:{m:02}:00 +0100\nMessage-ID: <note-{i}@example.org>\n\
         MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b{i}\"\n\n\
         --b{i}\nContent-Type: text/plain; charset=utf-8\n\n{body}\n{attach}--b{i}--\n",
        c = i % 50,
        m = i % 60
    )
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = Path::new(args.get(1).map_or("target/bench", String::as_str)).to_path_buf();
    let messages: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(20_000);
    let mb: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(100);
    std::fs::create_dir_all(&dir).expect("bench folder");
    let mbox = dir.join(format!("mail-{messages}.mbox"));
    if !mbox.is_file() {
        // Headers and the receipts add to each body; +300 lands the file at MB MiB.
        let per = (mb * 1024 * 1024 / messages) as usize + 300;
        let mut r = Rng(0x9e37_79b9_7f4a_7c15);
        let mut w = BufWriter::new(std::fs::File::create(&mbox).expect("mbox"));
        for i in 0..messages {
            let msg = if i % 10 == 3 {
                receipt(i, &mut r)
            } else {
                ordinary(i, &mut r, per.saturating_sub(400))
            };
            writeln!(w, "From MAILER-DAEMON Mon Feb  2 10:00:00 2026\n{msg}").expect("write");
        }
        w.flush().expect("flush");
    }
    let size = std::fs::metadata(&mbox).map(|m| m.len()).unwrap_or(0);
    let db = dir.join("mail.sqlite");
    for f in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{f}", db.display()));
    }
    let _ = std::fs::remove_dir_all(dir.join("receipts"));
    let mut ledger = Ledger::open(&db).expect("ledger");
    let load_before = load();
    let rss_before = peak_mib();
    let start = Instant::now();
    let out = import_file(&mut ledger, &mbox, &ImportOptions::default()).expect("import");
    let secs = start.elapsed().as_secs_f64();
    let r = out.receipts.unwrap_or_default();
    println!(
        "{}",
        serde_json::json!({
            "mbox_bytes": size,
            "mbox_mib": (size as f64 / 1048576.0 * 10.0).round() / 10.0,
            "messages": messages,
            "seconds": (secs * 100.0).round() / 100.0,
            "recognised": r.recognised,
            "skipped_messages": r.skipped_messages,
            "unrecognised": r.unrecognised.len(),
            "peak_rss_mib_before_import": (rss_before * 10.0).round() / 10.0,
            "peak_rss_mib": (peak_mib() * 10.0).round() / 10.0,
            "load_before": load_before,
            "load_after": load(),
            "goal": "< 10 s and < 100 MB for 100 MB / 20k messages",
        })
    );
}
