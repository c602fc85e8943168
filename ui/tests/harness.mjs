// Serves ui/dist under the app's real CSP (read from tauri.conf.json) and
// drives the system Chromium through playwright-core, with the Tauri shell
// replaced by tests/mock-backend.js.
import { createServer } from "node:http";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";
import { after, before } from "node:test";
import assert from "node:assert/strict";

const UI = new URL("..", import.meta.url).pathname;
const DIST = join(UI, "dist");
export const RESULTS = join(UI, "test-results");
const MOCK = join(UI, "tests", "mock-backend.js");
const CSP = JSON.parse(readFileSync(join(UI, "..", "tauri.conf.json"), "utf8")).app.security.csp;

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png", ".json": "application/json" };

export async function startServer() {
  if (!existsSync(join(DIST, "index.html"))) throw new Error("ui/dist is missing: run `npm --prefix ui run build` first");
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    const file = join(DIST, path === "/" ? "index.html" : path);
    if (!file.startsWith(DIST) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "content-security-policy": CSP });
    res.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) };
}

export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), "aispend-ui-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
    viewport: { width: 1200, height: 800 },
    locale: "en-US",
    timezoneId: "UTC",
  });
  mkdirSync(RESULTS, { recursive: true });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens the app with a mock scenario. Fails the test on any CSP violation or
 * uncaught page error.
 */
export async function open(env, config = {}, opts = {}) {
  const page = await env.context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !/Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  await page.addInitScript(
    ({ config, locale, theme }) => {
      window.__MOCK_CONFIG__ = config;
      window.__cspViolations = [];
      document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
      try {
        localStorage.clear();
        if (locale) localStorage.setItem("aispend.locale", locale);
        if (theme) localStorage.setItem("aispend.theme", theme);
      } catch {}
    },
    { config, locale: opts.locale ?? null, theme: opts.theme ?? null },
  );
  await page.addInitScript({ path: MOCK });
  await page.emulateMedia({ colorScheme: opts.colorScheme ?? "light" });
  await page.goto(env.url);
  page.problems = async () => {
    const csp = await page.evaluate(() => window.__cspViolations);
    return [...problems, ...csp.map((c) => `CSP violation: ${c}`)];
  };
  return page;
}

export const shot = (page, name) => page.screenshot({ path: join(RESULTS, `${name}.png`), fullPage: false });
export const calls = (page, cmd) => page.evaluate((c) => window.__mock.callsOf(c), cmd);

/** Starts the server and the browser before a test file's tests and stops
 * them after; the returned object gets `url` and `context` once started. */
export function useBrowser() {
  const env = {};
  let server;
  let browser;
  before(async () => {
    server = await startServer();
    browser = await launch();
    Object.assign(env, { url: server.url, context: browser.context });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  return env;
}

/** The selector of a `data-testid`. */
export const tid = (id) => `[data-testid="${id}"]`;

/** Fails on any CSP violation or page error the page saw, then closes it. */
export async function clean(page) {
  assert.deepEqual(await page.problems(), []);
  await page.close();
}
