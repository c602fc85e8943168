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

    def launch(self, ledger: Path, name: str) -> "Launch":
        # A fresh port pair per launch: the previous native driver may still be
        # letting go of its port when the next test starts.
        port = self.port + 2 * self.launches
        self.launches += 1
        return Launch(self, ledger, name, port)


class Launch:
    """tauri-driver + one session of the app with AISPEND_DB = `ledger`."""

    def __init__(self, h: Harness, ledger: Path, name: str, port: int):
        self.h = h
        self.name = name
        self.port = port
        env = dict(os.environ)
        env["AISPEND_DB"] = str(ledger)
        # Keep the webview's own data (cookies, cache) out of the user's home.
        env["XDG_DATA_HOME"] = str(h.workdir / "xdg-data")
        env["XDG_CACHE_HOME"] = str(h.workdir / "xdg-cache")
        env["XDG_CONFIG_HOME"] = str(h.workdir / "xdg-config")
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

    def screenshot(self, session: Session) -> Path:
        path = self.h.shots / f"{self.name}.png"
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


TESTS: list[Callable[[Harness], None]] = [
    test_new_ledger_shows_zero,
    test_imported_rows_show_count,
    test_newer_ledger_shows_error,
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
