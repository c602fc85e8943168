#!/usr/bin/env python3
"""Real-window tests of the AI Spend desktop app, driven over WebDriver.

Runs under a display (scripts/desktop-test.sh wraps it in xvfb-run). For each
test it starts `tauri-driver` with AISPEND_DB pointing at that test's ledger
(tauri-driver passes its environment down to WebKitWebDriver and the app),
opens a session that launches the app, checks what the window shows, saves a
screenshot, and ends the session, which closes the app.

Ledgers are created by the app itself (Ledger::open runs the migrations) and
filled by the `aispend` CLI importing a fixture, never by hand-written SQL, so
the tests do not depend on the schema.

Prints one line per test and a closing `N passed, M failed`; exits non-zero on
any failure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import signal
import sqlite3  # only to make a ledger from a newer version
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from webdriver import Session, WebDriverError, wait_for_server  # noqa: E402

RENDER_TIMEOUT = 60.0  # first launch under Xvfb on a busy 2-core machine can be slow


class Harness:
    def __init__(self, args: argparse.Namespace, workdir: Path):
        self.app = str(Path(args.app).resolve())
        self.cli = str(Path(args.cli).resolve())
        self.driver = args.driver
        self.native_driver = args.native_driver
        self.port = args.port
        self.shots = Path(args.screenshots)
        self.shots.mkdir(parents=True, exist_ok=True)
        self.workdir = workdir
        # Driver and app output, kept next to the screenshots for CI to upload.
        self.logs = self.shots / "logs"
        self.logs.mkdir(exist_ok=True)
        self.launches = 0

    def launch(self, ledger: Path, name: str, env: dict[str, str] | None = None) -> "Launch":
        # A fresh port pair per launch: the previous native driver may still be
        # letting go of its port when the next test starts.
        port = self.port + 2 * self.launches
        self.launches += 1
        return Launch(self, ledger, name, port, env or {})


class Launch:
    """tauri-driver + one session of the app with AISPEND_DB = `ledger`."""

    def __init__(self, h: Harness, ledger: Path, name: str, port: int, extra: dict[str, str]):
        self.h = h
        self.name = name
        self.port = port
        env = dict(os.environ)
        env["AISPEND_DB"] = str(ledger)
        # Keep the webview's own data (cookies, cache) out of the user's home.
        env["XDG_DATA_HOME"] = str(h.workdir / "xdg-data")
        env["XDG_CACHE_HOME"] = str(h.workdir / "xdg-cache")
        env["XDG_CONFIG_HOME"] = str(h.workdir / "xdg-config")
        # English, whatever the machine's locale: the tests read the UI's text.
        env["LANG"] = "C.UTF-8"
        env["LANGUAGE"] = "en"
        env.update(extra)
        self.log = open(h.logs / f"{name}.log", "wb")
        self.proc = subprocess.Popen(
            [h.driver, "--port", str(port), "--native-port", str(port + 1),
             "--native-driver", h.native_driver],
            env=env, stdout=self.log, stderr=subprocess.STDOUT,
            # Its own process group, so that the driver, the native driver and
            # the app can all be stopped together afterwards.
            start_new_session=True,
        )
        self.session: Session | None = None

    def __enter__(self) -> Session:
        server = f"http://127.0.0.1:{self.port}"
        wait_for_server(server, 30)
        caps = {"alwaysMatch": {"browserName": "wry",
                                "tauri:options": {"application": self.h.app}}}
        # The native driver may still be starting behind tauri-driver: retry.
        deadline = time.monotonic() + 30
        while True:
            try:
                self.session = Session(server, caps)
                return self.session
            except WebDriverError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)

    def __exit__(self, *exc: object) -> None:
        if self.session is not None:
            self.session.close()
        self.proc.terminate()  # tauri-driver stops the native driver on SIGTERM
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        # Whatever is left of this launch's process group (the app, if the
        # session did not close it) is ours to stop.
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.log.close()

    def screenshot(self, session: Session, step: str = "") -> Path:
        path = self.h.shots / f"{self.name}{'-' + step if step else ''}.png"
        session.screenshot(str(path))
        return path


def expect(cond: bool, what: str) -> None:
    if not cond:
        raise AssertionError(what)


FIXTURE = Path(__file__).resolve().parent / "fixtures" / "Chase1234_small.CSV"


def cli_import(h: Harness, ledger: Path, file: Path) -> int:
    """Imports `file` with the `aispend` CLI; returns how many lines it added."""
    run = subprocess.run(
        [h.cli, "--db", str(ledger), "import", str(file), "--json"],
        capture_output=True, text=True, timeout=120,
    )
    expect(run.returncode == 0, f"aispend import failed ({run.returncode}): {run.stderr.strip()}")
    files = json.loads(run.stdout)["files"]
    return sum(int(f["added"]) for f in files)


def check_count(session: Session, n: int, ledger: Path) -> None:
    text = session.wait_for_text("#txn-count", RENDER_TIMEOUT)
    want = f"{n:,} transaction{'' if n == 1 else 's'} in the ledger"
    expect(text.strip() == want, f"#txn-count shows {text!r}, expected {want!r}")
    shown = session.text(session.find("#ledger-path") or "")
    expect(shown == str(ledger), f"#ledger-path shows {shown!r}, expected {str(ledger)!r}")
    expect(session.find("#error") is None, "an #error box is shown")


# -- tests --------------------------------------------------------------------

def test_new_ledger_shows_zero(h: Harness) -> None:
    ledger = h.workdir / "new" / "ledger.sqlite"
    launch = h.launch(ledger, "new-ledger")
    with launch as s:
        expect(s.title() == "AI Spend", f"window title is {s.title()!r}")
        check_count(s, 0, ledger)
        launch.screenshot(s)
        # The CSP (tauri.conf.json) must block inline script in the page.
        ran = s.execute(
            "const el = document.createElement('script');"
            "el.textContent = 'window.__inlineScriptRan = true';"
            "document.head.appendChild(el);"
            "return window.__inlineScriptRan === true;"
        )
        expect(ran is False, "an inline <script> ran: the CSP is not in force")
    expect(ledger.exists(), "the app did not create the ledger file")


def test_imported_rows_show_count(h: Harness) -> None:
    ledger = h.workdir / "rows" / "ledger.sqlite"
    # The app creates the ledger, the CLI imports into it, the app shows the
    # result: two faces of one core and one file.
    with h.launch(ledger, "rows-create") as s:
        check_count(s, 0, ledger)
    added = cli_import(h, ledger, FIXTURE)
    expect(added == 7, f"the CLI added {added} lines from {FIXTURE.name}, expected 7")
    launch = h.launch(ledger, "ledger-with-imported-rows")
    with launch as s:
        check_count(s, added, ledger)
        launch.screenshot(s)


def test_cli_import_shows_in_the_open_window(h: Harness) -> None:
    ledger = h.workdir / "live" / "ledger.sqlite"
    launch = h.launch(ledger, "live-cli-import")
    with launch as s:
        check_count(s, 0, ledger)
        # The CLI writes while the window is open: the app notices on its own
        # (it polls SQLite's data_version) and shows the new lines.
        added = cli_import(h, ledger, FIXTURE)
        want = f"{added:,} transactions in the ledger"
        s.wait_until("the count to follow the CLI's import",
                     lambda: s.text(s.find("#txn-count") or "").strip() == want or None, RENDER_TIMEOUT)
        status = s.wait_for_text('[data-testid="status"]', RENDER_TIMEOUT)
        expect("another program" in status, f"the status line says {status!r}")
        launch.screenshot(s)


def test_newer_ledger_shows_error(h: Harness) -> None:
    ledger = h.workdir / "newer" / "ledger.sqlite"
    ledger.parent.mkdir(parents=True)
    con = sqlite3.connect(ledger)
    con.execute("PRAGMA user_version = 999")
    con.close()
    launch = h.launch(ledger, "newer-ledger-error")
    with launch as s:
        text = s.wait_for_text("#error", RENDER_TIMEOUT)
        launch.screenshot(s)
        expect("newer AI Spend" in text, f"#error shows {text!r}")
        expect("newer-ledger" in text, f"#error has no code: {text!r}")
        expect(s.find("#txn-count") is None, "#txn-count shown despite the error")


# -- the app's views and flows (issue #6) -------------------------------------

CHASE = Path(__file__).resolve().parents[1] / "fixtures" / "chase" / "Chase1234_Activity20260101_20260131_20260203.CSV"


def cli_json(h: Harness, ledger: Path, *args: str) -> object:
    run = subprocess.run([h.cli, "--db", str(ledger), *args, "--json"],
                         capture_output=True, text=True, timeout=120)
    expect(run.returncode == 0, f"aispend {' '.join(args)} failed: {run.stderr.strip()}")
    return json.loads(run.stdout)


def count_shown(s: Session) -> int:
    text = s.text(s.find("#txn-count") or "")
    if "No transactions" in text:
        return 0
    digits = "".join(ch for ch in text if ch.isdigit())
    return int(digits) if digits else -1


def wait_count(s: Session, n: int) -> None:
    s.wait_until(f"#txn-count to show {n}", lambda: count_shown(s) == n, RENDER_TIMEOUT)


def goto(s: Session, view: str) -> None:
    s.click(f'[data-testid="nav-{view}"]')
    s.wait_until(f"the {view} view", lambda: s.execute(
        "return document.querySelector('[data-testid=\"nav-' + arguments[0] + '\"]')"
        ".getAttribute('aria-current') === 'page';", view), RENDER_TIMEOUT)
    # Views other than the dashboard are loaded the first time they open.
    s.wait_until(f"the {view} view's code", lambda: s.execute(
        "return document.querySelector('[data-testid=\"view-loading\"]') === null;"), RENDER_TIMEOUT)


def _proc_tree(pid: int) -> list[int]:
    out = [pid]
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            kids = (task / "children").read_text().split()
        except OSError:
            continue
        for k in kids:
            out += _proc_tree(int(k))
    return out


def _inet_sockets() -> dict[str, tuple[str, str]]:
    """inode -> (remote address, state) for every TCP/UDP socket on the machine."""
    out: dict[str, tuple[str, str]] = {}
    for name in ("tcp", "tcp6", "udp", "udp6"):
        try:
            lines = Path(f"/proc/net/{name}").read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            f = line.split()
            out[f[9]] = (f[2], f[3])
    return out


def _is_loopback(hex_addr: str) -> bool:
    addr = hex_addr.split(":")[0]
    if len(addr) == 8:  # IPv4, little-endian
        return addr.endswith("7F") or addr == "00000000"
    return addr in ("0" * 32, "0" * 31 + "1", "00000000000000000000000001000000") or \
        addr.startswith("0000000000000000FFFF0000") and addr.endswith("7F")


def app_remote_connections(launch: "Launch") -> list[str]:
    """TCP/UDP sockets of the app and its WebKit processes whose peer is not
    this machine (the WebDriver automation link is on loopback)."""
    app_name = Path(launch.h.app).name[:15]
    apps = [p for p in _proc_tree(launch.proc.pid)
            if Path(f"/proc/{p}/comm").read_text().strip() == app_name]
    inet = _inet_sockets()
    bad = []
    for app_pid in apps:
        for pid in _proc_tree(app_pid):
            try:
                fds = list(Path(f"/proc/{pid}/fd").iterdir())
            except OSError:
                continue
            for fd in fds:
                try:
                    target = os.readlink(fd)
                except OSError:
                    continue
                if target.startswith("socket:["):
                    inode = target[8:-1]
                    if inode in inet and not _is_loopback(inet[inode][0]):
                        bad.append(f"pid {pid}: {inet[inode]}")
    expect(bool(apps), "no app process found under the driver")
    return bad


def test_first_run_sample_and_every_view(h: Harness) -> None:
    ledger = h.workdir / "sample" / "ledger.sqlite"
    launch = h.launch(ledger, "view")
    with launch as s:
        s.wait_for('[data-testid="first-run"]', RENDER_TIMEOUT)
        launch.screenshot(s, "first-run")
        s.click('[data-testid="sample-load"]')
        s.wait_for('[data-testid="sample-banner"]', RENDER_TIMEOUT)
        n = s.wait_until("lines from the sample", lambda: count_shown(s) > 200 and count_shown(s), RENDER_TIMEOUT)
        # The dashboard's figures are the core's: compare with the CLI's summary.
        # The sample is made for the day it is loaded, so this month holds the
        # plans charged so far (core/src/app/sample.rs: $20 on the 3rd, $20 on
        # the 12th, $10 on the 18th, $10 on the 22nd).
        month = s.wait_for_text('[data-testid="month-ai-subscription-amount"]', RENDER_TIMEOUT)
        summary = cli_json(h, ledger, "summary", "--month", time.strftime("%Y-%m"))
        subs = [t for t in summary["totals"] if t["class"] == "ai-subscription"]
        spent = subs[0]["spent"].lstrip("-") if subs else "0.00"
        today = time.localtime().tm_mday
        plans = sum(amount for day, amount in ((3, 20), (12, 20), (18, 10), (22, 10)) if day <= today)
        expect(spent == f"{plans}.00", f"the CLI's summary says {subs}; the plans charged by day {today} make {plans}.00")
        expect(f"${spent}" in month, f"AI subscriptions this month show {month!r}, the CLI's summary ${spent}")
        bars = s.find_all('[data-testid="trend-bar"]')
        expect(len(bars) >= 12, f"{len(bars)} trend bars")
        renewals = s.text(s.find('[data-testid="renewals"]') or "")
        expect("ChatGPT" in renewals or "OpenAI" in renewals, f"renewals: {renewals!r}")
        launch.screenshot(s, "dashboard")
        goto(s, "transactions")
        s.wait_for('[data-testid="txn-row"]', RENDER_TIMEOUT)
        rows = len(s.find_all('[data-testid="txn-row"]'))
        expect(0 < rows < n, f"{rows} rows in the DOM for {n} lines: not virtualized")
        launch.screenshot(s, "transactions")
        goto(s, "subscriptions")
        s.wait_for('[data-testid="sub-row"]', RENDER_TIMEOUT)
        launch.screenshot(s, "subscriptions")
        goto(s, "import")
        s.wait_for('[data-testid="history-row"]', RENDER_TIMEOUT)
        launch.screenshot(s, "import")
        goto(s, "settings")
        path = s.wait_for_text('[data-testid="settings-ledger-path"]', RENDER_TIMEOUT)
        expect(path == str(ledger), f"settings show {path!r}")
        launch.screenshot(s, "settings")
        # Dark theme, Chinese: the same page in the other theme and language.
        s.select('[data-testid="set-language"]', "zh-CN")
        s.click('[data-testid="theme-dark"]')
        goto(s, "dashboard")
        s.wait_for('[data-testid="month-ai-subscription-amount"]', RENDER_TIMEOUT)
        launch.screenshot(s, "dashboard-zh-CN-dark")
        # Every view visited and sync off: no socket of the app or its
        # WebKit processes reaches past this machine.
        remote = app_remote_connections(launch)
        expect(remote == [], f"the app has connections off this machine: {remote}")
        goto(s, "settings")
        s.select('[data-testid="set-language"]', "en")
        s.click('[data-testid="theme-light"]')
        s.click('[data-testid="sample-remove"]')
        wait_count(s, 0)
        goto(s, "dashboard")
        s.wait_for('[data-testid="first-run"]', RENDER_TIMEOUT)


def test_import_edit_rule_undo_through_the_ui(h: Harness) -> None:
    ledger = h.workdir / "flow" / "ledger.sqlite"
    launch = h.launch(ledger, "flow", {"AISPEND_TEST_PICK_FILES": str(CHASE)})
    with launch as s:
        wait_count(s, 0)
        goto(s, "import")
        s.click('[data-testid="import-pick"]')
        fmt = s.wait_for_text('[data-testid="preview-format"]', RENDER_TIMEOUT)
        expect(fmt.strip() == "chase-card-csv", f"detected format {fmt!r}")
        added = s.wait_for_text('[data-testid="preview-added"]', RENDER_TIMEOUT)
        expect(added.split()[0] == "18", f"preview says {added!r}, expected 18 new")
        expect(cli_json(h, ledger, "txns") == [], "the preview wrote lines")
        launch.screenshot(s, "1-preview")
        s.click('[data-testid="import-commit"]')
        s.wait_for('[data-testid="import-result"]', RENDER_TIMEOUT)
        wait_count(s, 18)
        launch.screenshot(s, "2-imported")

        # The lines and their total, as the transactions view shows them.
        goto(s, "transactions")
        s.wait_until("18 matching lines", lambda: s.text(
            s.find('[data-testid="txn-matching"]') or "").startswith("18 matching"), RENDER_TIMEOUT)
        s.wait_for('[data-testid="txn-row"]', RENDER_TIMEOUT)
        s.type('[data-testid="filter-text"]', "FOREIGN TRANSACTION")
        s.wait_until("one row", lambda: len(s.find_all('[data-testid="txn-row"]')) == 1, RENDER_TIMEOUT)
        row = s.execute("return document.querySelector('[data-testid=\"txn-row\"]').textContent;")
        expect("0.60" in row, f"the fee line shows {row!r}")

        # Edit its class, then make the edit a rule.
        s.click('[data-testid="txn-row"]')
        s.wait_for('[data-testid="edit-class"]', RENDER_TIMEOUT)
        s.select('[data-testid="edit-class"]', "ai-subscription")
        s.type('[data-testid="edit-vendor"]', "anthropic")
        launch.screenshot(s, "3-edit")
        s.click('[data-testid="edit-save"]')
        fee = [t for t in cli_json(h, ledger, "txns") if "FOREIGN" in t["description"]]
        s.wait_until("the edit in the ledger", lambda: [
            t for t in cli_json(h, ledger, "txns")
            if "FOREIGN" in t["description"] and t["class"] == "ai-subscription"], RENDER_TIMEOUT)
        # The DOM's text (WebDriver's "rendered text" of a grid row leaves
        # out cells that are scrolled sideways).
        row_text = lambda: s.execute(  # noqa: E731
            "const r = document.querySelector('[data-testid=\"txn-row\"]');"
            "return r ? r.textContent : '';")
        # The vendor shows by its catalog name, not its id.
        s.wait_until("the row's new class", lambda: "Anthropic" in row_text() and row_text(), RENDER_TIMEOUT)
        s.click('[data-testid="txn-row"]')
        s.click('[data-testid="make-rule"]')
        result = s.wait_for_text('[data-testid="rule-result"]', RENDER_TIMEOUT)
        launch.screenshot(s, "4-rule")
        rules = cli_json(h, ledger, "rules", "list")["rules"]
        expect(len(rules) == 1 and rules[0]["from_txn"] == fee[0]["id"],
               f"rules after 'make this a rule': {rules}; the UI said {result!r}")
        s.keys("\ue00c")  # Escape closes the editor

        # Undo the import from the history: the ledger is empty again.
        goto(s, "import")
        s.click('[data-testid="history-undo"]')
        s.click('[data-testid="undo-confirm-ok"]')
        wait_count(s, 0)
        launch.screenshot(s, "5-undone")
        batches = cli_json(h, ledger, "imports")["imports"]
        expect(batches[0]["status"] == "undone", f"imports: {batches}")


REALWORLD = Path(__file__).resolve().parents[1] / "fixtures" / "realworld"
QIF_NO_CURRENCY = REALWORLD / "qif" / "card_2026-11.qif"
MONZO_HELD_OUT = REALWORLD / "monzo-csv" / "MonzoDataExport_01May2026-31May2026.csv"


def test_notices_and_the_line_panel_in_both_languages(h: Harness) -> None:
    """What issue 16 shows a user: the preview says which currency a file
    was assumed to be in, and a line's panel shows every field the bank gave
    and which field and catalog entry decided its class, in English and in
    Chinese."""
    ledger = h.workdir / "details" / "ledger.sqlite"
    launch = h.launch(ledger, "details", {"AISPEND_TEST_PICK_FILES": str(QIF_NO_CURRENCY)})
    with launch as s:
        wait_count(s, 0)
        goto(s, "import")
        s.click('[data-testid="import-pick"]')
        s.wait_for('[data-testid="preview-notice"]', RENDER_TIMEOUT)
        notice = s.execute(
            "const n = document.querySelector('[data-testid=\"preview-notice\"]');"
            "return [n.dataset.code, n.textContent];")
        expect(notice[0] == "assumed_currency" and "USD" in notice[1],
               f"the preview's notice is {notice!r}")
        launch.screenshot(s, "1-preview-notice")
        s.click('[data-testid="import-commit"]')
        s.wait_for('[data-testid="import-result"]', RENDER_TIMEOUT)

        # A held-out Monzo month, imported by the CLI while the window is open.
        added = cli_import(h, ledger, MONZO_HELD_OUT)
        goto(s, "transactions")
        line = [t for t in cli_json(h, ledger, "txns")
                if t.get("details", {}).get("descriptor", "").startswith("CLAUDE.AI SUBSCRIPTION")]
        expect(added > 0 and len(line) == 1 and line[0]["class"] == "ai-subscription"
               and line[0]["decided_by"]["field"] == "descriptor",
               f"the Monzo Claude line: {line}")
        s.type('[data-testid="filter-text"]', "Anthropic")
        s.wait_until("the filtered list with the Monzo line", lambda: s.execute(
            "const rows = [...document.querySelectorAll('[data-testid=\"txn-row\"]')];"
            "return (rows.length > 0 && rows.every(r => /anthropic/i.test(r.textContent))"
            " && rows.some(r => r.textContent.includes('18.00'))) || null;"), RENDER_TIMEOUT)

        def panel() -> str:
            s.execute("for (const r of document.querySelectorAll('[data-testid=\"txn-row\"]'))"
                      " if (r.textContent.includes('18.00')) { r.click(); break; }")
            s.wait_for('[data-testid="txn-details"]', RENDER_TIMEOUT)
            return s.execute(
                "return document.querySelector('[data-testid=\"txn-details\"]').textContent + ' | ' +"
                " (document.querySelector('[data-testid=\"txn-why\"]') || {textContent: ''}).textContent;")

        shown = panel()
        expect("Anthropic" in shown and "CLAUDE.AI SUBSCRIPTION" in shown,
               f"the panel shows {shown!r}")
        launch.screenshot(s, "2-line-panel-en")
        s.keys("\ue00c")
        goto(s, "settings")
        s.select('[data-testid="set-language"]', "zh-CN")
        goto(s, "transactions")
        s.type('[data-testid="filter-text"]', "Anthropic")
        s.wait_until("the filtered list with the Monzo line", lambda: s.execute(
            "const rows = [...document.querySelectorAll('[data-testid=\"txn-row\"]')];"
            "return (rows.length > 0 && rows.every(r => /anthropic/i.test(r.textContent))"
            " && rows.some(r => r.textContent.includes('18.00'))) || null;"), RENDER_TIMEOUT)
        shown_zh = panel()
        expect(shown_zh != shown and "Anthropic" in shown_zh,
               f"the Chinese panel shows {shown_zh!r}")
        launch.screenshot(s, "3-line-panel-zh-CN")
        s.keys("\ue00c")
        goto(s, "settings")
        s.select('[data-testid="set-language"]', "en")


def test_backup_and_restore_from_settings(h: Harness) -> None:
    ledger = h.workdir / "backup" / "ledger.sqlite"
    backup = h.workdir / "backup-copy" / "aispend-backup.sqlite"
    backup.parent.mkdir(parents=True)
    # The dialogs are answered by the test (debug builds only): the backup
    # goes to `backup`, and the restore picks it.
    launch = h.launch(ledger, "backup", {"AISPEND_TEST_SAVE_FILE": str(backup),
                                         "AISPEND_TEST_PICK_FILES": str(backup)})
    with launch as s:
        wait_count(s, 0)
        s.click('[data-testid="sample-load"]')
        n = s.wait_until("the sample", lambda: count_shown(s) > 200 and count_shown(s), RENDER_TIMEOUT)
        goto(s, "settings")
        s.click('[data-testid="backup"]')
        s.wait_until("the backup file", lambda: backup.exists() and backup.stat().st_size > 0, RENDER_TIMEOUT)
        copy = cli_json(h, backup, "txns")
        expect(len(copy) == n, f"the backup holds {len(copy)} lines, the ledger {n}")
        s.click('[data-testid="sample-remove"]')
        wait_count(s, 0)
        s.click('[data-testid="restore"]')
        s.click('[data-testid="restore-confirm-ok"]')
        wait_count(s, n)
        launch.screenshot(s, "restored")
    kept = [f.name for f in ledger.parent.iterdir() if ".before-restore-" in f.name]
    expect(len(kept) == 1, f"the replaced ledger was not kept beside it: {sorted(os.listdir(ledger.parent))}")


# -- provider sync (issue #8), against a fake OpenAI Admin API on 127.0.0.1 ----

PLANTED_KEY = "sk-admin-e2e-PLANTED-7f3c9a1b2d4e"


class FakeOpenAI:
    """Serves the documented shapes of /v1/organization/costs and
    /v1/organization/usage/completions (one page each, from the fixtures)
    and records each request's path and Authorization header. The costs
    page is held back until `release()`: a sync stays mid-way as long as the
    test needs."""

    def __init__(self) -> None:
        import http.server
        import threading
        self.gate = threading.Event()
        fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "openai"
        text = (fixtures / "costs_api_pages.json").read_text()
        costs, _ = json.JSONDecoder().raw_decode(text)
        costs.update(has_more=False, next_page=None)
        usage = json.loads((fixtures / "usage_completions_api_page.json").read_text())
        usage.update(has_more=False, next_page=None)
        pages = {"/v1/organization/costs": costs, "/v1/organization/usage/completions": usage}
        self.requests: list[tuple[str, str]] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                path = self.path.split("?")[0]
                outer.requests.append((path, self.headers.get("Authorization", "")))
                if path == "/v1/organization/costs":
                    outer.gate.wait(60)
                body = json.dumps(pages.get(path, {"error": {"message": "not found"}})).encode()
                self.send_response(200 if path in pages else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def release(self) -> None:
        self.gate.set()

    def close(self) -> None:
        self.gate.set()
        self.server.shutdown()


def test_provider_sync_from_settings(h: Harness) -> None:
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        raise AssertionError("no D-Bus session: run under scripts/desktop-test.sh (it starts a throwaway keyring)")
    ledger = h.workdir / "sync" / "ledger.sqlite"
    api = FakeOpenAI()
    launch = h.launch(ledger, "sync", {"AISPEND_OPENAI_BASE_URL": api.url})
    try:
        with launch as s:
            wait_count(s, 0)
            goto(s, "settings")
            panel = '[data-testid="sync-openai"]'
            s.wait_for(f'{panel} [data-testid="sync-key-missing"]', RENDER_TIMEOUT)
            expect(api.requests == [], f"the app called the API before a key was stored: {api.requests}")
            s.type(f'{panel} [data-testid="sync-key-input"]', PLANTED_KEY)
            s.click(f'{panel} [data-testid="sync-key-save"]')
            s.wait_for(f'{panel} [data-testid="sync-key-stored"]', RENDER_TIMEOUT)
            html = s.execute("return document.documentElement.outerHTML + "
                             "[...document.querySelectorAll('input')].map(i => i.value).join(' ');")
            expect(PLANTED_KEY not in html, "the key is still in the page after it was stored")
            s.click(f'{panel} [data-testid="sync-now"]')
            # While the sync waits on the network, the rest of the app answers:
            # the sync has its own connection to the ledger.
            s.wait_until("the sync's first request", lambda: any(
                p == "/v1/organization/costs" for p, _ in api.requests) or None, RENDER_TIMEOUT)
            started = time.monotonic()
            answer = s.execute_async(
                "const done = arguments[arguments.length - 1];"
                "window.__TAURI_INTERNALS__.invoke('txn_count', {query: {}})"
                ".then((n) => done({n}), (e) => done({error: String(e && e.message || e)}));")
            waited = time.monotonic() - started
            expect(answer == {"n": 0}, f"txn_count during the sync answered {answer!r}")
            expect(waited < 10 and not api.gate.is_set(),
                   f"txn_count took {waited:.1f}s: it waited for the sync")
            api.release()
            result = s.wait_for_text('[data-testid="sync-result"]', RENDER_TIMEOUT)
            launch.screenshot(s, "settings-synced")
            expect("new record" in result, f"the sync result says {result!r}")
            paths = sorted({p for p, _ in api.requests})
            expect(paths == ["/v1/organization/costs", "/v1/organization/usage/completions"], f"requests: {paths}")
            expect(all(a == f"Bearer {PLANTED_KEY}" for _, a in api.requests), "a request without the stored key")
            costs = cli_json(h, ledger, "costs")
            records = costs["records"] if isinstance(costs, dict) else costs
            expect(len(records) > 0, f"no provider records after the sync: {costs}")
            s.click(f'{panel} [data-testid="sync-key-remove"]')
            s.wait_for(f'{panel} [data-testid="sync-key-missing"]', RENDER_TIMEOUT)
    finally:
        api.close()
    for f in ledger.parent.iterdir():
        expect(PLANTED_KEY.encode() not in f.read_bytes(), f"the key is in {f.name}")


# -- top-up cases and reconciliation (issue #7) -------------------------------

CITI_PENDING = Path(__file__).resolve().parent / "fixtures" / "Citi-card-2026-10-openai-pending.CSV"
FAKE_CARD = "4111 1111 1111 1111"  # the standard made-up test card number


def _png(path: Path, width: int = 160, height: int = 100) -> None:
    """A small PNG 'screenshot' with a tEXt chunk (metadata the case strips)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    rows = b"".join(b"\x00" + b"".join(bytes((40 + (x * 3) % 180, 110, 160 - y % 90)) for x in range(width))
                    for y in range(height))
    path.write_bytes(b"\x89PNG\r\n\x1a\n"
                     + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                     + chunk(b"tEXt", b"Comment\x00billing page, taken at home")
                     + chunk(b"IDAT", zlib.compress(rows))
                     + chunk(b"IEND", b""))


def _case_fact(h: Harness, ledger: Path, case: int, fact: str) -> object:
    shown = cli_json(h, ledger, "case", "show", str(case))
    for f in shown["facts"]:  # type: ignore[index]
        if f["fact"] == fact:
            return f
    return None


def _open_step(s: Session, fact: str) -> None:
    """Shows one question of the wizard from the list of all questions."""
    s.execute("document.querySelector('details.steps').open = true;")
    s.click(f'[data-testid="step"][data-fact="{fact}"]')
    s.wait_until(f"the {fact} question", lambda: s.execute(
        "const q = document.querySelector('[data-testid=\"question\"]');"
        "return q ? q.getAttribute('data-fact') : null;") == fact, RENDER_TIMEOUT)


def test_topup_wizard_pending_charge_to_verified_pack(h: Harness) -> None:
    work = h.workdir / "topup"
    work.mkdir(parents=True)
    ledger = work / "ledger.sqlite"
    shot_png = work / "billing-page.png"
    _png(shot_png)
    note = work / "bank-chat.txt"
    note.write_text(f"Chat with the bank: card {FAKE_CARD} shows a hold of 25.00 USD from OPENAI "
                    "on 2026-10-28. Reply to jane.doe@example.com.\n")
    pack = work / "out" / "aispend-case-1.zip"
    pack.parent.mkdir()
    expect(cli_import(h, ledger, CITI_PENDING) == 5, "the Citi statement imports 5 lines")
    pending = [t for t in cli_json(h, ledger, "txns") if t["status"] == "pending"]  # type: ignore[union-attr]
    expect(len(pending) == 1 and pending[0]["vendor"] == "openai", f"one pending OpenAI line: {pending}")
    launch = h.launch(ledger, "topup", {
        "AISPEND_TEST_PICK_FILES": os.pathsep.join([str(shot_png), str(note)]),
        "AISPEND_TEST_SAVE_FILE": str(pack),
    })
    with launch as s:
        wait_count(s, 5)
        goto(s, "cases")
        s.click('[data-testid="case-new"]')
        s.wait_for('[data-testid="case-candidate"]', RENDER_TIMEOUT)
        s.click(f'[data-testid="case-candidate"][data-id="{pending[0]["id"]}"]')
        s.wait_for('[data-testid="finding"]', RENDER_TIMEOUT)
        first = s.execute("return document.querySelector('[data-testid=\"finding\"]').getAttribute('data-code');")
        expect(first == "bank_authorization_only", f"the top finding is {first!r}")
        contact = s.execute("return document.querySelector('[data-testid=\"first-contact\"]').getAttribute('data-contact');")
        expect(contact == "issuing_bank", f"first contact {contact!r}")
        do_not = s.execute("return [...document.querySelectorAll('[data-testid=\"do-not-item\"]')].map(e => e.getAttribute('data-id'));")
        expect("pay_again" in do_not, f"do not: {do_not}")
        # The bank status came from the ledger, with the line it came from.
        _open_step(s, "bank_status")
        prefill = s.execute("return document.querySelector('[data-testid=\"prefill\"]').textContent;")
        expect("OPENAI" in prefill and "25.00" in prefill, f"the prefilled rows: {prefill!r}")
        launch.screenshot(s, "1-wizard")

        # One answer through the UI; the core records it and diagnoses again.
        _open_step(s, "platform_payment_record")
        s.click('[data-testid="answer-choice"][data-value="none"]')
        s.click('[data-testid="answer-save"]')
        s.wait_until("the answer in the ledger", lambda: (_case_fact(h, ledger, 1, "platform_payment_record") or {})
                     .get("value") == "none", RENDER_TIMEOUT)  # type: ignore[union-attr]
        s.wait_until("the diagnosis again", lambda: s.execute(
            "return document.querySelector('[data-testid=\"finding\"]').getAttribute('data-code');")
            == "bank_authorization_only", RENDER_TIMEOUT)
        launch.screenshot(s, "2-answered")

        # Evidence through the shell's dialog: the PNG with a thumbnail.
        s.click('[data-testid="evidence-add"]')
        s.wait_until("two attachments", lambda: len(s.find_all('[data-testid="attachment"]')) == 2, RENDER_TIMEOUT)
        s.wait_for('[data-testid="attachment-thumb"]', RENDER_TIMEOUT)
        src = s.execute("return document.querySelector('[data-testid=\"attachment-thumb\"]').getAttribute('src').slice(0, 22);")
        expect(src == "data:image/png;base64,", f"thumbnail src {src!r}")
        loaded = s.wait_until("the thumbnail to load", lambda: s.execute(
            "const i = document.querySelector('[data-testid=\"attachment-thumb\"]');"
            "return i.complete && i.naturalWidth;"), RENDER_TIMEOUT)
        expect(loaded == 160, f"thumbnail width {loaded}")
        s.execute("document.querySelector('[data-testid=\"evidence\"]').scrollIntoView();")
        launch.screenshot(s, "3-evidence")

        # What the pack will hold: the card number masked.
        s.click('[data-testid="pack-preview"]')
        s.wait_for('[data-testid="pack-redactions"]', RENDER_TIMEOUT)
        table = s.execute("return document.querySelector('[data-testid=\"pack-redactions\"]').textContent;")
        expect("1111" in table and FAKE_CARD not in table, f"redactions: {table!r}")
        s.execute("document.querySelector('[data-testid=\"pack\"]').scrollIntoView();")
        launch.screenshot(s, "4-preview")

        s.click('[data-testid="pack-export"]')
        s.wait_until("the pack file", lambda: pack.exists() and pack.stat().st_size > 0, RENDER_TIMEOUT)
        s.wait_for('[data-testid="export-result"]', RENDER_TIMEOUT)
        message = s.execute("return document.querySelector('[data-testid=\"message\"]').value;")
        expect("bank" in message and FAKE_CARD not in message, f"drafted message: {message[:200]!r}")
        s.click('[data-testid="copy-message"]')
        s.wait_until("the copy's status", lambda: s.text(s.find('[data-testid="status"]') or "").strip(), RENDER_TIMEOUT)
        launch.screenshot(s, "5-exported")

    report = cli_json(h, ledger, "case", "verify", str(pack))
    expect(report["ok"] is True and report["checked"] > 5, f"case verify: {report}")  # type: ignore[index]
    import re
    import zipfile
    card = re.compile(r"4111[ -]?1111[ -]?1111[ -]?1111")
    with zipfile.ZipFile(pack) as z:
        names = z.namelist()
        expect(any(n.endswith(".png") for n in names), f"the screenshot is in the pack: {names}")
        for name in names:
            data = z.read(name)
            expect(not card.search(data.decode("latin-1")), f"{name} holds the full card number")
            if name.endswith(".png"):
                expect(b"taken at home" not in data, f"{name} kept its text metadata")


def test_reconciliation_flag_opens_a_prefilled_case(h: Harness) -> None:
    ledger = h.workdir / "recon" / "ledger.sqlite"
    expect(cli_import(h, ledger, CITI_PENDING) == 5, "the Citi statement imports 5 lines")
    launch = h.launch(ledger, "recon")
    with launch as s:
        wait_count(s, 5)
        goto(s, "reconcile")
        flag = '[data-testid="recon-flag"][data-kind="stale_pending"]'
        s.wait_for(flag, RENDER_TIMEOUT)
        rows = s.execute("return [...document.querySelectorAll(arguments[0] + ' [data-testid=\"ledger-row\"]')]"
                         ".map(r => r.textContent);", flag)
        expect(len(rows) == 1 and "OPENAI" in rows[0] and "25.00" in rows[0], f"the flag's rows: {rows}")
        launch.screenshot(s, "1-flags")
        s.click(f'{flag} [data-testid="flag-open-case"]')
        s.wait_for('[data-testid="wizard"]', RENDER_TIMEOUT)
        expect(s.execute("return document.querySelector('[data-testid=\"nav-cases\"]').getAttribute('aria-current');")
               == "page", "the wizard opened in Top-up cases")
        linked = s.text(s.find('[data-testid="case-rows"]') or "")
        expect("OPENAI" in linked, f"the case's rows: {linked!r}")
        _open_step(s, "amount")
        value = s.execute("return document.querySelector('[data-testid=\"answer-input\"]').value;")
        expect(value == "25.00", f"the amount is prefilled: {value!r}")
        top = s.execute("return document.querySelector('[data-testid=\"finding\"]').getAttribute('data-code');")
        expect(top == "bank_authorization_only", f"top finding {top!r}")
        launch.screenshot(s, "2-wizard")
    listed = cli_json(h, ledger, "case", "list")["cases"]  # type: ignore[index]
    expect(len(listed) == 1 and listed[0]["provider"] == "openai", f"case list: {listed}")
# -- reimbursement and provider views (issue #7) -------------------------------

def _set_input(s: Session, css: str, value: str) -> None:
    """Sets an input's value as a user edit would (date inputs take no typed
    keys reliably under WebKitWebDriver) and tells the view."""
    s.wait_for(css, RENDER_TIMEOUT)
    s.execute(
        "const el = document.querySelector(arguments[0]);"
        "el.value = arguments[1];"
        "el.dispatchEvent(new Event('input', {bubbles: true}));"
        "el.dispatchEvent(new Event('change', {bubbles: true}));", css, value)


def _scroll_to(s: Session, testid: str, end: bool = False) -> None:
    """Scrolls the view (only the content pane, never the window) so that the
    element is at the top of it, or at its bottom with `end`."""
    s.execute(
        "const main = document.querySelector('main.content');"
        "const el = document.querySelector('[data-testid=\"' + arguments[0] + '\"]');"
        "const top = el.getBoundingClientRect().top - main.getBoundingClientRect().top + main.scrollTop;"
        "main.scrollTop = arguments[1] ? top + el.offsetHeight - main.clientHeight + 16 : top - 8;",
        testid, end)


def _csv_totals(path: Path) -> dict[str, str]:
    """The report CSV's total rows: {"USD": owed, "converted": total, "outstanding": ...}."""
    import csv
    from decimal import Decimal
    out: dict[str, str] = {}
    with path.open(newline="", encoding="utf-8") as f:
        for row in csv.reader(f):
            label = row[3] if len(row) > 3 else ""
            numbers = [c for c in row[4:] if c.strip()]
            if label.startswith("Total billed in "):
                out[row[5]] = str(Decimal(row[4]))
            elif label.startswith("Total in ") and numbers:
                out["converted"] = str(Decimal(numbers[0]))
            elif label.startswith("Outstanding in ") and numbers:
                out["outstanding"] = str(Decimal(numbers[0]))
    return out


def test_reimbursement_through_the_ui(h: Harness) -> None:
    from decimal import Decimal
    ledger = h.workdir / "reimburse" / "ledger.sqlite"
    out = h.workdir / "reimburse-out"
    out.mkdir(parents=True)
    csv_out, pdf_out, zip_out = out / "acme.csv", out / "acme.pdf", out / "acme-receipts.zip"
    added = cli_import(h, ledger, CHASE)
    expect(added == 18, f"the CLI added {added} lines, expected 18")
    # One line has a receipt (a made-up file), so the ZIP holds one.
    receipt = out / "receipt-anthropic.pdf"
    receipt.write_bytes(b"%PDF-1.4\n% a made-up receipt for the test\n")
    api = [t for t in cli_json(h, ledger, "txns", "--class", "ai-api") if t["vendor"] == "anthropic"]
    expect(len(api) == 1, f"anthropic API lines: {api}")
    cli_json(h, ledger, "receipt", "attach", str(api[0]["id"]), str(receipt))
    # The save dialog is answered by the test (debug builds only): each
    # export takes the path with its extension.
    launch = h.launch(ledger, "reimburse", {
        "AISPEND_TEST_SAVE_FILE": os.pathsep.join(str(p) for p in (csv_out, pdf_out, zip_out))})
    with launch as s:
        wait_count(s, 18)
        goto(s, "reimburse")
        s.wait_for('[data-testid="rb-line"]', RENDER_TIMEOUT)
        # Two AI subscription lines, ticked one by one.
        s.select('[data-testid="rb-filter-class"]', "ai-subscription")
        s.wait_until("only subscription lines", lambda: s.text(
            s.find('[data-testid="rb-matching"]') or "").startswith("4 matching"), RENDER_TIMEOUT)
        checks = s.find_all('[data-testid="rb-line-check"]')
        expect(len(checks) == 4, f"{len(checks)} subscription lines listed")
        ids = s.execute("return [...document.querySelectorAll('[data-testid=\"rb-line\"]')]"
                        ".slice(0, 2).map(r => Number(r.dataset.id));")
        s.execute("document.querySelectorAll('[data-testid=\"rb-line-check\"]')[0].click();"
                  "document.querySelectorAll('[data-testid=\"rb-line-check\"]')[1].click();")
        s.type('[data-testid="rb-tag"]', "client:Acme Studio")
        s.click('[data-testid="rb-tag-selected"]')
        result = s.wait_for_text('[data-testid="rb-tag-result"]', RENDER_TIMEOUT)
        expect("Tagged 2 of 2" in result, f"the tag result says {result!r}")
        launch.screenshot(s, "1-tagged-selected")
        # Every AI API line, through "all matching".
        s.select('[data-testid="rb-filter-class"]', "ai-api")
        s.wait_until("the API lines", lambda: s.text(
            s.find('[data-testid="rb-matching"]') or "").startswith("2 matching"), RENDER_TIMEOUT)
        s.click('[data-testid="rb-tag-matching"]')
        s.wait_until("all matching tagged", lambda: s.execute(
            "const rows = [...document.querySelectorAll('[data-testid=\"rb-line\"]')];"
            "return rows.length === 2 && rows.every(r => r.textContent.includes('client:Acme Studio'));"),
            RENDER_TIMEOUT)
        tagged = [t for t in cli_json(h, ledger, "txns") if "client:Acme Studio" in t["tags"]]
        want_ids = set(ids) | {t["id"] for t in cli_json(h, ledger, "txns", "--class", "ai-api")}
        expect({t["id"] for t in tagged} == want_ids,
               f"tagged lines {sorted(t['id'] for t in tagged)}, expected {sorted(want_ids)}")
        launch.screenshot(s, "2-tagged-matching")

        # The preview for January.
        _set_input(s, '[data-testid="rb-client"]', "acme studio")
        _set_input(s, '[data-testid="rb-from"]', "2026-01-01")
        _set_input(s, '[data-testid="rb-to"]', "2026-01-31")
        s.click('[data-testid="rb-preview-btn"]')
        s.wait_for('[data-testid="rb-preview"]', RENDER_TIMEOUT)
        rows = s.find_all('[data-testid="rb-row"]')
        expect(len(rows) == 4, f"{len(rows)} report lines, expected 4")
        shown_total = s.execute(
            "return document.querySelector('[data-testid=\"rb-total\"][data-currency=\"USD\"]').dataset.amount;")
        missing = s.execute("return document.querySelector('[data-testid=\"rb-missing-receipts\"]').dataset.count;")
        _scroll_to(s, "rb-preview")
        launch.screenshot(s, "3-preview")

        # Exports through the save dialog.
        for kind, path in (("csv", csv_out), ("pdf", pdf_out), ("zip", zip_out)):
            s.click(f'[data-testid="rb-export-{kind}"]')
            s.wait_until(f"the {kind} file", lambda p=path: p.exists() and p.stat().st_size > 0, RENDER_TIMEOUT)
        expect(pdf_out.read_bytes().startswith(b"%PDF"), "the PDF is not a PDF")
        expect(zip_out.read_bytes().startswith(b"PK"), "the ZIP is not a ZIP")
        expect(csv_out.with_suffix(".receipts.zip").exists(), "no receipts ZIP beside the CSV")
        _scroll_to(s, "rb-export-result", end=True)
        launch.screenshot(s, "4-exported")

        # The CSV's totals are the CLI's.
        cli_csv = out / "cli.csv"
        cli = cli_json(h, ledger, "report", "reimbursement", "--client", "Acme Studio",
                       "--from", "2026-01-01", "--to", "2026-01-31", "--out", str(cli_csv))
        report = cli["report"]
        totals = _csv_totals(csv_out)
        want = {t["currency"]: str(Decimal(t["owed"])) for t in report["totals"]}
        want["converted"] = str(Decimal(report["total_converted"]))
        want["outstanding"] = str(Decimal(report["outstanding_converted"]))
        expect(totals == want, f"the app's CSV totals {totals}, the CLI's {want}")
        expect(totals == _csv_totals(cli_csv), "the app's CSV and the CLI's CSV disagree")
        expect(Decimal(shown_total) == Decimal(want["USD"]), f"the view shows {shown_total}, the CLI {want['USD']}")
        expect(int(missing) == 3, f"{missing} lines without a receipt, expected 3")
        expect(cli["receipts"] == 1, f"the CLI's ZIP holds {cli['receipts']} receipts")
        import zipfile
        with zipfile.ZipFile(zip_out) as z:
            names = z.namelist()
        expect("manifest.json" in names and any(n.endswith(".pdf") for n in names), f"ZIP entries {names}")

        # Mark reimbursed (confirmed), undo, mark again.
        _set_input(s, '[data-testid="rb-paid-on"]', "2026-02-14")
        s.click('[data-testid="rb-mark"]')
        s.click('[data-testid="rb-mark-confirm-ok"]')
        s.wait_for('[data-testid="rb-mark-result"]', RENDER_TIMEOUT)
        _scroll_to(s, "rb-mark-result", end=True)
        launch.screenshot(s, "5-marked")
        marks = lambda: [ln["reimbursed_on"] for ln in cli_json(  # noqa: E731
            h, ledger, "report", "reimbursement", "--client", "Acme Studio", "--from", "2026-01-01",
            "--to", "2026-01-31", "--out", str(cli_csv))["report"]["lines"]]
        expect(marks() == ["2026-02-14"] * 4, f"marks after 'mark reimbursed': {marks()}")
        s.click('[data-testid="rb-undo"]')
        s.wait_until("the undo", lambda: marks() == [None] * 4, RENDER_TIMEOUT)
        s.wait_until("the mark button back", lambda: s.execute(
            "const b = document.querySelector('[data-testid=\"rb-mark\"]'); return b && !b.disabled;"), RENDER_TIMEOUT)
        s.click('[data-testid="rb-mark"]')
        s.click('[data-testid="rb-mark-confirm-ok"]')
        s.wait_until("marked again", lambda: marks() == ["2026-02-14"] * 4, RENDER_TIMEOUT)
        s.wait_until("the view shows the marks", lambda: s.execute(
            "return document.querySelector('[data-testid=\"rb-outstanding\"]').dataset.amount;") == "0.00",
            RENDER_TIMEOUT)
        _scroll_to(s, "rb-preview")
        launch.screenshot(s, "6-marked-again")


OPENAI_COSTS = Path(__file__).resolve().parents[1] / "fixtures" / "openai" / "cost_2026-11-01_2026-11-03.csv"
ANTHROPIC_COSTS = Path(__file__).resolve().parents[1] / "fixtures" / "anthropic" / "claude_api_cost_2026-11.csv"


def _expected_groups(records: list[dict], by: str) -> dict[tuple[str, str], str]:
    """What `aispend costs --json` records add up to per (provider, group)."""
    from decimal import Decimal
    sums: dict[tuple[str, str], Decimal] = {}
    for r in records:
        if r.get("kind") != "cost" or r.get("amount") is None:
            continue
        pick = lambda *ks: next((r[k] for k in ks if r.get(k)), "(none)")  # noqa: E731
        key = {"project": pick("project_name", "project_id"),
               "line_item": pick("line_item", "model"),
               "model": pick("model"),
               "api_key": pick("api_key_name", "api_key_id"),
               "month": r["date"][:7]}[by]
        k = (r["provider"], key)
        sums[k] = sums.get(k, Decimal(0)) + Decimal(r["amount"])
    return {k: str(v.normalize()) for k, v in sums.items()}


def test_provider_view_matches_the_cli(h: Harness) -> None:
    from decimal import Decimal
    ledger = h.workdir / "providers" / "ledger.sqlite"
    for f in (OPENAI_COSTS, ANTHROPIC_COSTS):
        cli_import(h, ledger, f)
    records = cli_json(h, ledger, "costs")
    expect(isinstance(records, list) and records, f"no cost records: {records}")
    launch = h.launch(ledger, "providers")
    with launch as s:
        wait_count(s, 0)
        goto(s, "providers")
        s.wait_for('[data-testid="pv-group"]', RENDER_TIMEOUT)
        # The chart: an SVG with a bar group per month, and its table.
        s.wait_for('[data-testid="provider-chart"] svg', RENDER_TIMEOUT)
        months = sorted({r["date"][:7] for r in records if r.get("kind") == "cost"})
        bars = s.execute("return [...document.querySelectorAll('[data-testid=\"provider-bar\"]')]"
                         ".map(b => b.dataset.month);")
        expect(bars == months, f"chart months {bars}, records' months {months}")
        expect(s.find('[data-testid="provider-chart-table"]') is not None, "no table alternative to the chart")
        launch.screenshot(s, "1-overview")
        for i, by in enumerate(("project", "line_item", "model", "api_key", "month")):
            s.click(f'[data-testid="pv-by-{by}"]')
            s.wait_until(f"grouped by {by}", lambda b=by: s.execute(
                "return document.querySelector('[data-testid=\"pv-groups\"]').dataset.by;") == b, RENDER_TIMEOUT)
            shown = s.execute("return [...document.querySelectorAll('[data-testid=\"pv-group\"]')]"
                              ".map(g => [g.dataset.provider, g.dataset.key, g.dataset.amount]);")
            got = {(p, k): str(Decimal(a).normalize()) for p, k, a in shown}
            want = _expected_groups(records, by)
            expect(got == want, f"by {by}: the view shows {got}, `aispend costs --json` adds up to {want}")
            launch.screenshot(s, f"{i + 2}-by-{by}")
        totals = s.execute("return [...document.querySelectorAll('[data-testid=\"pv-total\"]')]"
                           ".map(g => [g.dataset.provider, g.dataset.amount]);")
        want_totals: dict[str, Decimal] = {}
        for r in records:
            if r.get("kind") == "cost" and r.get("amount") is not None:
                want_totals[r["provider"]] = want_totals.get(r["provider"], Decimal(0)) + Decimal(r["amount"])
        expect({p: Decimal(a) for p, a in totals} == want_totals, f"totals {totals}, CLI {want_totals}")


# -- credits, budgets and alerts (issue #18) ------------------------------------

CREDITS_CARD = Path(__file__).resolve().parents[1] / "fixtures" / "credits" / "Citi-card-2026-11.CSV"


class NotificationServer:
    """tests/desktop/notification_server.py on this run's private session bus:
    owns org.freedesktop.Notifications and writes each Notify call it gets
    (the app's real D-Bus call, sent by the notification plugin) to `capture`."""

    def __init__(self, capture: Path):
        if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
            raise AssertionError("no D-Bus session: run under scripts/desktop-test.sh")
        # PyGObject comes with the system's Python (python3-gi), which may not
        # be the python3 first on PATH.
        python = "/usr/bin/python3" if Path("/usr/bin/python3").exists() else sys.executable
        self.capture = capture
        self.proc = subprocess.Popen(
            [python, str(Path(__file__).resolve().parent / "notification_server.py"), str(capture)],
            stdout=subprocess.PIPE, text=True)
        ready = self.proc.stdout.readline() if self.proc.stdout else ""
        if ready.strip() != "ready":
            self.close()
            raise AssertionError(f"the notification server did not start: {ready!r}")

    def calls(self) -> list[dict[str, str]]:
        if not self.capture.exists():
            return []
        return [json.loads(x) for x in self.capture.read_text().splitlines() if x.strip()]

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def test_exceeded_budget_rings_the_bell_and_notifies(h: Harness) -> None:
    ledger = h.workdir / "alerts" / "ledger.sqlite"
    ledger.parent.mkdir(parents=True)
    cli_import(h, ledger, CREDITS_CARD)
    # November's API top-ups (70.00) against a 10.00 budget for November:
    # exceeded on any day after it, whatever today's date is.
    cli_json(h, ledger, "budget", "set", "--class", "ai-api", "--amount", "10",
             "--period", "2026-11-01..2026-11-30")
    status = cli_json(h, ledger, "budget", "status")
    expect(status[0]["status"] == "over", f"budget status {status!r}")
    over = [a for a in cli_json(h, ledger, "alerts", "--all")  # type: ignore[union-attr]
            if a["kind"] == "budget_exceeded"][0]
    expect(len(over["lines"]) > 0, f"the alert names its lines: {over!r}")
    # This month's Claude Code usage under a Claude Max plan entered by hand:
    # the budgets panel values it at API prices.
    today = dt.datetime.now(dt.timezone.utc).date()
    log = h.workdir / "alerts" / "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f.jsonl"
    src = Path(__file__).resolve().parents[1] / "fixtures" / "usage" / "7b3e9f10-2c4d-4e5a-9b6c-1d2e3f4a5b6c.jsonl"
    log.write_text(src.read_text().replace("2026-11-01T", f"{today.isoformat()}T"))
    cli_import(h, ledger, log)
    cli_json(h, ledger, "subs", "add", "--vendor", "anthropic", "--product", "Claude Max",
             "--amount", "100", "--since", today.isoformat())
    server = NotificationServer(h.workdir / "alerts" / "notify-calls.jsonl")
    try:
        _bell_panels_and_notifications(h, ledger, over, server)
    finally:
        server.close()


def _bell_panels_and_notifications(h: Harness, ledger: Path, over: dict, server: NotificationServer) -> None:
    launch = h.launch(ledger, "alerts-bell")
    with launch as s:
        s.wait_for_text('[data-testid="alert-count"]', RENDER_TIMEOUT)
        s.click('[data-testid="alert-bell"]')
        s.wait_for_text('[data-testid="alert-budget_exceeded"]', RENDER_TIMEOUT)
        s.click('[data-testid="alert-budget_exceeded"] button')
        rows = s.wait_for_text('[data-testid="alert-rows"]', RENDER_TIMEOUT)
        expect("budget:1" in rows, f"the alert's rows are {rows!r}")
        launch.screenshot(s)
        # The shell raised it as a notification, at start, over D-Bus.
        s.wait_until("the notification", lambda: [
            c for c in server.calls() if "class:ai-api" in c["summary"]] or None, RENDER_TIMEOUT)
        # The alert opens Transactions on exactly the lines behind it.
        s.click('[data-testid="alert-open-lines"]')
        s.wait_for_text('[data-testid="txn-lines-note"]', RENDER_TIMEOUT)
        n = len(over["lines"])
        s.wait_until(
            "the alert's lines",
            lambda: s.text(s.find('[data-testid="txn-matching"]') or "").startswith(f"{n} matching") or None,
            RENDER_TIMEOUT,
        )
        launch.screenshot(s, "lines")
        # A budget and a grant set through the forms; a bad amount first.
        goto(s, "providers")
        s.select('[data-testid="budget-kind"]', "provider")
        s.select('[data-testid="budget-value"]', "openai")
        s.type('[data-testid="budget-amount"]', "12,5")
        s.click('[data-testid="budget-save"]')
        err = s.wait_for_text('[data-testid="budget-error"]', RENDER_TIMEOUT)
        expect("is not an amount" in err, f"the core's message: {err!r}")
        s.type('[data-testid="budget-amount"]', "25")
        s.click('[data-testid="budget-save"]')
        s.wait_for('[data-testid="budget-ok"]', RENDER_TIMEOUT)
        expect(s.find('[data-testid="budget-error"]') is None, "the error stays after a good save")
        plan_row = s.wait_for_text('[data-testid="plan-value-row"]', RENDER_TIMEOUT)
        expect("Claude Max" in plan_row, f"the plan value row: {plan_row!r}")
        s.click('[data-testid="credit-grant-open"]')
        s.type('[data-testid="credit-organization"]', "org-test")
        s.type('[data-testid="credit-amount"]', "5.00")
        s.click('[data-testid="credit-save"]')
        s.wait_for('[data-testid="credit-purchase-grant"]', RENDER_TIMEOUT)
        # The form's organization names the account (the provider's only one).
        account = s.text(s.find('[data-testid="credit-account"]') or "")
        expect("org-test" in account, f"the account row: {account!r}")
        # The card's two OpenAI top-ups (70.00) and the grant.
        s.wait_until(
            "the granted balance",
            lambda: "75.00" in s.text(s.find('[data-testid="credit-balance"]') or "") or None,
            RENDER_TIMEOUT,
        )
        launch.screenshot(s, "forms-en")
        goto(s, "settings")
        s.select('[data-testid="set-language"]', "zh-CN")
        goto(s, "providers")
        s.type('[data-testid="budget-amount"]', "abc")
        s.click('[data-testid="budget-save"]')
        s.wait_for_text('[data-testid="budget-error"]', RENDER_TIMEOUT)
        launch.screenshot(s, "forms-zh")
        goto(s, "settings")
        s.select('[data-testid="set-language"]', "en")
    budgets = cli_json(h, ledger, "budget", "list")
    expect([b["scope"] for b in budgets] == ["class:ai-api", "provider:openai"],  # type: ignore[index]
           f"budgets after the form: {budgets!r}")
    credits = cli_json(h, ledger, "credits", "--provider", "openai")
    expect(credits[0]["balance"] == "75.00", f"credits after the grant: {credits!r}")  # type: ignore[index]
    expect(credits[0]["organization"] == "org-test", f"the grant's organization: {credits!r}")  # type: ignore[index]
    calls = server.calls()
    exceeded = [c for c in calls if c["body"] == over["message"]]
    expect(len(exceeded) == 1, f"the budget-exceeded notification, once: {calls!r}")
    expect(exceeded[0]["summary"] == f"AI Spend: {over['subject']}", f"its summary: {exceeded[0]!r}")
    expect("class:ai-api" in exceeded[0]["summary"], f"its summary names the budget: {exceeded[0]!r}")
    # A second start notifies nothing new: each alert is notified once.
    with h.launch(ledger, "alerts-bell-again") as s:
        s.wait_for_text('[data-testid="alert-count"]', RENDER_TIMEOUT)
        time.sleep(3)  # the notifier's first round, had it anything to raise
    again = server.calls()
    expect(len(again) == len(calls), f"notified again: {again!r}")


# -- Chinese end to end, and what only the command line could do (issue #21) ---

BAD_CSV = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "bad" / "bmo_unreadable_amount.csv"


def test_zh_cn_wizard_notes_receipts_and_an_import_error(h: Harness) -> None:
    """The top-up wizard in Chinese (a note, closing the case), a receipt
    attached to a line and opened, and an import error in Chinese."""
    work = h.workdir / "zh"
    work.mkdir(parents=True)
    ledger = work / "ledger.sqlite"
    receipt = work / "openai-receipt.png"
    _png(receipt)
    opened = work / "opened.log"
    expect(cli_import(h, ledger, CITI_PENDING) == 5, "the Citi statement imports 5 lines")
    pending = [t for t in cli_json(h, ledger, "txns") if t["status"] == "pending"]  # type: ignore[union-attr]
    line = pending[0]["id"]
    launch = h.launch(ledger, "zh", {
        "AISPEND_TEST_PICK_FILES": str(receipt),
        "AISPEND_TEST_OPENED": str(opened),
    })
    with launch as s:
        wait_count(s, 5)
        goto(s, "settings")
        s.select('[data-testid="set-language"]', "zh-CN")
        goto(s, "cases")
        s.click('[data-testid="case-new"]')
        s.wait_for('[data-testid="case-candidate"]', RENDER_TIMEOUT)
        s.click(f'[data-testid="case-candidate"][data-id="{line}"]')
        s.wait_for('[data-testid="finding"]', RENDER_TIMEOUT)
        contact = s.text(s.find('[data-testid="first-contact"]') or "")
        expect("发卡银行" in contact, f"the first contact in Chinese: {contact!r}")
        launch.screenshot(s, "1-wizard")
        # A note and closing the case, through the app; the CLI sees both.
        s.execute("document.querySelector('[data-testid=\"notes\"]').scrollIntoView();")
        s.type('[data-testid="note-text"]', "银行说这只是预授权。")
        s.click('[data-testid="note-add"]')
        s.wait_for('[data-testid="note"]', RENDER_TIMEOUT)
        s.click('[data-testid="case-close"]')
        s.wait_for('[data-testid="case-closed-note"]', RENDER_TIMEOUT)
        shown = cli_json(h, ledger, "case", "show", "1")
        notes = [n["text"] for n in shown["notes"]]  # type: ignore[index]
        expect(notes == ["银行说这只是预授权。"], f"notes in the ledger: {notes}")
        expect(shown["status"] == "closed", f"status {shown['status']!r}")  # type: ignore[index]
        launch.screenshot(s, "2-closed")
        # A receipt on the line, from the panel; opened through the shell.
        goto(s, "transactions")
        s.click(f'[data-testid="txn-row"][data-id="{line}"]')
        s.wait_for('[data-testid="receipt-add"]', RENDER_TIMEOUT)
        s.click('[data-testid="receipt-add"]')
        s.wait_for('[data-testid="receipt-thumb"]', RENDER_TIMEOUT)
        s.click('[data-testid="receipt-open"]')
        s.wait_until("the receipt opened", lambda: opened.exists() and opened.read_text().strip() != "", RENDER_TIMEOUT)
        expect(opened.read_text().strip().endswith(".png"), f"opened {opened.read_text()!r}")
        listed = cli_json(h, ledger, "receipt", "list", str(line))["receipts"]  # type: ignore[index]
        expect(len(listed) == 1, f"the CLI lists {listed}")
        launch.screenshot(s, "3-line-receipt")
    # An unreadable file: the error in Chinese, then the row left out and listed.
    launch = h.launch(ledger, "zh-import", {"AISPEND_TEST_PICK_FILES": str(BAD_CSV)})
    with launch as s:
        wait_count(s, 5)
        goto(s, "import")
        s.click('[data-testid="import-pick"]')
        s.wait_for('[data-testid="preview-skip-bad"]', RENDER_TIMEOUT)
        launch.screenshot(s, "1-error")
        s.click('[data-testid="preview-skip-bad"]')
        s.wait_for('[data-testid="preview-lines"]', RENDER_TIMEOUT)
        s.execute("document.querySelector('[data-testid=\"preview-lines\"]').open = true;")
        reject = s.wait_for_text('[data-testid="preview-reject"]', RENDER_TIMEOUT)
        expect(reject.strip() != "", "a row left out is listed with its reason")
        launch.screenshot(s, "2-rows-left-out")
        goto(s, "settings")
        s.select('[data-testid="set-language"]', "en")



def test_zh_cn_import_error_names_file_line_and_field(h: Harness) -> None:
    """A bad file imported in Chinese: the error the core sends is shown
    from the zh-CN catalog with the file, the line and the field, and
    follows a switch back to English."""
    work = h.workdir / "zh-error"
    work.mkdir(parents=True)
    ledger = work / "ledger.sqlite"
    expect(cli_import(h, ledger, CITI_PENDING) == 5, "the Citi statement imports 5 lines")
    launch = h.launch(ledger, "zh-import-error", {"AISPEND_TEST_PICK_FILES": str(BAD_CSV)})
    with launch as s:
        wait_count(s, 5)
        goto(s, "settings")
        s.select('[data-testid="set-language"]', "zh-CN")
        goto(s, "import")
        s.click('[data-testid="import-pick"]')
        shown = s.wait_for_text('[data-testid="preview-error"]', RENDER_TIMEOUT)
        for part in ("bmo_unreadable_amount.csv:6", "Transaction Amount", "N/A", "不是金额"):
            expect(part in shown, f"the Chinese error names {part!r}: {shown!r}")
        launch.screenshot(s, "1-error-zh-CN")
        goto(s, "settings")
        s.select('[data-testid="set-language"]', "en")
        goto(s, "import")
        shown = s.wait_for_text('[data-testid="preview-error"]', RENDER_TIMEOUT)
        expect("is not an amount" in shown, f"the English error: {shown!r}")
        launch.screenshot(s, "2-error-en")

# -- usage of AI tools and the watched log folders (issue #20) --------------------

CLAUDE_LOG = Path(__file__).resolve().parents[1] / "fixtures" / "claude_code" / "5e1d2c3b-4a59-4c6d-9e7f-8a9b0c1d2e3f.jsonl"


def _requests_shown(s: Session, key: str) -> int | None:
    return s.execute(
        "const r = document.querySelector('[data-testid=\"us-line\"][data-key=\"' + arguments[0] + '\"]');"
        "return r === null ? null : Number(r.dataset.requests);", key)


def test_watched_claude_log_grows_while_the_app_runs(h: Harness) -> None:
    """The user turns the Claude Code folder on in the Providers view; the
    log grows while the app runs, and after the watch's next scan (every 2 s
    here, AISPEND_WATCH_SECS) the view shows the new usage, as the CLI
    counts it. Looked at in English and Chinese."""
    work = h.workdir / "watch"
    folder = work / "claude" / "projects" / "-home-dev-ledger"
    folder.mkdir(parents=True)
    lines = [l for l in CLAUDE_LOG.read_text().splitlines(keepends=True) if l.endswith("\n")]
    log = folder / CLAUDE_LOG.name
    log.write_text("".join(lines[:6]))
    ledger = work / "ledger.sqlite"
    env = {
        "CLAUDE_CONFIG_DIR": str(work / "claude"),
        "CODEX_HOME": str(work / "codex"),
        "GEMINI_CLI_HOME": str(work / "gemini-home"),
        "AISPEND_WATCH_SECS": "2",
        "HOSTNAME": "test-box",
    }
    launch = h.launch(ledger, "watch", env)
    with launch as s:
        wait_count(s, 0)
        # Every notice the status line shows, kept: the app's own scans must
        # never say another program changed the ledger.
        s.execute(
            "window.__said = [];"
            "const el = document.querySelector('[data-testid=\"status\"]');"
            "new MutationObserver(() => window.__said.push(el.textContent))"
            ".observe(el, {childList: true, characterData: true, subtree: true});")
        goto(s, "providers")
        path = str(folder.parent)
        row = f'[data-testid="us-folder"][data-path="{path}"]'
        s.wait_for(row, RENDER_TIMEOUT)
        expect(s.execute("return document.querySelector(arguments[0]).dataset.watched;", row) == "false",
               "a folder is off until the user turns it on")
        expect(s.find('[data-testid="us-line"]') is None, "nothing read before consent")
        s.click(f"{row} [data-testid=\"us-folder-toggle\"]")
        s.wait_until("the first scan's usage", lambda: (_requests_shown(s, "claude-code") or 0) > 0, RENDER_TIMEOUT)
        first = _requests_shown(s, "claude-code") or 0
        last = s.text(s.find('[data-testid="us-last-scan"]') or "")
        expect("1 logs read" in last or "logs read" in last, f"last scan line: {last!r}")
        launch.screenshot(s, "1-watched")
        # The session goes on: its log grows while the app runs (written
        # whole at once, so a scan never meets it half written).
        grown = folder / "grown.tmp"
        grown.write_text("".join(lines))
        os.replace(grown, log)
        s.wait_until("the watch to read the grown log", lambda: (_requests_shown(s, "claude-code") or 0) > first,
                     RENDER_TIMEOUT)
        rows = cli_json(h, ledger, "usage", "--by", "tool")
        want = sum(int(r["requests"]) for r in rows if r["key"] == "claude-code")  # type: ignore[union-attr]
        s.wait_until("the view to match the CLI", lambda: _requests_shown(s, "claude-code") == want, RENDER_TIMEOUT)
        machines = cli_json(h, ledger, "usage", "--by", "machine")
        expect([r["key"] for r in machines] == ["test-box"], f"machine label: {machines}")  # type: ignore[union-attr]
        imports = cli_json(h, ledger, "imports")["imports"]  # type: ignore[index]
        expect(len(imports) == 2, f"one batch per scan with something new: {imports}")
        launch.screenshot(s, "2-grown")
        s.execute("document.querySelector('[data-testid=\"us-check\"]').scrollIntoView();")
        plan = s.text(s.find('[data-testid="us-plan-value"]') or "")
        expect(plan.startswith("$"), f"Claude Code usage valued at API prices: {plan!r}")
        time.sleep(0.5)
        launch.screenshot(s, "3-check")
        said = s.execute("return window.__said;") or []
        expect(not any("another program" in t for t in said),
               f"the app's own scans are not another program's writes: {said}")
        # A real outside write still says so.
        cli_json(h, ledger, "import", str(CLAUDE_LOG.parent / "3f2b9c4e-7d1a-4e8b-9c0d-5a6b7c8d9e0f.jsonl"))
        s.wait_until("the notice of the CLI's import",
                     lambda: any("another program" in t for t in (s.execute("return window.__said;") or [])),
                     RENDER_TIMEOUT)
        goto(s, "settings")
        s.select('[data-testid="set-language"]', "zh-CN")
        goto(s, "providers")
        s.wait_for('[data-testid="us-line"]', RENDER_TIMEOUT)
        title = s.text(s.find("#us-h") or "")
        expect(title == "AI 工具用量", f"the usage title in Chinese: {title!r}")
        # Token counts are grouped in the app's language, whatever the
        # webview's own default locale is (C under this test).
        row = s.execute(
            "const r = document.querySelector('[data-testid=\"us-line\"][data-key=\"claude-code\"]');"
            "return r === null ? null : [Number(r.dataset.input), r.textContent];")
        expect(row is not None, "the Claude Code usage line")
        if row is not None and row[0] >= 1000:
            expect(f"{row[0]:,}" in row[1], f"{row[0]:,} grouped in the line: {row[1]!r}")
        s.execute("document.querySelector('[data-testid=\"us-usage\"]').scrollIntoView();")
        launch.screenshot(s, "4-zh")
        s.execute("document.querySelector('[data-testid=\"us-watch\"]').scrollIntoView();")
        launch.screenshot(s, "5-zh-watch")
        goto(s, "settings")
        s.select('[data-testid="set-language"]', "en")



MAIL = Path(__file__).resolve().parents[1] / "fixtures" / "mail"


def _pdf_pages_text(pdf: Path) -> list[str]:
    """The PDF's text per page (pdftotext, a text extractor the app does not use)."""
    run = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=60)
    expect(run.returncode == 0, f"pdftotext failed: {run.stderr.strip()}")
    return run.stdout.split("\f")


def test_mail_receipts_from_import_to_the_reimbursement_pdf(h: Harness) -> None:
    """Issue 19 end to end: an mbox imported through the import view (the
    preview counts recognised and matched receipts), the APPLE.COM/BILL line
    names ChatGPT Plus and holds its receipt, the reimbursement preview lists
    the receipt's number, and the exported PDF carries the receipt's pages;
    the preview again in Chinese."""
    work = h.workdir / "mail"
    work.mkdir(parents=True)
    ledger = work / "ledger.sqlite"
    pdf_out = work / "acme-mail.pdf"
    added = cli_import(h, ledger, MAIL / "statement" / "Chase7788_Activity20260101_20260131.CSV")
    expect(added == 11, f"the statement added {added} lines, expected 11")
    launch = h.launch(ledger, "mail", {
        "AISPEND_TEST_PICK_FILES": str(MAIL / "mixed.mbox"),
        "AISPEND_TEST_SAVE_FILE": str(pdf_out),
    })
    with launch as s:
        wait_count(s, 11)
        goto(s, "import")
        s.click('[data-testid="import-pick"]')
        counts = s.wait_for_text('[data-testid="preview-receipts"]', RENDER_TIMEOUT)
        expect("7 recognised" in counts and "5 matched" in counts, f"the preview says {counts!r}")
        batches = cli_json(h, ledger, "imports")["imports"]  # type: ignore[index]
        expect(len(batches) == 1, f"the preview wrote a batch: {batches}")
        launch.screenshot(s, "1-preview")
        s.click('[data-testid="import-commit"]')
        s.wait_for('[data-testid="import-result"]', RENDER_TIMEOUT)
        launch.screenshot(s, "2-imported")

        # The Apple line: ChatGPT Plus, its receipt attached.
        txns = cli_json(h, ledger, "txns")
        apple = [t for t in txns if t["description"] == "APPLE.COM/BILL" and t["amount"] == "-39.99"]  # type: ignore[index]
        expect(len(apple) == 1, f"apple lines: {apple}")
        line = apple[0]["id"]
        expect(apple[0]["receipts"] >= 1 and apple[0]["channel"] == "apple", f"the line: {apple[0]}")
        goto(s, "transactions")
        s.type('[data-testid="filter-text"]', "APPLE.COM")
        s.wait_for(f'[data-testid="txn-row"][data-id="{line}"]', RENDER_TIMEOUT)
        row = lambda: s.execute(  # noqa: E731
            "const r = document.querySelector('[data-testid=\"txn-row\"][data-id=\"' + arguments[0] + '\"]');"
            "return r ? r.textContent : '';", line)
        try:
            s.wait_until("ChatGPT Plus on the Apple line", lambda: "ChatGPT Plus" in row(), RENDER_TIMEOUT)
        except WebDriverError:
            launch.screenshot(s, "3-apple-line-failed")
            raise AssertionError(f"the Apple line shows {row()!r}")
        s.click(f'[data-testid="txn-row"][data-id="{line}"]')
        s.wait_for('[data-testid="receipt"]', RENDER_TIMEOUT)
        names = s.execute("return [...document.querySelectorAll('[data-testid=\"receipt\"]')].map(r => r.dataset.name);")
        expect(any(n.startswith("receipt-openai-") and n.endswith(".eml") for n in names),
               f"the line's receipts: {names}")
        launch.screenshot(s, "3-apple-line")
        s.keys("\ue00c")

        # Billed to a client; the reimbursement preview lists the receipt.
        cli_json(h, ledger, "tag", "add", "client:Acme", "--ids", str(line))
        goto(s, "reimburse")
        _set_input(s, '[data-testid="rb-client"]', "Acme")
        _set_input(s, '[data-testid="rb-from"]', "2026-01-01")
        _set_input(s, '[data-testid="rb-to"]', "2026-01-31")
        s.click('[data-testid="rb-preview-btn"]')
        s.wait_for('[data-testid="rb-row"]', RENDER_TIMEOUT)
        no = s.wait_for_text('[data-testid="rb-receipt-no"]', RENDER_TIMEOUT)
        expect(no.strip() == "MT9RW4KC2B", f"the preview's receipt number {no!r}")
        _scroll_to(s, "rb-preview")
        launch.screenshot(s, "4-preview")
        s.click('[data-testid="rb-export-pdf"]')
        s.wait_until("the PDF", lambda: pdf_out.exists() and pdf_out.stat().st_size > 0, RENDER_TIMEOUT)
        s.wait_for('[data-testid="rb-number"]', RENDER_TIMEOUT)
        pages = _pdf_pages_text(pdf_out)
        expect("Reimbursement report R-0001" in pages[0], f"page 1: {pages[0][:400]!r}")
        expect("MT9RW4KC2B" in pages[0], "the receipt number is not on page 1")
        receipt_pages = [p for p in pages if "Receipt for line 1" in p]
        expect(any("Order ID: MT9RW4KC2B" in p and "ChatGPT Plus (Monthly)" in p for p in receipt_pages),
               f"no page holds the Apple e-mail: {receipt_pages!r}")
        shot = h.shots / "mail-5-pdf-receipt-page"
        page_no = next(i for i, p in enumerate(pages) if "Receipt for line 1" in p) + 1
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(page_no), "-l", str(page_no),
                        "-singlefile", str(pdf_out), str(shot)], check=True, timeout=60)
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1",
                        "-singlefile", str(pdf_out), str(h.shots / "mail-5-pdf-page-1")], check=True, timeout=60)

        # The preview's subtotals: the core's, one per vendor and currency.
        subs = s.execute("return [...document.querySelectorAll('[data-testid=\"rb-subtotal\"]')]"
                         ".map(r => [r.dataset.by, r.dataset.name, r.dataset.currency, r.dataset.amount]);")
        expect(["vendor", "OpenAI", "USD", "39.99"] in subs, f"the preview's subtotals: {subs}")

        # The sender, client address and payment note, set in Settings, go on
        # the next PDF.
        goto(s, "settings")
        _set_input(s, '[data-testid="parties-sender"]', "Jo Freelance\nRua Nova 1, Lisboa")
        s.wait_for('[data-testid="parties-client"] option[value="Acme"]', RENDER_TIMEOUT)
        s.select('[data-testid="parties-client"]', "Acme")
        s.wait_until("the address field open", lambda: s.execute(
            "return !document.querySelector('[data-testid=\"parties-client-address\"]').disabled;"), RENDER_TIMEOUT)
        _set_input(s, '[data-testid="parties-client-address"]', "Acme Ltd\n1 Main St")
        _set_input(s, '[data-testid="parties-note"]', "IBAN PT50 0000 0000 0000 0000 0000 0")
        s.click('[data-testid="parties-save"]')
        s.wait_until("saved", lambda: "Report details saved" in s.execute(
            "return document.querySelector('[data-testid=\"status\"]').textContent;"), RENDER_TIMEOUT)
        _scroll_to(s, "parties")
        launch.screenshot(s, "5-settings-parties")
        goto(s, "reimburse")
        _set_input(s, '[data-testid="rb-client"]', "Acme")
        _set_input(s, '[data-testid="rb-from"]', "2026-01-01")
        _set_input(s, '[data-testid="rb-to"]', "2026-01-31")
        s.click('[data-testid="rb-preview-btn"]')
        s.wait_for('[data-testid="rb-number"]', RENDER_TIMEOUT)
        pdf_out.unlink()
        s.click('[data-testid="rb-export-pdf"]')
        s.wait_until("the PDF again", lambda: pdf_out.exists() and pdf_out.stat().st_size > 0, RENDER_TIMEOUT)
        first = _pdf_pages_text(pdf_out)[0]
        for want in ("From: Jo Freelance, Rua Nova 1, Lisboa", "Client: Acme Ltd, 1 Main St", "IBAN PT50"):
            expect(want in first, f"{want!r} not on page 1: {first[:600]!r}")

        # The same parties form and preview in Chinese.
        goto(s, "settings")
        s.select('[data-testid="set-language"]', "zh-CN")
        s.wait_until("the Chinese settings", lambda: "你的姓名和地址" in s.execute(
            "return document.querySelector('[data-testid=\"parties\"]').textContent;"), RENDER_TIMEOUT)
        # Acme is the ledger's only client: its address shows without choosing.
        s.wait_until("Acme's address", lambda: s.execute(
            "return document.querySelector('[data-testid=\"parties-client-address\"]').value;") == "Acme Ltd\n1 Main St",
            RENDER_TIMEOUT)
        _scroll_to(s, "parties")
        launch.screenshot(s, "6-settings-parties-zh-CN")
        goto(s, "reimburse")
        _set_input(s, '[data-testid="rb-client"]', "Acme")
        _set_input(s, '[data-testid="rb-from"]', "2026-01-01")
        _set_input(s, '[data-testid="rb-to"]', "2026-01-31")
        s.click('[data-testid="rb-preview-btn"]')
        s.wait_for('[data-testid="rb-number"]', RENDER_TIMEOUT)
        head = s.execute("return document.querySelector('[data-testid=\"rb-preview\"]').textContent;")
        expect("收据编号" in head and "报告编号" in head, f"the Chinese preview: {head[:300]!r}")
        _scroll_to(s, "rb-preview")
        launch.screenshot(s, "6-preview-zh-CN")
        # Exported from the Chinese UI, the PDF is in Chinese (its font embedded).
        pdf_out.unlink()
        s.click('[data-testid="rb-export-pdf"]')
        s.wait_until("the Chinese PDF", lambda: pdf_out.exists() and pdf_out.stat().st_size > 0, RENDER_TIMEOUT)
        first = _pdf_pages_text(pdf_out)[0]
        expect("报销报告 R-0001" in first and "发件人：Jo Freelance" in first, f"the Chinese PDF: {first[:400]!r}")
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1",
                        "-singlefile", str(pdf_out), str(h.shots / "mail-6-pdf-page-1-zh-CN")], check=True, timeout=60)
        # The e-mail receipt after it: its header labels in Chinese, and every
        # page numbered out of all of them.
        zh_pages = [p for p in _pdf_pages_text(pdf_out) if p.strip()]
        last = zh_pages[-1]
        expect("主题：" in last and "Subject:" not in last, f"the Chinese e-mail page: {last[:400]!r}")
        n = len(zh_pages)
        expect(f"第 {n} 页，共 {n} 页" in last and f"第 1 页，共 {n} 页" in first,
               f"page numbers out of {n}: {first[-200:]!r} / {last[-200:]!r}")
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(n), "-l", str(n),
                        "-singlefile", str(pdf_out), str(h.shots / "mail-6-pdf-receipt-page-zh-CN")],
                       check=True, timeout=60)
        goto(s, "import")
        launch.screenshot(s, "7-import-zh-CN")
        goto(s, "settings")
        s.select('[data-testid="set-language"]', "en")

TESTS: list[Callable[[Harness], None]] = [
    test_new_ledger_shows_zero,
    test_imported_rows_show_count,
    test_cli_import_shows_in_the_open_window,
    test_newer_ledger_shows_error,
    test_first_run_sample_and_every_view,
    test_import_edit_rule_undo_through_the_ui,
    test_backup_and_restore_from_settings,
    test_provider_sync_from_settings,
    test_topup_wizard_pending_charge_to_verified_pack,
    test_reconciliation_flag_opens_a_prefilled_case,
    test_reimbursement_through_the_ui,
    test_provider_view_matches_the_cli,
    test_notices_and_the_line_panel_in_both_languages,
    test_exceeded_budget_rings_the_bell_and_notifies,
    test_zh_cn_wizard_notes_receipts_and_an_import_error,
    test_zh_cn_import_error_names_file_line_and_field,
    test_watched_claude_log_grows_while_the_app_runs,
    test_mail_receipts_from_import_to_the_reimbursement_pdf,
]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--app", required=True, help="the app binary, built with custom-protocol")
    p.add_argument("--cli", required=True, help="the aispend CLI binary, to import fixtures")
    p.add_argument("--driver", required=True, help="the tauri-driver binary")
    p.add_argument("--native-driver", default=shutil.which("WebKitWebDriver") or "WebKitWebDriver")
    p.add_argument("--port", type=int, default=4444, help="first port; each launch takes the next two")
    p.add_argument("--screenshots", required=True, help="folder for the screenshots")
    p.add_argument("-k", dest="only", default="", help="run only tests whose name contains this")
    args = p.parse_args()

    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="aispend-desktop-test-") as tmp:
        h = Harness(args, Path(tmp))
        for test in TESTS:
            if args.only not in test.__name__:
                continue
            start = time.monotonic()
            try:
                test(h)
            except Exception as err:  # report every failure, keep going
                failed += 1
                print(f"FAIL {test.__name__} ({time.monotonic() - start:.1f}s): {err}")
                traceback.print_exc(limit=3)
                for log in sorted(h.logs.glob("*.log")):
                    tail = log.read_text(errors="replace").splitlines()[-15:]
                    if tail:
                        print(f"--- {log.name} (last lines)\n" + "\n".join(tail))
            else:
                passed += 1
                print(f"ok   {test.__name__} ({time.monotonic() - start:.1f}s)")
            sys.stdout.flush()
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
