#!/usr/bin/env python3
"""Start-up benchmark without WebDriver: launches the release app directly
on a private X display and watches the screen (xwd) until the dashboard's
figures are painted, then measures idle memory. Figures, not a test.

  first window  - the first frame that is not the X server's black: the
                  window is mapped and WebKit has painted something
  first paint   - the first frame showing the dashboard's AI-subscription
                  colour (#7c3aed: the month card's swatch and the trend bars),
                  i.e. the dashboard with data on screen
  idle PSS      - after 5 s idle, Pss of the app and its WebKit processes

Each frame is grabbed with `xwd -root` every 50 ms (a grab holds the X
server while it copies the screen), which bounds the precision. Usage:

  python3 tests/desktop/bench_startup.py --app target/release/aispend-desktop \\
      --ledger LEDGER --runs 5 --out target/bench/desktop-startup.json

With --minimal the app is tests/desktop/minimal-window (no ledger): the
smallest Tauri window, whose page is a heading and a block of the same
colour, timed the same way. That is the baseline the goals are ratios of, measured on this
machine in the same conditions. WebKit's DMA-BUF renderer is switched off for
it exactly when the real app switches it off (no GPU render node), and its
JavaScript JIT is off as the app has it (see src-tauri/src/renderer.rs), so
both run the same WebKit configuration.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import struct
import subprocess
import tempfile
import time
from pathlib import Path

SUB_RGB = (0x7C, 0x3A, 0xED)
POLL_S = 0.05


def grab(display: str) -> tuple[bool, bool]:
    """(anything painted, the dashboard colour present) on `display`."""
    raw = subprocess.run(["xwd", "-root", "-silent", "-display", display],
                         capture_output=True, check=True).stdout
    header_size, = struct.unpack(">I", raw[:4])
    fields = struct.unpack(">25I", raw[:100])
    width, height, bpp, bytes_per_line, ncolors = fields[4], fields[5], fields[11], fields[12], fields[19]
    data = raw[header_size + ncolors * 12:]
    if bpp not in (24, 32):
        raise RuntimeError(f"xwd gave {bpp} bits per pixel; expected 24 or 32")
    # Blue, green, red in memory order either way (little-endian visuals).
    painted = data.count(0) < len(data) * 0.9
    b, g, r = SUB_RGB[2], SUB_RGB[1], SUB_RGB[0]
    return painted, bytes([b, g, r]) in data


def has_render_node() -> bool:
    """A GPU render node, as src-tauri/src/renderer.rs looks for it."""
    try:
        return any(n.startswith("renderD") for n in os.listdir("/dev/dri"))
    except OSError:
        return False


def tree(pid: int) -> list[int]:
    out = [pid]
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            out += [q for c in (task / "children").read_text().split() for q in tree(int(c))]
        except OSError:
            pass
    return out


def pss_mib(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--app", required=True)
    p.add_argument("--ledger", help="the ledger to open (copied per run); not with --minimal")
    p.add_argument("--minimal", action="store_true", help="the app is the minimal window")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--display", default=":93")
    p.add_argument("--out", required=True)
    args = p.parse_args()
    if not args.minimal and args.ledger is None:
        p.error("--ledger is needed (or --minimal)")

    xvfb = subprocess.Popen(["Xvfb", args.display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    windows, paints, psss = [], [], []
    try:
        for run in range(args.runs):
            with tempfile.TemporaryDirectory(prefix="aispend-startup-") as tmp:
                env = dict(os.environ, DISPLAY=args.display,
                           XDG_DATA_HOME=f"{tmp}/data", XDG_CONFIG_HOME=f"{tmp}/config",
                           XDG_CACHE_HOME=f"{tmp}/cache", LANG="C.UTF-8", LANGUAGE="en")
                if args.minimal:
                    # The same WebKit settings the app's renderer.rs makes for itself.
                    if "WEBKIT_DISABLE_DMABUF_RENDERER" not in env and not has_render_node():
                        env["WEBKIT_DISABLE_DMABUF_RENDERER"] = "1"
                    env.setdefault("JSC_useJIT", "false")
                else:
                    ledger = Path(tmp) / "ledger.sqlite"
                    shutil.copy(args.ledger, ledger)
                    env["AISPEND_DB"] = str(ledger)
                start = time.monotonic()
                app = subprocess.Popen([args.app], env=env, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL, start_new_session=True)
                first_window = first_paint = None
                while time.monotonic() - start < 30:
                    painted, dashboard = grab(args.display)
                    now = time.monotonic() - start
                    if painted and first_window is None:
                        first_window = now
                    if dashboard:
                        first_paint = now
                        break
                    # A grab holds the X server for a moment: leave it time
                    # to draw (this bounds the precision to ~POLL_S).
                    time.sleep(POLL_S)
                time.sleep(5)
                psss.append(pss_mib(tree(app.pid)))
                os.killpg(app.pid, signal.SIGTERM)
                app.wait(10)
                windows.append(first_window)
                paints.append(first_paint)
                print(f"run {run}: first window {first_window}, dashboard painted {first_paint}, PSS {psss[-1]:.0f} MiB", flush=True)
    finally:
        xvfb.terminate()
    ok = [x for x in paints if x is not None]
    result = {
        "app": "minimal window" if args.minimal else Path(args.app).name,
        "runs": args.runs,
        "first_window_s": {"median": statistics.median([w for w in windows if w is not None]), "all": windows},
        "first_paint_with_data_s": {"median": statistics.median(ok) if ok else None, "all": paints,
                                     "goal": "<= 1.5 x a minimal Tauri window's 0.35 s = 0.525 s"},
        "idle_pss_mib": {"median": statistics.median(psss), "all": psss,
                         "goal": "<= 1.2 x a minimal window's 268 MB = 322 MB"},
        "load_average": Path("/proc/loadavg").read_text().split()[:3],
    }
    Path(args.out).write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
