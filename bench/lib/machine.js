// The machine a run happened on, for the report.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';

export function describeMachine() {
  const cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown CPU';
  return {
    date: execFileSync('date', { encoding: 'utf8' }).trim(),
    cpus: availableParallelism(),
    memoryGiB: totalmem() / 2 ** 30,
    cpuModel,
    node: process.version,
  };
}

export const machineLine = (m) => `${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB.toFixed(1)} GiB memory, Node ${m.node}`;
