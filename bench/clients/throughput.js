// The load client, in a process of its own: node throughput.js '<json config>'.
// Config: { targets: [{ name, host, port, localDataCenter }], cells: [{ op: 'insert'|'select', inFlight, warmupMs, measureMs }] }.
// Connects to every target and creates bench.kv there, then runs each cell against each target in turn
// (so the targets of one cell are measured seconds apart, not minutes), keeping inFlight prepared requests
// going for warmupMs + measureMs. Prints one JSON line per event: target-error, measure-start,
// measure-end, cell (a result), done.
import cassandra from 'cassandra-driver';

const { Client, types: { distance } } = cassandra;
const config = JSON.parse(process.argv[2]);
const KEY_COUNT = 10_000;
const MAX_OPS_PER_CELL = 5_000_000;
const VALUE = 'value-0123456789';
const STATEMENTS = {
  insert: { query: 'INSERT INTO bench.kv (k, v) VALUES (?, ?)', params: (k) => [k, VALUE] },
  select: { query: 'SELECT v FROM bench.kv WHERE k = ?', params: (k) => [k] },
};
const emit = (event) => process.stdout.write(`${JSON.stringify(event)}\n`);
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Bound on the whole run: every cell on every target plus a minute for connecting and schema.
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
    await client.execute("CREATE KEYSPACE IF NOT EXISTS bench WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    await client.execute('CREATE TABLE IF NOT EXISTS bench.kv (k int PRIMARY KEY, v text)');
    return { name: target.name, client, keysWritten: 0 }; // every key below keysWritten has been inserted
  } catch (e) {
    emit({ event: 'target-error', target: target.name, error: e.message });
    await client.shutdown();
    return null;
  }
}

async function runCell(session, { op, inFlight, warmupMs, measureMs }) {
  const statement = STATEMENTS[op];
  const keyRange = op === 'select' && session.keysWritten > 0 ? session.keysWritten : KEY_COUNT;
  let issued = 0;
  let completed = 0;
  let emptyReads = 0;
  let error = null;
  let running = true;
  let halt;
  const halted = new Promise((resolve) => { halt = resolve; });
  const wait = (ms) => Promise.race([delay(ms), halted]);

  async function worker() {
    while (running && completed < MAX_OPS_PER_CELL) {
      const k = issued++ % keyRange;
      try {
        const rs = await session.client.execute(statement.query, statement.params(k), { prepare: true });
        if (op === 'select' && rs.rowLength !== 1) emptyReads++;
        completed++;
      } catch (e) {
        error ??= e.message;
        running = false;
        halt();
      }
    }
  }
  const workers = Array.from({ length: inFlight }, worker);
  await wait(warmupMs);
  const startCount = completed;
  const startMs = performance.now();
  const where = { target: session.name, op, inFlight };
  emit({ event: 'measure-start', ...where });
  await wait(measureMs);
  const ops = completed - startCount;
  const elapsedMs = performance.now() - startMs;
  emit({ event: 'measure-end', ...where });
  running = false;
  await Promise.all(workers);
  if (op === 'insert' && !error) session.keysWritten = Math.max(session.keysWritten, Math.min(issued, KEY_COUNT));
  return { ...where, ops, elapsedMs, opsPerSec: (ops * 1000) / elapsedMs, emptyReads, error };
}

const sessions = [];
try {
  for (const target of config.targets) sessions.push(await connect(target));
  for (const [i, cell] of config.cells.entries()) {
    // Alternate which target goes first, so neither always meets a colder client.
    const order = i % 2 ? [...sessions].reverse() : sessions;
    for (const session of order) if (session) emit({ event: 'cell', ...(await runCell(session, cell)) });
  }
  emit({ event: 'done' });
} catch (e) {
  emit({ event: 'error', error: e.message });
  process.exitCode = 1;
} finally {
  await Promise.all(sessions.map((s) => s?.client.shutdown()));
}
