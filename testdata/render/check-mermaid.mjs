// Parses each Mermaid file given on the command line with Mermaid's own
// parser (mermaid.parse), which needs a DOM: jsdom provides one. Prints one
// line per file and exits 1 if any file is rejected.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!DOCTYPE html><html><body></body></html>', { pretendToBeVisual: true });
globalThis.window = dom.window;
globalThis.document = dom.window.document;
for (const key of ['DOMParser', 'Element', 'HTMLElement', 'Node', 'SVGElement', 'MutationObserver']) {
  if (!(key in globalThis)) globalThis[key] = dom.window[key];
}

const { default: mermaid } = await import('mermaid');
// Large corpora make large diagrams: lift the size limits here; the
// Markdown report applies GitHub's own limits before it embeds one.
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', maxTextSize: 50_000_000, maxEdges: 1_000_000 });

let failed = 0;
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  try {
    const res = await mermaid.parse(text);
    if (!res || res.diagramType !== 'flowchart-v2') {
      throw new Error(`unexpected diagram type ${res && res.diagramType}`);
    }
    console.log(`ok ${file} (${res.diagramType})`);
  } catch (err) {
    failed++;
    console.log(`FAIL ${file}: ${String(err && err.message || err).split('\n').slice(0, 4).join(' | ')}`);
  }
}
process.exit(failed ? 1 : 0);
