// Opens uidcheck's HTML and SVG graph pages in headless Chromium (Debian's
// /usr/bin/chromium driven by playwright-core; no browser is downloaded),
// checks that each rendered with no console error, no page error and no
// network request, that the graph is visible (non-trivial size) and that
// its nodes are present, and saves a PNG of each. A page that runs Mermaid
// from node_modules on uidcheck's Mermaid text is checked the same way, to
// show that the diagram draws, as GitHub draws it, and not only parses.
//
// usage: node screenshot.mjs OUTDIR MINNODES FILE.html|FILE.svg...
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [outDir, minNodesArg, ...files] = process.argv.slice(2);
const minNodes = Number(minNodesArg);
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const profile = mkdtempSync(join(tmpdir(), 'uidcheck-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  viewport: { width: 1400, height: 1000 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let failed = 0;
try {
  for (const file of files) {
    const page = await context.newPage();
    const problems = [];
    page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`); });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      problems.push(`network request: ${url}`);
      return route.abort();
    });
    await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: 'load' });
    // A Mermaid page draws after load: wait for its nodes (static pages have them already).
    await page.waitForSelector('svg g.node', { timeout: 15000 }).catch(() => {});
    const svg = page.locator('svg').first();
    const bbox = await svg.boundingBox();
    const nodes = await page.locator('g.node').count();
    if (!bbox || bbox.width < 200 || bbox.height < 200) problems.push(`graph not visible: ${JSON.stringify(bbox)}`);
    if (nodes < minNodes) problems.push(`${nodes} nodes drawn, want at least ${minNodes}`);
    const png = join(outDir, basename(file).replace(/\.(html|svg)$/, '-$1') + '.png');
    // fullPage hangs on a bare SVG document in Chromium: shoot the viewport there.
    await page.screenshot({ path: png, fullPage: file.endsWith('.html'), timeout: 20000 });
    if (problems.length) {
      failed++;
      console.log(`FAIL ${file}: ${problems.join('; ')}`);
    } else {
      console.log(`ok ${file}: ${Math.round(bbox.width)}x${Math.round(bbox.height)} px, ${nodes} nodes -> ${png}`);
    }
    await page.close();
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
