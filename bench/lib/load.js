// Runs the load client (clients/throughput.js) in its own process against started targets.
import { Child, describeExit } from './child.js';
import { benchDir } from './paths.js';

/**
 * @param {import('./targets.js').Target[]} targets
 * @param {{ op: string, inFlight: number, warmupMs: number, measureMs: number, sliceMs: number, consistency?: string }[]} cells
 *   consistency: a cassandra-driver consistency name ('quorum'); the driver's default (LOCAL_ONE) without it
 * @param {(event: object) => Promise<void> | void} onEvent sees every event, e.g. measure-start/-end to profile a window
 * @returns {Promise<{ cells: object[], targetErrors: string[] }>} cells: one result per cell and target,
 *   { target, op, inFlight, ops, elapsedMs, opsPerSec, sliceOpsPerSec, clientCpuUs, serverCpuUs, serverWrites, emptyReads, hostCount,
 *   connectionCount, error }; targetErrors: targets that could not be set up
 */
export async function runLoad(targets, cells, onEvent = () => {}) {
  const config = {
    targets: targets.map(({ name, host, port, localDataCenter, replicationFactor, child }) => ({ name, host, port, localDataCenter, replicationFactor, pid: child.pid })),
    cells,
  };
  const child = new Child([`${benchDir}/clients/throughput.js`, JSON.stringify(config)]);
  const results = [];
  const targetErrors = [];
  const hooks = [];
  let failure = null;
  child.onLine((line) => {
    if (!line.startsWith('{')) return;
    const event = JSON.parse(line);
    if (event.event === 'cell') results.push(event);
    else if (event.event === 'target-error') targetErrors.push(`${event.target}: ${event.error}`);
    else if (event.event === 'error') failure = event.error;
    hooks.push(Promise.resolve(onEvent(event)).catch((e) => { failure ??= e.message; }));
  });
  const cellsMs = cells.reduce((sum, c) => sum + c.warmupMs + c.measureMs, 0);
  const exit = await child.waitForExit(cellsMs * targets.length + 90_000);
  await Promise.all(hooks);
  if (failure || exit.code !== 0) throw child.failure(`load client: ${failure ?? describeExit(exit)}`);
  return { cells: results, targetErrors };
}

/**
 * Starts the named targets, runs the cells against those that started, stops them all.
 * @param {Record<string, () => Promise<import('./targets.js').Target>>} starters by target name
 * @returns {Promise<{ cells: object[], errors: string[] }>} errors: targets that failed to start, set up or stop cleanly
 */
export async function measureTargets(starters, cells, onEvent) {
  const started = [];
  const errors = [];
  for (const [name, start] of Object.entries(starters)) {
    try {
      started.push(await start());
    } catch (e) {
      errors.push(`${name}: ${e.message}`);
    }
  }
  let results = [];
  try {
    if (started.length) {
      const byName = new Map(started.map((t) => [t.name, t])); // for onEvent: the targets by name
      const load = await runLoad(started, cells, onEvent && ((e) => onEvent(e, byName)));
      results = load.cells;
      errors.push(...load.targetErrors);
    }
  } finally {
    for (const target of started) {
      const exit = await target.stop();
      if (exit.code !== 0 || exit.killed) errors.push(`${target.name}: server did not stop cleanly on SIGTERM (${describeExit(exit)})`);
    }
  }
  return { cells: results, errors };
}

/**
 * measureTargets, then what the scenarios read of its cells: each failed or empty-read cell as an error,
 * `cell(name, op, inFlight?)` the successful cell, and `perOp(names, op, key, digits, inFlight?)` a per-request
 * figure of each named target joined by ' / '.
 */
export async function measureCells(starters, cells) {
  const { cells: results, errors } = await measureTargets(starters, cells);
  for (const c of results) {
    const where = `${c.target} ${c.op} @${c.inFlight}`;
    if (c.error) errors.push(`${where}: ${c.error}`);
    if (c.emptyReads) errors.push(`${where}: ${c.emptyReads} reads found no row`);
  }
  const cell = (name, op, inFlight) =>
    results.find((c) => c.target === name && c.op === op && (inFlight === undefined || c.inFlight === inFlight) && !c.error);
  const perOp = (names, op, key, digits, inFlight) => names.map((name) => {
    const c = cell(name, op, inFlight);
    return c && c.ops ? (c[key] / c.ops).toFixed(digits) : '-';
  }).join(' / ');
  return { results, errors, cell, perOp };
}
