// The load client, in a process of its own: node throughput.js '<json config>'.
// Config: { targets: [{ name, host, port, localDataCenter, replicationFactor, pid }],
//           cells: [{ op: 'insert'|'select', inFlight, warmupMs, measureMs, sliceMs, consistency? }] }.
// Connects to every target with the driver's default load balancing (token-aware over DC-aware), one
// connection per host, and creates bench.kv there at the target's replication factor. Per cell, warms
// each target up for warmupMs, then measures measureMs on each in slices of sliceMs, the targets taking
// turns slice by slice, so that load from other processes on the machine falls on all targets alike.
// A cell's consistency is a driver consistency name ('quorum'); without it the driver's default applies. Prints one JSON line per event:
// target-error, measure-start, measure-end, cell (one result per target, with the throughput of every
// slice, the CPU time that the client and the server process (pid) used while measuring, the server's
// write calls, and the hosts and connections the driver had open at the end), done.
import { readFileSync } from 'node:fs';
import cassandra from 'cassandra-driver';

const { Client, types: { distance, consistencies } } = cassandra;
const config = JSON.parse(process.argv[2]);
const KEY_COUNT = 10_000;
const MAX_OPS_PER_WINDOW = 2_000_000; // a bound besides time; ~100x what one window completes
const VALUE = 'value-0123456789';
const STATEMENTS = {
  insert: { query: 'INSERT INTO bench.kv (k, v) VALUES (?, ?)', params: (k) => [k, VALUE] },
  select: { query: 'SELECT v FROM bench.kv WHERE k = ?', params: (k) => [k] },
};
const TICK_US = 10_000; // /proc CPU times are in clock ticks of 1/100 s (USER_HZ)
const emit = (event) => process.stdout.write(`${JSON.stringify(event)}\n`);
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Bound on the whole run: every cell on every target, plus a minute for connecting and schema.
const cellsMs = config.cells.reduce((sum, c) => sum + c.warmupMs + c.measureMs, 0);
const budgetMs = cellsMs * config.targets.length + 60_000;
setTimeout(() => { emit({ event: 'error', error: `client exceeded ${budgetMs} ms` }); process.exit(2); }, budgetMs).unref();

async function connect(target) {
  const client = new Client({
    contactPoints: [`${target.host}:${target.port}`],
    localDataCenter: target.localDataCenter,
    protocolOptions: { port: target.port },
    pooling: { coreConnectionsPerHost: { [distance.local]: 1 } },
  });
  try {
    await client.connect();
    const replication = `{'class': 'SimpleStrategy', 'replication_factor': ${target.replicationFactor ?? 1}}`;
    await client.execute(`CREATE KEYSPACE IF NOT EXISTS bench WITH replication = ${replication}`);
    await client.execute('CREATE TABLE IF NOT EXISTS bench.kv (k int PRIMARY KEY, v text)');
    // keysWritten: every key below it has been inserted, so SELECTs stay below it and always find a row.
    return { name: target.name, pid: target.pid, client, nextKey: 0, keysWritten: 0 };
  } catch (e) {
    emit({ event: 'target-error', target: target.name, error: e.message });
    await client.shutdown();
    return null;
  }
}

function consistencyCode(name) {
  const code = consistencies[name];
  if (code === undefined) throw new Error(`unknown consistency ${name}`);
  return code;
}

/** CPU time (µs) used so far by this process and by the server, and the server's write calls. */
function usageNow(session) {
  const { user, system } = process.cpuUsage();
  const stat = readFileSync(`/proc/${session.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const writes = /^syscw:\s+(\d+)/m.exec(readFileSync(`/proc/${session.pid}/io`, 'utf8'));
  return {
    clientCpuUs: user + system,
    serverCpuUs: (Number(stat[11]) + Number(stat[12])) * TICK_US, // utime + stime
    serverWrites: Number(writes?.[1] ?? 0),
  };
}

/** Keeps inFlight requests going on one target for durationMs; counts what completed in that window. */
async function runFor(session, { op, inFlight, consistency }, durationMs) {
  const statement = STATEMENTS[op];
  const options = consistency ? { prepare: true, consistency: consistencyCode(consistency) } : { prepare: true };
  const keyRange = op === 'select' && session.keysWritten > 0 ? session.keysWritten : KEY_COUNT;
  const window = { completed: 0, emptyReads: 0, error: null };
  let running = true;
  let halt;
  const halted = new Promise((resolve) => { halt = resolve; });
  async function worker() {
    while (running && window.completed < MAX_OPS_PER_WINDOW) {
      const k = session.nextKey++ % keyRange;
      try {
        const rs = await session.client.execute(statement.query, statement.params(k), options);
        if (!running) return; // finished after the window closed: not counted
        if (op === 'select' && rs.rowLength !== 1) window.emptyReads++;
        window.completed++;
      } catch (e) {
        window.error ??= e.message;
        running = false;
        halt();
      }
    }
  }
  const startMs = performance.now();
  const startUsage = usageNow(session);
  const workers = Array.from({ length: inFlight }, worker);
  await Promise.race([delay(durationMs), halted]);
  running = false;
  const endUsage = usageNow(session);
  const result = { ...window, elapsedMs: performance.now() - startMs };
  for (const key of Object.keys(endUsage)) result[key] = endUsage[key] - startUsage[key];
  await Promise.all(workers);
  if (op === 'insert' && !window.error) session.keysWritten = Math.min(KEY_COUNT, Math.max(session.keysWritten, session.nextKey));
  return result;
}

/** Hosts the driver is connected to and its open connections, to check the pools are as intended. */
function poolState(client) {
  const state = client.getState();
  const hosts = state.getConnectedHosts();
  return { hostCount: hosts.length, connectionCount: hosts.reduce((sum, h) => sum + state.getOpenConnections(h), 0) };
}

async function runCell(sessions, cell) {
  const totals = sessions.map(() => ({ ops: 0, elapsedMs: 0, clientCpuUs: 0, serverCpuUs: 0, serverWrites: 0, emptyReads: 0, sliceOpsPerSec: [], error: null }));
  for (const [i, session] of sessions.entries()) totals[i].error = (await runFor(session, cell, cell.warmupMs)).error;
  emit({ event: 'measure-start', op: cell.op, inFlight: cell.inFlight });
  for (let slice = 0; slice * cell.sliceMs < cell.measureMs; slice++) {
    // Alternate which target goes first, so neither always follows the other.
    const order = sessions.map((_, i) => i);
    if (slice % 2) order.reverse();
    for (const i of order) {
      if (totals[i].error) continue;
      const r = await runFor(sessions[i], cell, Math.min(cell.sliceMs, cell.measureMs - slice * cell.sliceMs));
      totals[i].ops += r.completed;
      totals[i].sliceOpsPerSec.push((r.completed * 1000) / r.elapsedMs);
      for (const key of ['elapsedMs', 'clientCpuUs', 'serverCpuUs', 'serverWrites', 'emptyReads']) totals[i][key] += r[key];
      totals[i].error ??= r.error;
    }
  }
  emit({ event: 'measure-end', op: cell.op, inFlight: cell.inFlight });
  sessions.forEach((s, i) => emit({
    event: 'cell', target: s.name, op: cell.op, inFlight: cell.inFlight, ...totals[i], ...poolState(s.client),
    opsPerSec: (totals[i].ops * 1000) / totals[i].elapsedMs,
  }));
}

const sessions = [];
try {
  for (const target of config.targets) {
    const session = await connect(target);
    if (session) sessions.push(session);
  }
  for (const cell of config.cells) await runCell(sessions, cell);
  emit({ event: 'done' });
} catch (e) {
  emit({ event: 'error', error: e.message });
  process.exitCode = 1;
} finally {
  await Promise.all(sessions.map((s) => s.client.shutdown()));
}
