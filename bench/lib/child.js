// A node child process seen line by line: wait for a line, stop it with a signal and a deadline.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';

// Children still running when the bench exits (by error or crash) are killed, so nothing outlives it.
const live = new Set();
process.on('exit', () => { for (const proc of live) proc.kill('SIGKILL'); });

export class Child {
  /** @param {string[]} args node arguments (script first); ipc opens a message channel. */
  constructor(args, { ipc = false } = {}) {
    const stdio = ['ignore', 'pipe', 'pipe', ...(ipc ? ['ipc'] : [])];
    this.proc = spawn(process.execPath, args, { stdio });
    this.stderr = '';
    this.exit = null;
    this.lineListeners = new Set();
    live.add(this.proc);
    this.exited = new Promise((resolve) => {
      this.proc.on('exit', (code, signal) => { live.delete(this.proc); this.exit = { code, signal }; resolve(this.exit); });
    });
    this.proc.stderr.setEncoding('utf8').on('data', (s) => { this.stderr = (this.stderr + s).slice(-4000); });
    createInterface({ input: this.proc.stdout }).on('line', (line) => {
      for (const listener of this.lineListeners) listener(line);
    });
  }

  get pid() { return this.proc.pid; }

  onLine(listener) { this.lineListeners.add(listener); }

  /** Resolves with the first stdout line that matches; rejects when the child exits or time runs out. */
  waitForLine(matches, timeoutMs, what) {
    return new Promise((resolve, reject) => {
      let settled = false;
      const done = (settle, value) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.lineListeners.delete(listener);
        settle(value);
      };
      const listener = (line) => { if (matches(line)) done(resolve, line); };
      const timer = setTimeout(() => done(reject, this.failure(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
      this.lineListeners.add(listener);
      this.exited.then((exit) => { if (!settled) done(reject, this.failure(`exited (${describeExit(exit)}) before ${what}`)); });
    });
  }

  /** Waits for the exit, up to timeoutMs; past it kills with SIGKILL. */
  async waitForExit(timeoutMs) {
    let timer;
    const late = new Promise((resolve) => { timer = setTimeout(() => resolve(null), timeoutMs); });
    const exit = await Promise.race([this.exited, late]);
    clearTimeout(timer);
    if (exit) return { ...exit, killed: false };
    this.proc.kill('SIGKILL');
    return { ...(await this.exited), killed: true };
  }

  /** Sends signal (unless already exited) and waits up to timeoutMs for the exit. */
  async stop(signal = 'SIGTERM', timeoutMs = 5000) {
    if (this.exit) return { ...this.exit, killed: false };
    this.proc.kill(signal);
    return this.waitForExit(timeoutMs);
  }

  /** Sends an IPC message (a child started with ipc) and resolves with its reply whose event is `answer`. */
  request(msg, answer, timeoutMs = 10_000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no '${answer}' from the child within ${timeoutMs / 1000} s`)), timeoutMs);
      const onMessage = (reply) => {
        if (reply.event !== answer) return;
        clearTimeout(timer);
        this.proc.off('message', onMessage);
        resolve(reply);
      };
      this.proc.on('message', onMessage);
      this.proc.send(msg);
    });
  }

  failure(message) {
    const excerpt = stderrExcerpt(this.stderr);
    return new Error(excerpt ? `${message}; stderr:\n${excerpt}` : message);
  }
}

/** The first error line of a child's stderr and a few after it (Node prints the source line before it). */
function stderrExcerpt(stderr) {
  const lines = stderr.trim().split('\n').filter((l) => l.trim());
  const first = lines.findIndex((l) => /\b\w*Error\b/.test(l));
  return (first >= 0 ? lines.slice(first, first + 4) : lines.slice(-6)).join('\n');
}

export function describeExit({ code, signal, killed }) {
  if (killed) return 'killed after timeout';
  return signal ? `signal ${signal}` : `exit code ${code}`;
}

/** Resident set size of a live process in MiB, from /proc/<pid>/status. */
export async function rssMiB(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!kib) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(kib[1]) / 1024;
}
