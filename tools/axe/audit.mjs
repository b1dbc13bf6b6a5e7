#!/usr/bin/env node
// The web edition's accessibility audit: axe-core 4 (WCAG 2.0/2.1 A and AA,
// and its best practices) in Debian's Chromium through playwright-core, over
// every `.html` file under the folders given. Usually run by
// `tools/axe-audit.py`, which builds the pages first.
//
//   node tools/axe/audit.mjs [--widths 1280,390] [--json FILE] [--nodes N]
//       [--screenshots DIR] [--chromium PATH] DIR|FILE...
//
// Each page is served from a local HTTP server (127.0.0.1, a free port) and
// audited at each width, and again in the dark colour scheme when a
// stylesheet of the page has a `prefers-color-scheme` rule. A failing page
// prints each rule (its id, impact and help) with the elements (axe's CSS
// selector, the element's markup and axe's reason), up to N per rule
// (`--nodes`, default 5). Exits 1 when any page has a violation, 2 when the
// audit itself failed. `--screenshots DIR` also saves a full-page PNG of each
// page at each width (`<folder>_<page>-<width>px.png`).
//
// Needs `npm ci` in tools/axe (axe-core, playwright-core: no browser is
// downloaded) and `apt-get install chromium`.

import { createServer } from "node:http";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const AXE_VERSION = require("axe-core/package.json").version;
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

function usage(message) {
  if (message) console.error(message);
  console.error("usage: node tools/axe/audit.mjs [--widths 1280,390] [--json FILE] [--nodes N] [--screenshots DIR] [--chromium PATH] DIR|FILE...");
  process.exit(2);
}

const args = { widths: [1280, 390], json: null, nodes: 5, screenshots: null, chromium: "/usr/bin/chromium", roots: [] };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const value = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
  if (a === "--widths") args.widths = value().split(",").map(Number).filter((w) => w > 0);
  else if (a === "--json") args.json = value();
  else if (a === "--nodes") args.nodes = Number(value());
  else if (a === "--screenshots") args.screenshots = value();
  else if (a === "--chromium") args.chromium = value();
  else if (a === "-h" || a === "--help") usage();
  else if (a.startsWith("--")) usage(`unknown option ${a}`);
  else args.roots.push(path.resolve(a));
}
if (args.roots.length === 0) usage("no folder or page given");
if (!existsSync(args.chromium)) usage(`no Chromium at ${args.chromium} (apt-get install chromium)`);

// The pages: every .html under each root, served as /<root's index>/<path>.
function htmlFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...htmlFiles(full));
    else if (name.endsWith(".html")) out.push(full);
  }
  return out;
}
// Pages are named by their path below the folders' common parent.
const common = args.roots.map((r) => (statSync(r).isDirectory() ? r : path.dirname(r)))
  .reduce((a, b) => {
    while (a !== path.dirname(a) && !(b + path.sep).startsWith(a + path.sep)) a = path.dirname(a);
    return a;
  });
const servedRoots = [];
const pages = [];
for (const root of args.roots) {
  const isDir = statSync(root).isDirectory();
  const base = isDir ? root : path.dirname(root);
  const n = servedRoots.push(base) - 1;
  for (const file of isDir ? htmlFiles(root) : [root]) {
    const rel = path.relative(base, file);
    const shown = path.relative(args.roots.length > 1 ? common : path.dirname(base), file);
    pages.push({ shown, url: `/${n}/${rel.split(path.sep).map(encodeURIComponent).join("/")}` });
  }
}

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".png": "image/png",
  ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".svg": "image/svg+xml",
  ".webp": "image/webp", ".pdf": "application/pdf",
};
const server = createServer((req, res) => {
  const url = new URL(req.url, "http://127.0.0.1");
  const [, n, ...rest] = url.pathname.split("/");
  const base = servedRoots[Number(n)];
  const file = base && path.join(base, ...rest.map(decodeURIComponent));
  if (!file || !file.startsWith(base + path.sep) || !existsSync(file) || statSync(file).isDirectory()) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { "content-type": TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream" });
  res.end(readFileSync(file));
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

// A fresh profile, nothing fetched from outside (the pages load only from
// the local server).
const profile = mkdtempSync(path.join(tmpdir(), "axe-chromium-"));
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: args.chromium,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: args.widths[0], height: 900 },
  });
} catch (e) {
  console.error(`could not start Chromium: ${e.message}`);
  server.close();
  rmSync(profile, { recursive: true, force: true });
  process.exit(2);
}

const results = [];
const byRule = new Map();
let failed = 0;
let errors = 0;
const page = context.pages()[0] ?? (await context.newPage());
if (args.screenshots) mkdirSync(args.screenshots, { recursive: true });

function oneLine(s, max = 160) {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > max ? t.slice(0, max - 1) + "…" : t;
}

for (const [i, p] of pages.entries()) {
  const pageResult = { page: p.shown, runs: [] };
  try {
    for (const width of args.widths) {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme: "light" });
      await page.goto(origin + p.url, { waitUntil: "load" });
      if (args.screenshots) {
        const name = p.shown.replace(/\.html$/, "").replace(/[^A-Za-z0-9._-]+/g, "_");
        await page.screenshot({ path: path.join(args.screenshots, `${name}-${width}px.png`), fullPage: true });
      }
      // A dark scheme is audited only where a stylesheet offers one.
      const dark = await page.evaluate(() =>
        [...document.styleSheets].some((s) => {
          try {
            return [...s.cssRules].some((r) => r.media && /prefers-color-scheme/.test(r.media.mediaText));
          } catch {
            return false;
          }
        }));
      for (const scheme of dark ? ["light", "dark"] : ["light"]) {
        await page.emulateMedia({ colorScheme: scheme });
        if (!(await page.evaluate(() => typeof window.axe !== "undefined"))) await page.addScriptTag({ content: AXE });
        const r = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }), TAGS);
        const run = { width, scheme, violations: r.violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.map((n) => ({ target: n.target.join(" "), html: n.html, summary: n.failureSummary })),
        })) };
        pageResult.runs.push(run);
      }
    }
  } catch (e) {
    pageResult.error = e.message;
    errors++;
  }
  results.push(pageResult);
  // One line per page; the details of a failing one under it. An element
  // that fails at both widths is named once.
  const seen = new Map();
  for (const run of pageResult.runs) {
    for (const v of run.violations) {
      const entry = seen.get(v.id) ?? { v, nodes: new Map(), where: new Set() };
      entry.where.add(`${run.width}px${run.scheme === "dark" ? " dark" : ""}`);
      for (const n of v.nodes) if (!entry.nodes.has(n.target)) entry.nodes.set(n.target, n);
      seen.set(v.id, entry);
    }
  }
  const prefix = `[${i + 1}/${pages.length}]`;
  if (pageResult.error) {
    console.log(`${prefix} ERROR ${p.shown}: ${pageResult.error}`);
  } else if (seen.size === 0) {
    console.log(`${prefix} ok ${p.shown}`);
  } else {
    failed++;
    console.log(`${prefix} FAIL ${p.shown}: ${[...seen.keys()].join(", ")}`);
    for (const [id, { v, nodes, where }] of seen) {
      console.log(`  ${id} (${v.impact}): ${v.help} — ${nodes.size} element(s), at ${[...where].join(", ")}`);
      for (const n of [...nodes.values()].slice(0, args.nodes)) {
        console.log(`    ${n.target}\n      ${oneLine(n.html)}\n      ${oneLine(n.summary ?? "", 240)}`);
      }
      if (nodes.size > args.nodes) console.log(`    … and ${nodes.size - args.nodes} more`);
      const total = byRule.get(id) ?? { impact: v.impact, elements: 0, pages: 0 };
      total.elements += nodes.size;
      total.pages += 1;
      byRule.set(id, total);
    }
  }
}

await context.close();
server.close();
rmSync(profile, { recursive: true, force: true });

console.log(`\naxe-core ${AXE_VERSION} (${TAGS.join(", ")}), widths ${args.widths.join(", ")} px: ` +
  `${pages.length} pages, ${pages.length - failed - errors} pass, ${failed} fail, ${errors} not audited`);
for (const [id, t] of [...byRule].sort((a, b) => b[1].elements - a[1].elements)) {
  console.log(`  ${id} (${t.impact}): ${t.elements} element(s) on ${t.pages} page(s)`);
}
if (args.json) {
  writeFileSync(args.json, JSON.stringify({ axe: AXE_VERSION, tags: TAGS, widths: args.widths, pages: results,
    rules: Object.fromEntries(byRule) }, null, 1));
}
process.exit(errors > 0 ? 2 : failed > 0 ? 1 : 0);
