"""A tiny W3C WebDriver client (Python 3 standard library only).

Just enough to drive the AI Spend window through tauri-driver: start a
session, find elements, read their text, end the session; screenshots are
read off the X display.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import time
import zlib
import urllib.error
import urllib.request
from typing import Any

# The W3C key under which an element reference is returned.
ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf"


class WebDriverError(Exception):
    """The driver answered with an error, or did not answer."""


class ConnectionDropped(WebDriverError):
    """The connection closed without an answer (or could not be made)."""


class Session:
    def __init__(self, server: str, capabilities: dict[str, Any], timeout: float = 60.0):
        self.server = server.rstrip("/")
        self.timeout = timeout
        value = self._request("POST", "/session", {"capabilities": capabilities})
        self.id: str = value["sessionId"]

    # -- transport ---------------------------------------------------------
    def _request(self, method: str, path: str, body: Any = None) -> Any:
        # tauri-driver proxies every request to WebKitWebDriver over a pooled
        # keep-alive connection, and now and then the native driver has closed
        # that connection: tauri-driver logs `hyper::Error(IncompleteMessage)`
        # and drops ours without a response. Commands other than creating a
        # session are safe to repeat, so repeat them a few times.
        attempts = 1 if path == "/session" else 4
        for attempt in range(attempts):
            try:
                return self._request_once(method, path, body)
            except ConnectionDropped:
                if attempt == attempts - 1:
                    raise
                time.sleep(0.2)
        raise AssertionError("unreachable")

    def _request_once(self, method: str, path: str, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(
            self.server + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json; charset=utf-8"},
        )
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                payload = json.loads(resp.read() or b"{}")
        except urllib.error.HTTPError as err:
            detail = err.read().decode(errors="replace")
            raise WebDriverError(f"{method} {path}: HTTP {err.code}: {detail}") from None
        except (urllib.error.URLError, OSError) as err:
            raise ConnectionDropped(f"{method} {path}: {err}") from None
        value = payload.get("value")
        if isinstance(value, dict) and "error" in value:
            raise WebDriverError(f"{method} {path}: {value.get('error')}: {value.get('message')}")
        return value

    def _session(self, method: str, path: str, body: Any = None) -> Any:
        return self._request(method, f"/session/{self.id}{path}", body)

    # -- commands ----------------------------------------------------------
    def find(self, css: str) -> str | None:
        """The element matching `css`, or None if there is none (yet)."""
        found = self._session("POST", "/elements", {"using": "css selector", "value": css})
        return found[0][ELEMENT_KEY] if found else None

    def text(self, element: str) -> str:
        return self._session("GET", f"/element/{element}/text")

    def title(self) -> str:
        return self._session("GET", "/title")

    def find_all(self, css: str) -> list[str]:
        found = self._session("POST", "/elements", {"using": "css selector", "value": css})
        return [f[ELEMENT_KEY] for f in found]

    def wait_for(self, css: str, timeout: float) -> str:
        """Waits until an element matching `css` exists; returns it."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                element = self.find(css)
                if element is not None:
                    return element
            except WebDriverError:
                pass
            if time.monotonic() > deadline:
                raise WebDriverError(f"no element {css!r} after {timeout:.0f}s")
            time.sleep(0.2)

    def wait_until(self, what: str, cond: Any, timeout: float) -> Any:
        """Polls `cond()` until it returns something truthy; returns that."""
        deadline = time.monotonic() + timeout
        last: Any = None
        while True:
            try:
                last = cond()
                if last:
                    return last
            except WebDriverError:
                pass
            if time.monotonic() > deadline:
                raise WebDriverError(f"timed out after {timeout:.0f}s waiting for {what} (last: {last!r})")
            time.sleep(0.2)

    def click(self, css: str, timeout: float = 30.0) -> None:
        """Clicks the element matching `css` as a user would (WebDriver
        element click: scrolled into view, hit-tested)."""
        element = self.wait_for(css, timeout)
        self._session("POST", f"/element/{element}/click", {})

    def type(self, css: str, text: str, timeout: float = 30.0) -> None:
        """Clears the field matching `css` and types `text` into it."""
        element = self.wait_for(css, timeout)
        self._session("POST", f"/element/{element}/clear", {})
        self._session("POST", f"/element/{element}/value", {"text": text})

    def select(self, css: str, value: str, timeout: float = 30.0) -> None:
        """Chooses the option with `value` in the <select> matching `css`."""
        self.wait_for(css, timeout)
        self.click(f'{css} option[value="{value}"]', timeout)

    def keys(self, text: str) -> None:
        """Sends key presses to the focused element (W3C key actions)."""
        actions = []
        for ch in text:
            actions += [{"type": "keyDown", "value": ch}, {"type": "keyUp", "value": ch}]
        self._session("POST", "/actions", {"actions": [
            {"type": "key", "id": "keyboard", "actions": actions}]})
        self._session("DELETE", "/actions")

    def execute(self, script: str, *args: Any) -> Any:
        return self._session("POST", "/execute/sync", {"script": script, "args": list(args)})

    def execute_async(self, script: str, *args: Any) -> Any:
        return self._session("POST", "/execute/async", {"script": script, "args": list(args)})

    def wait_for_paint(self) -> None:
        """Waits until the current DOM has been painted: the DOM can be ahead
        of the pixels, and a screenshot taken at once may show the old page."""
        self.execute_async(
            "const done = arguments[arguments.length - 1];"
            "requestAnimationFrame(() => requestAnimationFrame(() => done(true)));"
        )

    def screenshot(self, path: str) -> None:
        """Saves what the window shows, read off the X display (see
        `x_screenshot`), once the current DOM has been painted."""
        self.wait_for_paint()
        x_screenshot(path)

    def wait_for_text(self, css: str, timeout: float) -> str:
        """Waits until an element matching `css` shows non-empty text; returns it."""
        deadline = time.monotonic() + timeout
        last_error: WebDriverError | None = None
        while True:
            try:
                element = self.find(css)
                if element is not None:
                    text = self.text(element)
                    if text.strip():
                        return text
            except WebDriverError as err:
                # While the page is still loading, WebKitWebDriver can drop a
                # request or report a stale element; ask again.
                last_error = err
            if time.monotonic() > deadline:
                detail = f" (last error: {last_error})" if last_error else ""
                raise WebDriverError(f"no text in {css!r} after {timeout:.0f}s{detail}")
            time.sleep(0.25)

    def close(self) -> None:
        try:
            self._request("DELETE", f"/session/{self.id}")
        except WebDriverError:
            pass


def x_screenshot(path: str, window: str = "AI Spend") -> None:
    """Writes a PNG of the window named `window` (else the whole screen) on
    $DISPLAY, grabbed with xwd.

    Not WebDriver's screenshot: with WebKitGTK's DMA-BUF renderer off (what
    the app chooses without a GPU, as on Xvfb), WebKitWebDriver's
    `GET /screenshot` never answers once the page has been idle for a few
    seconds. What is on the screen is also what a user sees."""
    raw = b""
    for target in (["-name", window], ["-root"]):
        done = subprocess.run(["xwd", "-silent", *target], capture_output=True)
        if done.returncode == 0 and len(done.stdout) > 100:
            raw = done.stdout
            break
    if not raw:
        raise WebDriverError(f"xwd could not grab the screen of DISPLAY={os.environ.get('DISPLAY')!r}")
    header_size, = struct.unpack(">I", raw[:4])
    fields = struct.unpack(">25I", raw[:100])
    width, height, bpp, bytes_per_line, ncolors = fields[4], fields[5], fields[11], fields[12], fields[19]
    if bpp != 32:
        raise WebDriverError(f"xwd gave {bpp} bits per pixel; expected 32")
    data = memoryview(raw)[header_size + ncolors * 12:]
    rows = bytearray()
    for y in range(height):
        line = data[y * bytes_per_line: y * bytes_per_line + width * 4]
        rgb = bytearray(width * 3)
        rgb[0::3] = line[2::4]  # pixels are blue, green, red, pad in memory
        rgb[1::3] = line[1::4]
        rgb[2::3] = line[0::4]
        rows += b"\x00" + rgb  # filter type 0 per row

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    png = (b"\x89PNG\r\n\x1a\n"
           + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(bytes(rows), 6))
           + chunk(b"IEND", b""))
    with open(path, "wb") as out:
        out.write(png)


def wait_for_server(server: str, timeout: float) -> None:
    """Waits until the WebDriver server answers /status."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(server.rstrip("/") + "/status", timeout=2) as resp:
                resp.read()
                return
        except (urllib.error.URLError, OSError):
            if time.monotonic() > deadline:
                raise WebDriverError(f"no WebDriver server at {server} after {timeout:.0f}s")
            time.sleep(0.25)
