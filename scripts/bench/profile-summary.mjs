// Top frames of a V8 CPU profile (node --cpu-prof): where the server spends its own time, by function and by package.
// Also usable alone: node scripts/bench/profile-summary.mjs <file.cpuprofile> [rows]
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** `node_modules/<package>` for library code, `dure` for ours, else the runtime's own. */
function ownerOf(url) {
  const library = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (library) return library[1];
  if (url.includes('/dist/')) return 'dure';
  return url ? 'node' : '(native / GC)';
}

export function summarize(file, rows = 25) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byFrame = new Map();
  const byOwner = new Map();
  const add = (map, key, hits) => map.set(key, (map.get(key) ?? 0) + hits);
  let busy = 0;
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    if (!node.hitCount || functionName === '(idle)') continue;
    busy += node.hitCount;
    add(byFrame, `${functionName || '(anonymous)'} ${url.replace(/^.*?(node_modules|dist)\//, '$1/')}:${lineNumber + 1}`, node.hitCount);
    add(byOwner, ownerOf(url), node.hitCount);
  }
  const table = (map, limit) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([key, hits]) => `${((hits / busy) * 100).toFixed(1).padStart(5)} %  ${key}`)
      .join('\n');
  const busySeconds = (busy * (profile.endTime - profile.startTime)) / profile.samples.length / 1e6;
  return `${busySeconds.toFixed(1)} s on the CPU (start-up included), shares of that time.\n\nSelf time by package:\n${table(byOwner, 15)}\n\nTop ${rows} frames by self time:\n${table(byFrame, rows)}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(summarize(process.argv[2], Number(process.argv[3] ?? 25)));
}
