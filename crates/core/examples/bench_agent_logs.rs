//! Agent-log import benchmark (run by `scripts/bench-agent-logs.sh`).
//!
//! `bench_agent_logs DIR EVENTS [FILES] [SHAPE]`: writes FILES Codex CLI
//! rollout logs (default 100) under DIR holding EVENTS token counts in all,
//! then times into a fresh
//! ledger: the first `import --watch-default`-style scan, a re-scan with
//! nothing new, and a re-scan after one log grew by one event. Reports the
//! folder's size, events per second and the process's peak memory (Linux
//! VmHWM). Goal (issue 20): 1 GB / ~5M events under 30 s and 200 MB; a
//! re-scan with nothing new under 1 s.
//!
//! SHAPE `full` (the default): each count with the lines a real session
//! has around it (a tool call's output, a repeated count), about 840 bytes
//! an event, so 1 GB holds ~1.2M events. `compact`: the counts alone, each
//! with the session's running total only (as a session that runs no tools
//! writes them), about 260 bytes an event, so 5M events are ~1.3 GB.
//!
//! Prints one JSON object. A benchmark, not a test: it never fails on a goal.

#![allow(clippy::print_stdout)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use aispend_core::import::ImportOptions;
use aispend_core::usage::logs::{read_changed, scan, write_scan, LogFolder};
use aispend_core::Ledger;

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// CPU seconds (user + system) the process has used so far (Linux
/// `/proc/self/stat`, clock ticks of 1/100 s): beside the wall-clock
/// figures, what the scan cost on a machine other work shares.
fn cpu_s() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses.
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok());
    Some((ticks(11)? + ticks(12)?) / 100.0)
}

fn count_line(ts: &str, total: [u64; 4], last: [u64; 4]) -> String {
    let u = |a: [u64; 4]| {
        format!(
            "{{\"input_tokens\":{},\"cached_input_tokens\":{},\"output_tokens\":{},\"reasoning_output_tokens\":{},\"total_tokens\":{}}}",
            a[0], a[1], a[2], a[3], a[0] + a[2]
        )
    };
    format!(
        "{{\"timestamp\":\"{ts}\",\"type\":\"event_msg\",\"payload\":{{\"type\":\"token_count\",\"info\":{{\"total_token_usage\":{},\"last_token_usage\":{},\"model_context_window\":272000}},\"rate_limits\":{{\"primary\":{{\"used_percent\":4.0,\"window_minutes\":300}}}}}}}}\n",
        u(total),
        u(last)
    )
}

/// A compact count: the running total only.
fn total_line(ts: &str, total: [u64; 4]) -> String {
    format!(
        "{{\"timestamp\":\"{ts}\",\"type\":\"event_msg\",\"payload\":{{\"type\":\"token_count\",\"info\":{{\"total_token_usage\":{{\"input_tokens\":{},\"cached_input_tokens\":{},\"output_tokens\":{},\"reasoning_output_tokens\":{},\"total_tokens\":{}}}}}}}}}\n",
        total[0],
        total[1],
        total[2],
        total[3],
        total[0] + total[2]
    )
}

fn write_logs(
    dir: &Path,
    events: u64,
    files: u64,
    compact: bool,
) -> std::io::Result<(Vec<PathBuf>, u64)> {
    let per = events.div_ceil(files.max(1));
    let mut paths = Vec::new();
    let mut bytes = 0u64;
    for f in 0..files {
        let day = dir.join(format!("2026/11/{:02}", 1 + f % 28));
        std::fs::create_dir_all(&day)?;
        let path = day.join(format!("rollout-2026-11-01T00-00-00-{f:08x}.jsonl"));
        let mut w = std::io::BufWriter::new(std::fs::File::create(&path)?);
        writeln!(w, "{{\"timestamp\":\"2026-11-01T00:00:00.000Z\",\"type\":\"session_meta\",\"payload\":{{\"id\":\"bench-{f:08x}\",\"cwd\":\"/home/bench/p{}\",\"originator\":\"codex_cli_rs\",\"cli_version\":\"0.63.0\",\"model_provider\":\"openai\"}}}}", f % 7)?;
        writeln!(w, "{{\"timestamp\":\"2026-11-01T00:00:01.000Z\",\"type\":\"turn_context\",\"payload\":{{\"cwd\":\"/home/bench\",\"model\":\"gpt-5.1-codex\",\"effort\":\"medium\"}}}}")?;
        let mut total = [0u64; 4];
        for e in 0..per {
            let s = e % 86_400;
            let ts = format!(
                "2026-11-{:02}T{:02}:{:02}:{:02}.000Z",
                1 + f % 28,
                s / 3600,
                (s / 60) % 60,
                s % 60
            );
            let last = [9000 + e % 500, 4000, 300 + e % 50, 120];
            for i in 0..4 {
                total[i] += last[i];
            }
            if compact {
                w.write_all(total_line(&ts, total).as_bytes())?;
                continue;
            }
            writeln!(w, "{{\"timestamp\":\"{ts}\",\"type\":\"response_item\",\"payload\":{{\"type\":\"function_call_output\",\"call_id\":\"call_{e}\",\"output\":\"{{\\\"output\\\":\\\"src/lib.rs:12: fn main() {{}} and some more tool output to make the line the size real ones have\\\"}}\"}}}}")?;
            let line = count_line(&ts, total, last);
            w.write_all(line.as_bytes())?;
            if e % 5 == 0 {
                w.write_all(line.as_bytes())?; // Codex repeats a count
            }
        }
        w.flush()?;
        bytes += std::fs::metadata(&path)?.len();
        paths.push(path);
    }
    Ok((paths, bytes))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(
        args.next()
            .ok_or("usage: bench_agent_logs DIR EVENTS [FILES] [full|compact]")?,
    );
    let events: u64 = args.next().ok_or("EVENTS")?.parse()?;
    let files: u64 = args.next().map_or(Ok(100), |s| s.parse())?;
    let shape = args.next().unwrap_or_else(|| "full".to_owned());
    let compact = match shape.as_str() {
        "full" => false,
        "compact" => true,
        other => return Err(format!("unknown shape {other:?}: full or compact").into()),
    };
    let logs = dir.join("sessions");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&logs)?;
    let (paths, bytes) = write_logs(&logs, events, files, compact)?;
    let mut ledger = Ledger::open(&dir.join("bench.sqlite"))?;
    let folders = || {
        vec![LogFolder {
            tool: None,
            path: logs.clone(),
            exists: true,
        }]
    };
    let opts = ImportOptions::default();
    // The first scan in its two steps: reading and parsing (no
    // transaction open), then the one write transaction.
    let cpu = cpu_s();
    let t = Instant::now();
    let pending = read_changed(&ledger, folders(), &opts, &mut |_| {})?;
    let read_s = t.elapsed().as_secs_f64();
    let first = write_scan(&mut ledger, pending, &opts)?;
    let first_s = t.elapsed().as_secs_f64();
    let write_s = first_s - read_s;
    let first_cpu_s = cpu_s().zip(cpu).map_or(-1.0, |(b, a)| b - a);
    let t = Instant::now();
    let again = scan(&mut ledger, folders(), &opts)?;
    let again_s = t.elapsed().as_secs_f64();
    // One log grows by one event.
    if let Some(p) = paths.first() {
        let mut f = std::fs::OpenOptions::new().append(true).open(p)?;
        f.write_all(
            count_line(
                "2026-11-30T23:59:59.000Z",
                [u64::MAX / 4, 0, 1, 0],
                [1, 0, 1, 0],
            )
            .as_bytes(),
        )?;
    }
    let t = Instant::now();
    let grown = scan(&mut ledger, folders(), &opts)?;
    let grown_s = t.elapsed().as_secs_f64();
    println!(
        "{{\"shape\":\"{shape}\",\"files\":{files},\"events\":{events},\"mb\":{:.1},\"first_scan_s\":{first_s:.2},\"first_scan_cpu_s\":{first_cpu_s:.2},\"read_s\":{read_s:.2},\"write_s\":{write_s:.2},\"added\":{},\"duplicates\":{},\"events_per_s\":{:.0},\"rescan_nothing_new_s\":{again_s:.3},\"rescan_unchanged\":{},\"rescan_one_grown_s\":{grown_s:.3},\"grown_added\":{},\"peak_rss_mb\":{:.0}}}",
        bytes as f64 / 1e6,
        first.added,
        first.duplicates,
        first.added as f64 / first_s,
        again.unchanged,
        grown.added,
        peak_rss_mb().unwrap_or(-1.0)
    );
    Ok(())
}
