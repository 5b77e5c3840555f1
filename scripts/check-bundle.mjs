// After `vite build`: proves tfjs stayed out of the main-thread bundle, that no built file uses
// eval/new Function (the CSP forbids them), and prints the gzipped size of what the page loads first.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

// Usage: node scripts/check-bundle.mjs [distFolder]   (defaults to this repository's dist/)
const dist = process.argv[2] ?? new URL('../dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
// The entry script plus everything index.html preloads or links: the main thread's bundle.
const mainFiles = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
if (!mainFiles.some((f) => f.endsWith('.js'))) throw new Error('check-bundle: no entry script found in dist/index.html');

// Strings only tfjs carries; a main bundle containing any of them has pulled tfjs in.
const tfjsMarkers = ['tfjs-core', 'registerKernel', 'tfjs-backend-webgpu', 'WEBGL_VERSION'];
const problems = [];
let gzipBytes = 0;
let rawBytes = 0;
for (const file of mainFiles) {
  const text = readFileSync(join(dist, file));
  rawBytes += text.length;
  gzipBytes += gzipSync(text).length;
  const source = text.toString('utf8');
  for (const marker of tfjsMarkers) if (source.includes(marker)) problems.push(`${file} (main thread) contains tfjs ('${marker}')`);
}

const assets = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
for (const file of assets) {
  const source = readFileSync(join(dist, 'assets', file), 'utf8');
  if (/\beval\(|new Function\(/.test(source)) problems.push(`${file} uses eval or new Function (forbidden by the CSP)`);
}

if (problems.length) {
  console.error(`check-bundle failed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`check-bundle: main-thread bundle ${mainFiles.join(', ')}: ${kb(rawBytes)} raw, ${kb(gzipBytes)} gzipped; no tfjs in it; no eval in ${assets.length} scripts.`);
