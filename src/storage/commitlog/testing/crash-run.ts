import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SeededRandom } from '../../../common/seeded-random.js';
import type { CommitLogSync } from '../commitlog.js';
import { NODE_FILE_SYSTEM } from '../commitlog-file-system.js';
import type { CommitLogPosition } from '../commitlog-position.js';
import { replayCommitLog } from '../commitlog-replayer.js';
import { crashEntry } from './crash-entries.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../../../..');
/** Runs the TypeScript child through Vite's module runner, as the test runner itself does. */
const RUNNER = "import { runnerImport } from 'vite'; await runnerImport(process.env.CRASH_WRITER, { configFile: false, logLevel: 'silent' });";

export interface CrashRunResult {
  readonly seed: number;
  readonly ackedCount: number;
  readonly replayedCount: number;
  readonly segmentCount: number;
  readonly tornTailWarnings: readonly string[];
  /** What went wrong: acknowledged entries missing, or entries replayed out of order or altered. */
  readonly problems: readonly string[];
}

/**
 * Starts a child appending to a commit log, kills it with SIGKILL once it has acknowledged a seeded
 * number of entries (the kill lands wherever the child then is), and replays the folder: every
 * acknowledged entry must come back, at its position, in order, and nothing else but a suffix of the
 * entries appended after the last acknowledgement seen.
 */
/** How the child appends: append() in either sync mode, or 'group': batch mode's appendSynced, acknowledged once its group sync ran. */
export type CrashMode = CommitLogSync | 'group';

export async function runCrashIteration(seed: number, sync: CrashMode): Promise<CrashRunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'cassanova-commitlog-crash-'));
  try {
    const killAfter = 20 + (new SeededRandom(seed).nextUint32() % 1000);
    const acked = await runUntilKilled(dir, seed, sync, killAfter);
    const warnings: string[] = [];
    const replayed: { index: number; entry: Buffer; position: CommitLogPosition }[] = [];
    const logger = { warn: (_fields: object, message: string) => { warnings.push(message); } };
    const summary = replayCommitLog({ dir, identity: 'crash-test', fileSystem: NODE_FILE_SYSTEM, logger }, {
      onEntry: (entry, position) => replayed.push({ index: entry.readUInt32BE(0), entry: Buffer.from(entry), position }),
    });
    const problems = checkReplay(seed, acked, replayed);
    return { seed, ackedCount: acked.length, replayedCount: replayed.length, segmentCount: summary.segments.length, tornTailWarnings: warnings, problems };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function checkReplay(seed: number, acked: readonly CommitLogPosition[], replayed: readonly { index: number; entry: Buffer; position: CommitLogPosition }[]): string[] {
  const problems: string[] = [];
  if (replayed.length < acked.length) problems.push(`${acked.length} entries acknowledged, ${replayed.length} replayed`);
  for (const [i, r] of replayed.entries()) {
    if (r.index !== i) problems.push(`entry ${i} replayed as entry ${r.index}`);
    else if (!r.entry.equals(crashEntry(seed, i))) problems.push(`entry ${i} replayed with other bytes`);
    const ack = acked[i];
    if (ack !== undefined && (ack.segmentId !== r.position.segmentId || ack.position !== r.position.position)) {
      problems.push(`entry ${i} acknowledged at ${ack.segmentId}:${ack.position}, replayed at ${r.position.segmentId}:${r.position.position}`);
    }
    if (problems.length > 5) break;
  }
  return problems;
}

/** The positions the child acknowledged, in order, up to the kill. */
function runUntilKilled(dir: string, seed: number, sync: CrashMode, killAfter: number): Promise<CommitLogPosition[]> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', RUNNER], {
      cwd: ROOT,
      env: { ...process.env, CRASH_WRITER: join(HERE, 'crash-writer.ts'), CRASH_DIR: dir, CRASH_SYNC: sync, CRASH_SEED: String(seed) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: CommitLogPosition[] = [];
    let pending = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        const [, segmentId, position] = line.split(' ').map(Number);
        acked.push({ segmentId: segmentId!, position: position! });
      }
      if (acked.length >= killAfter) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') done(acked);
      else fail(new Error(`crash writer exited with ${code ?? signal} before it was killed: ${stderr}`));
    });
  });
}
