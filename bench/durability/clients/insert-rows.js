// The load of the bounded-memory scenario, in a process of its own: node insert-rows.js '<json config>'
// Config: { contactPoints, localDataCenter, from, to, inFlight }. Inserts rows k = from .. to-1 of bench.kv with
// 20-byte texts (prepared INSERT, cassandra-driver 4.10, one connection), inFlight at a time. A node that
// flushes and compacts in the request path can stall for longer than the driver's default 12 s: the read
// timeout is raised so the load completes, and the longest request is reported. Prints {"progress":n} every
// 100,000 rows and {"rows":n,"ms":...,"maxLatencyMs":...} at the end.
import cassandra from 'cassandra-driver';

const PROGRESS_EVERY = 100_000;
const INSERT = 'INSERT INTO bench.kv (k, v) VALUES (?, ?)';
const { contactPoints, localDataCenter, from, to, inFlight } = JSON.parse(process.argv[2]);
const READ_TIMEOUT_MS = 120_000;
const client = new cassandra.Client({
  contactPoints, localDataCenter, socketOptions: { readTimeout: READ_TIMEOUT_MS },
  pooling: { coreConnectionsPerHost: { [cassandra.types.distance.local]: 1 } },
});
await client.connect();
let next = from;
let done = 0;
let maxLatencyMs = 0;
const started = performance.now();
async function worker() {
  while (next < to) {
    const k = next++;
    const t = performance.now();
    await client.execute(INSERT, [k, String(k).padStart(20, '0')], { prepare: true });
    maxLatencyMs = Math.max(maxLatencyMs, performance.now() - t);
    if (++done % PROGRESS_EVERY === 0) console.log(JSON.stringify({ progress: done }));
  }
}
try {
  await Promise.all(Array.from({ length: inFlight }, worker));
  console.log(JSON.stringify({ rows: done, ms: performance.now() - started, maxLatencyMs }));
} finally {
  await client.shutdown();
}
