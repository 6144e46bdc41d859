#!/usr/bin/env node
// Checks HTML pages as a browser and a validator see them:
//   - opens each page (a file or a URL) in Debian's /usr/bin/chromium, headless, with a fresh
//     profile, and runs axe-core with the WCAG 2.0/2.1 A and AA rules; prints every violation;
//   - takes full-page screenshots at 1280 px and 375 px widths (OUT/<name>-1280.png, -375.png)
//     and prints, per width, how close text comes to the screen edges and how wide the page is;
//   - fails when the first heading is not drawn in BIZ UDGothic (setup.sh installs it);
//   - fails a page that loads anything from another origin (a file page: anything not file:);
//   - runs the Nu HTML Checker (vnu.jar from the vnu-jar package, with java) on the pages;
//   - with --upload FILE: on the first page, puts FILE into the first form's file input,
//     submits it, checks the page it leads to like the others (axe, screenshots, vnu), then
//     clicks its PDF download link and saves the file as OUT/download.pdf (unei serve).
// Exits 0 when every page passes, 1 on any violation or validator error, 2 when it cannot run.
//
// Usage: node check.mjs [--out DIR] [--no-vnu] [--upload FILE] PAGE...
// (tests/browser/setup.sh installs it)

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const CHROMIUM = '/usr/bin/chromium';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const WIDTHS = [1280, 375];
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function usage(message) {
  console.error(`check.mjs: ${message}\nusage: node check.mjs [--out DIR] [--no-vnu] PAGE...`);
  process.exit(2);
}

function parseArgs(argv) {
  const options = { out: resolve('out'), vnu: true, upload: null, pages: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') {
      if (i + 1 >= argv.length) usage('--out needs a folder');
      options.out = resolve(argv[++i]);
    } else if (argv[i] === '--upload') {
      if (i + 1 >= argv.length) usage('--upload needs a file');
      options.upload = resolve(argv[++i]);
    } else if (argv[i] === '--no-vnu') {
      options.vnu = false;
    } else if (argv[i].startsWith('--')) {
      usage(`unknown option ${argv[i]}`);
    } else {
      options.pages.push(argv[i]);
    }
  }
  if (options.pages.length === 0) usage('no page given');
  return options;
}

/** A page argument as a URL, and a file-name-friendly name for its screenshots. */
function target(page) {
  if (/^https?:\/\//.test(page)) {
    const url = new URL(page);
    const name = `${url.hostname}${url.pathname}${url.search}`.replace(/[^A-Za-z0-9._-]+/g, '_');
    return { url: url.href, file: null, name };
  }
  const file = resolve(page);
  if (!existsSync(file)) usage(`${page}: no such file`);
  return { url: pathToFileURL(file).href, file, name: basename(file).replace(/\.[^.]*$/, '') };
}

/** Requests a page may make: its own origin (a file page: only file: and data: URLs). */
function allowed(page, request) {
  const url = new URL(request);
  if (url.protocol === 'data:' || url.protocol === 'about:') return true;
  // The browser's own PDF viewer (an <object> preview) loads its parts from these.
  if (url.protocol === 'chrome:' || url.protocol === 'chrome-extension:') return true;
  if (page.file) return url.protocol === 'file:';
  return url.origin === new URL(page.url).origin;
}

/**
 * Runs in the page: how close visible text comes to the left or right edge of the viewport,
 * and how wide the page scrolls (WCAG 1.4.10: no sideways scrolling on a phone). Text in
 * boxes of 1 px or less (captions hidden from the eye) does not count.
 */
function textRoom() {
  const width = document.documentElement.clientWidth;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let edge = Infinity;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const box = node.parentElement.getBoundingClientRect();
    if (!node.textContent.trim() || box.width <= 1 || box.height <= 1) continue;
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.width > 0) edge = Math.min(edge, r.left, width - r.right);
    }
  }
  return { edge: Math.floor(edge), scrollWidth: document.documentElement.scrollWidth };
}

/** The font every page names first and city PCs have (setup.sh installs it here). */
const JAPANESE_FONT = 'BIZ UDGothic';

/** The fonts Chromium really drew the page's first heading with (CSS.getPlatformFontsForNode).
 * Without BIZ UDGothic installed Chromium has no Japanese font here, draws boxes, and the
 * screenshots show nothing a reviewer can read: the check fails instead. */
async function headingFont(context, tab) {
  const cdp = await context.newCDPSession(tab);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'h1' });
  if (!nodeId) return [];
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts.map((f) => f.familyName);
}

async function checkPage(context, page, out) {
  const tab = await context.newPage();
  const foreign = [];
  const errors = [];
  tab.on('request', (r) => {
    if (!allowed(page, r.url())) foreign.push(r.url());
  });
  tab.on('pageerror', (e) => errors.push(String(e)));
  const response = await tab.goto(page.url, { waitUntil: 'load' });
  if (response && !response.ok() && !page.file) errors.push(`HTTP ${response.status()}`);
  if (response && !page.file) {
    // vnu refuses loopback hosts: it checks the page's source, saved here.
    page.saved = join(out, `${page.name}.html`);
    writeFileSync(page.saved, await response.body());
  }
  const font = await headingFont(context, tab);
  if (!font.includes(JAPANESE_FONT)) {
    errors.push(`the heading is drawn in ${font.join(', ') || 'no font'}, not ${JAPANESE_FONT}`);
  }
  await tab.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const results = await tab.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }),
    AXE_TAGS,
  );
  for (const width of WIDTHS) {
    await tab.setViewportSize({ width, height: 900 });
    const path = join(out, `${page.name}-${width}.png`);
    await tab.screenshot({ path, fullPage: true });
    console.log(`${page.name}: screenshot ${path}`);
    const room = await tab.evaluate(textRoom);
    console.log(
      `${page.name}: ${width} px: text ${room.edge} px from the screen edges, ` +
        `page ${room.scrollWidth} px wide`,
    );
  }
  await tab.close();
  for (const v of results.violations) {
    console.log(`${page.name}: axe ${v.id} (${v.impact}): ${v.help} — ${v.helpUrl}`);
    for (const node of v.nodes) {
      console.log(`    ${node.target.join(' ')}: ${node.html.slice(0, 200)}`);
    }
  }
  for (const url of foreign) console.log(`${page.name}: loads a resource from elsewhere: ${url}`);
  for (const e of errors) console.log(`${page.name}: page error: ${e}`);
  console.log(
    `${page.name}: axe ${results.passes.length} rules passed, ${results.violations.length} violated`,
  );
  return results.violations.length + foreign.length + errors.length;
}

/** Submits `file` through the first form of `page`; returns the result page's target, and
 * saves its PDF download as OUT/download.pdf. */
async function upload(context, page, file, out) {
  const tab = await context.newPage();
  await tab.goto(page.url, { waitUntil: 'load' });
  await tab.setInputFiles('form input[type=file]', file);
  await Promise.all([tab.waitForNavigation({ waitUntil: 'load' }), tab.click('form button[type=submit]')]);
  const result = target(tab.url());
  const heading = await tab.textContent('h1');
  console.log(`upload: ${basename(file)} → ${result.url} (${heading})`);
  const [download] = await Promise.all([tab.waitForEvent('download'), tab.click('a[href$="/pdf"]')]);
  const saved = join(out, 'download.pdf');
  await download.saveAs(saved);
  console.log(`upload: download ${download.suggestedFilename()} saved as ${saved}`);
  await tab.close();
  return result;
}

function runVnu(pages) {
  const jar = join(require.resolve('vnu-jar/package.json'), '..', 'build', 'dist', 'vnu.jar');
  const args = ['-jar', jar, '--format', 'gnu', '--also-check-css', ...pages.map((p) => p.file ?? p.saved ?? p.url)];
  const run = spawnSync('java', args, { encoding: 'utf8' });
  if (run.error) {
    console.error(`check.mjs: cannot run java (${run.error.message}); run tests/browser/setup.sh`);
    process.exit(2);
  }
  const output = `${run.stdout}${run.stderr}`.trim();
  if (output) console.log(output);
  console.log(`vnu: ${run.status === 0 ? 'no errors' : 'errors found'}`);
  return run.status === 0 ? 0 : 1;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!existsSync(CHROMIUM)) {
    console.error(`check.mjs: ${CHROMIUM} is missing; run tests/browser/setup.sh`);
    process.exit(2);
  }
  const { chromium } = require('playwright-core');
  mkdirSync(options.out, { recursive: true });
  const pages = options.pages.map(target);
  const profile = mkdtempSync(join(tmpdir(), 'unei-browser-'));
  let failures = 0;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    // axe is injected as a script; a served page's CSP (no inline script) would block it.
    bypassCSP: true,
  });
  try {
    if (options.upload) pages.push(await upload(context, pages[0], options.upload, options.out));
    for (const page of pages) failures += await checkPage(context, page, options.out);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  if (options.vnu) failures += runVnu(pages);
  console.log(failures === 0 ? 'browser checks: all passed' : `browser checks: ${failures} problem(s)`);
  process.exit(failures === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(`check.mjs: ${e.stack ?? e}`);
  process.exit(2);
});
