// The commit log library alone (issue 12), no cluster: appends per second of 100-byte entries with each
// way of syncing, and replay speed. The TypeScript source is loaded through Vite's module runner, since the
// library is not part of the package's bundle.
import { resolve } from 'node:path';
import { runnerImport } from 'vite';
import { benchDir } from '../lib/paths.js';

export default {
  name: 'commitlog',
  title: 'Commit log: appends per second (100-byte entries) and replay speed, the library alone',
  async run({ targets, quick }) {
    if (!targets.includes('cassanova')) return null;
    const errors = [];
    const rows = [];
    const durationMs = quick ? 500 : 3000;
    const replayMb = quick ? 16 : 64;
    try {
      const { module: m } = await runnerImport(resolve(benchDir, 'commitlog/commitlog-measure.ts'), { configFile: false, logLevel: 'silent' });
      const rate = (x) => Math.round(x).toLocaleString('en-US');
      rows.push(['append(), periodic (fsync every 10 s)', `${rate(m.appendRate('periodic', 100, durationMs))} appends/s`]);
      rows.push(['append(), batch (an fsync in each append)', `${rate(m.appendRate('batch', 100, durationMs))} appends/s`]);
      for (const writers of [1, 16, 64]) {
        rows.push([`appendSynced(), ${writers} concurrent writer${writers > 1 ? "s" : ""} (group commit)`, `${rate(await m.groupCommitRate(writers, 100, durationMs))} appends/s`]);
      }
      for (const entryBytes of [100, 4096]) {
        const r = m.replayRate(entryBytes, replayMb);
        rows.push([`replay of ${r.megabytes.toFixed(0)} MiB of ${entryBytes}-byte entries`, `${r.megabytesPerSecond.toFixed(0)} MiB/s, ${rate(r.entriesPerSecond)} entries/s`]);
      }
    } catch (e) {
      errors.push(`commitlog: ${e.stack ?? e.message}`);
    }
    return {
      columns: ['measure', 'rate'],
      rows,
      notes: [`Segments of 32 MiB in a folder under the system's temporary directory (its file system and disk decide the fsync cost); ${durationMs / 1000} s per append row. Replay reads each segment whole, checks every checksum and hands each entry to a callback that only counts it.`],
      goals: [],
      errors,
    };
  },
};
