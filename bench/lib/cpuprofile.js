// Summarises a V8 .cpuprofile: self time per function, largest first.
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from './paths.js';

/**
 * Top functions by self time, (idle) left out, and self time by layer (src/ folder, node internals,
 * V8 and native code); every percent is of all samples.
 * @returns {{ top: { selfMs: number, percent: number, functionName: string, location: string }[],
 *   layers: { layer: string, percent: number }[], idlePercent: number }}
 */
export function topSelfTime(profile, count) {
  const totalUs = profile.endTime - profile.startTime;
  const usPerSample = profile.samples.length ? totalUs / profile.samples.length : 0;
  const hits = new Map();
  for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  const byFunction = new Map();
  const sourceMaps = new Map();
  for (const node of profile.nodes) {
    const n = hits.get(node.id);
    if (!n) continue;
    const { functionName } = node.callFrame;
    const location = sourceLocation(node.callFrame, sourceMaps);
    const key = `${functionName}\u0000${location}`;
    const entry = byFunction.get(key) ?? { functionName: functionName || '(anonymous)', location, samples: 0 };
    entry.samples += n;
    byFunction.set(key, entry);
  }
  const idle = [...byFunction.values()].find((e) => e.functionName === '(idle)')?.samples ?? 0;
  const byLayer = new Map();
  for (const e of byFunction.values()) {
    if (e.functionName !== '(idle)') byLayer.set(layerOf(e), (byLayer.get(layerOf(e)) ?? 0) + e.samples);
  }
  const layers = [...byLayer].sort((a, b) => b[1] - a[1])
    .map(([layer, samples]) => ({ layer, percent: (100 * samples) / profile.samples.length }));
  const top = [...byFunction.values()]
    .filter((e) => e.functionName !== '(idle)')
    .sort((a, b) => b.samples - a.samples)
    .slice(0, count)
    .map((e) => ({
      selfMs: (e.samples * usPerSample) / 1000,
      percent: (100 * e.samples) / profile.samples.length,
      functionName: e.functionName,
      location: e.location,
    }));
  return { top, layers, idlePercent: profile.samples.length ? (100 * idle) / profile.samples.length : 0 };
}

/** path:line of a function, in src/*.ts when its script has a source map (the bundle has one). */
function sourceLocation({ url, lineNumber, columnNumber }, sourceMaps) {
  if (!url) return '';
  if (!sourceMaps.has(url)) sourceMaps.set(url, loadSourceMap(url));
  const map = sourceMaps.get(url);
  const entry = map?.findEntry(lineNumber, columnNumber);
  if (entry?.originalSource) {
    return `${shorten(resolve(dirname(fileURLToPath(url)), entry.originalSource))}:${entry.originalLine + 1}`;
  }
  return `${shorten(url)}:${lineNumber + 1}`;
}

function loadSourceMap(url) {
  if (!url.startsWith('file://')) return null;
  const mapPath = `${fileURLToPath(url)}.map`;
  return existsSync(mapPath) ? new SourceMap(JSON.parse(readFileSync(mapPath, 'utf8'))) : null;
}

function shorten(pathOrUrl) {
  const path = pathOrUrl.replace(/^file:\/\//, '');
  return path.startsWith(`${repoRoot}/`) ? path.slice(repoRoot.length + 1) : path;
}

/** src/<folder>/... → <folder>; node:... → node; anything without a script (GC, native calls) → native. */
function layerOf({ functionName, location }) {
  if (functionName === '(garbage collector)') return 'GC';
  if (!location) return 'native';
  return /^src\/([^/]+)\//.exec(location)?.[1] ?? (location.startsWith('node:') ? 'node' : 'other');
}
