// Renders scenario results: aligned text for the terminal, markdown for bench/RESULTS.md.
import { machineLine } from './machine.js';

/** @typedef {{ title: string, columns: string[], rows: string[][], notes: string[], goals: object[], errors: string[] }} Section */

export function textReport(machine, sections) {
  const out = [`Cassanova bench, ${machine.date}: ${machineLine(machine)}`];
  for (const s of sections) {
    out.push('', s.title, ...(s.rows.length ? textTable(s.columns, s.rows) : []), ...s.notes.map((n) => `  ${n}`));
    out.push(...s.errors.map((e) => `  ERROR ${e}`));
  }
  const goals = sections.flatMap((s) => s.goals);
  if (goals.length) {
    out.push('', 'Goals', ...textTable(['goal', 'measured', 'met'], goals.map(goalRow)));
  }
  return out.join('\n');
}

export function markdownReport(machine, sections) {
  const out = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/run.js), which replaces this file after a complete run without errors.',
    'Absolute figures drift between runs on shared machines, so compare the Cassanova/floor ratios, and mind',
    'their noise too: on a busy 2-core machine, floor-against-floor runs gave ratios from 0.96 to 1.47 per cell.',
    'Three nodes against one (RF 3 and RF 1, QUORUM, 256 in flight) over 14 runs on 22 Nov 2026, same busy machine:',
    'INSERT 0.41 to 0.61 (median 0.50), SELECT 0.35 to 0.82 (median 0.51); the 0.40 target was met in 25 of the 28 cells.',
    'One node against the floor, prepared INSERT at 256 in flight, five full runs on 22 Nov 2026 between 01:56 and 04:07:',
    '0.60, 0.55, 0.56, 0.47 and 0.59; the 0.47 run had the same server CPU per request (22 µs) as the others, and a side-by-side',
    'run of that build and the previous one gave 24.5 and 24.6 µs/op: the ratio moves with the machine, not the code.',
    'On 7 Dec 2026 (another machine: AMD EPYC, floor 2-2.5x faster) the build of that day gave INSERT 0.48 at 256 in flight',
    '(server 10 µs/op) and the build it started from, measured just after, 0.46 (13 µs/op).',
    'The activity log on against off (prepared INSERT at 256 in flight) on 7 Dec 2026, same machine at load 2 to 8: 0.81 to 1.15',
    'over 10 runs, median 0.90; side by side with the build before that day\'s slot layout changes, 0.96 against 0.93 over 4 runs',
    '(the section "Test controls and the activity log" of that day, in this file\'s history, has the figures and the profiles).',
    'The per-request CPU columns (server and driver µs/op) are the steadier guide to where time goes.',
    '`npm run bench -- --profile` adds CPU profiles of the Cassanova server.',
    '',
    `## Run of ${machine.date}`,
    '',
    `Machine: ${machineLine(machine)}.`,
  ];
  const goals = sections.flatMap((s) => s.goals);
  if (goals.length) out.push('', '### Goals', '', ...markdownTable(['goal', 'measured', 'met'], goals.map(goalRow)));
  for (const s of sections) {
    out.push('', `### ${s.title}`, '', ...markdownTable(s.columns, s.rows));
    if (s.notes.length) out.push('', ...s.notes);
  }
  return `${out.join('\n')}\n`;
}

const goalRow = (g) => [g.goal, g.measured, g.met ? 'yes' : 'NO'];

function textTable(columns, rows) {
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `  ${cells.map((c, i) => c.padEnd(widths[i])).join('  ')}`.trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

function markdownTable(columns, rows) {
  const line = (cells) => `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(columns), line(columns.map(() => '---')), ...rows.map(line)];
}
