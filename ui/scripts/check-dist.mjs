// The built app must run under tauri.conf.json's CSP (script-src 'self';
// style-src 'self'): no inline <script> or <style>, no style= attributes, no
// remote URLs. Run after `vite build`.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const dist = new URL("../dist/", import.meta.url).pathname;
const problems = [];
const html = readFileSync(join(dist, "index.html"), "utf8");
if (/<style[\s>]/i.test(html)) problems.push("index.html has a <style> element");
if (/\sstyle\s*=/i.test(html)) problems.push("index.html has a style= attribute");
for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
  if (!/\bsrc=/.test(m[1] ?? "") || (m[2] ?? "").trim() !== "") problems.push("index.html has an inline <script>");
}
if (/(src|href)=["']https?:/i.test(html)) problems.push("index.html loads remote content");
for (const file of readdirSync(join(dist, "assets"))) {
  const text = readFileSync(join(dist, "assets", file), "utf8");
  if (file.endsWith(".css") && /@import\s+url\(["']?https?:/i.test(text)) problems.push(`${file} imports remote CSS`);
  if (/fonts\.googleapis|cdn\.jsdelivr|unpkg\.com/.test(text)) problems.push(`${file} mentions a CDN`);
}
if (problems.length > 0) {
  console.error(`dist breaks the CSP:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log("dist: no inline scripts or styles, no remote content");
