// Enforces the import rules of ../shared/DESIGN.md that TypeScript's per-folder `lib` cannot:
// engine stays pure, components never import tfjs/comlink/idb, src/lib takes only *types* from
// the engine and the workers (so tfjs never enters the main-thread bundle). Exits 1 on a violation.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

// Usage: node scripts/check-layers.mjs [projectRoot]   (the root defaults to this repository)
const root = process.argv[2] ?? new URL('..', import.meta.url).pathname;
const exists = (dir) => { try { return statSync(join(root, dir)).isDirectory(); } catch { return false; } };

function filesUnder(dir) {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(root, path)).isDirectory() ? filesUnder(path) : /\.(ts|svelte)$/.test(name) ? [path] : [];
  });
}

/** Each import statement of a file: its specifier and whether it is type-only. */
function importsOf(path) {
  const text = readFileSync(join(root, path), 'utf8');
  const found = [];
  const pattern = /^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm;
  for (const m of text.matchAll(pattern)) found.push({ spec: m[3] ?? m[4], typeOnly: Boolean(m[2]) });
  return found;
}

const rules = [
  { folder: 'src/engine', forbid: [/^svelte/, /^comlink/, /\/lib\//, /\/components\//, /workers\//], why: 'the engine is pure (tfjs, idb and itself only)' },
  { folder: 'workers', forbid: [/^svelte/, /src\/lib\//, /src\/components\//, /^\.\.\/lib\//], why: 'workers use the engine, comlink and tfjs backends only' },
  { folder: 'src/components', forbid: [/^@tensorflow\//, /^comlink/, /^idb/], why: 'components reach workers and storage through src/lib' },
  { folder: 'src/lib', forbid: [/^@tensorflow\//, /^idb/], why: 'tfjs and idb stay out of the main-thread bundle' },
];

const problems = [];
for (const rule of rules) {
  if (!exists(rule.folder)) continue;
  for (const file of filesUnder(rule.folder)) {
    for (const { spec, typeOnly } of importsOf(file)) {
      if (rule.forbid.some((re) => re.test(spec))) problems.push(`${file}: imports '${spec}' — ${rule.why}`);
      const engineOrWorker = /(^|\/)engine\//.test(spec) || /(^|\/)workers\//.test(spec);
      if ((rule.folder === 'src/lib' || rule.folder === 'src/components') && engineOrWorker && !typeOnly) {
        problems.push(`${file}: imports '${spec}' at run time — main-thread code may import only types from the engine and workers`);
      }
    }
    // tsc's WebWorker lib already rejects `document`; `window` and `localStorage` need this extra look.
    if (rule.folder === 'src/engine') {
      const code = readFileSync(join(root, file), 'utf8').replace(/\/\/.*$/gm, '');
      const dom = code.match(/\b(document|window|localStorage|sessionStorage)\s*\./);
      if (dom) problems.push(`${file}: uses the DOM global '${dom[1]}' — the engine must run in workers and Node`);
    }
  }
}

if (problems.length) {
  console.error(`Layer rules broken (see ../shared/DESIGN.md):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`check-layers: ${rules.map((r) => r.folder).join(', ')} follow the import rules.`);
