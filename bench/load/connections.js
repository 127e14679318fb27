// Issue 13, load: many raw CQL connections, each keeping a fixed number of prepared INSERTs in flight for a
// bounded time, against one node in a process of its own whose resident memory is sampled every second.
// Half the connections ask THROW_ON_OVERLOAD=1 in their STARTUP (they get Overloaded past the node's in-flight
// byte limits and send again after a short pause); the others get backpressure (the node stops reading them).
// Connections come from several 127.0.0.x addresses so that the per-address limit plays too.
// Run: node scripts/build.js && node bench/load/connections.js
// Env: LOAD_CONNECTIONS (1000), LOAD_IN_FLIGHT (128 per connection), LOAD_SECONDS (20), LOAD_TIMEOUT_MS (10000),
// LOAD_SOURCES (source addresses 127.0.0.1.., 8), LOAD_LIMIT_BYTES (node limit, 4 MiB), LOAD_LIMIT_PER_IP_BYTES (1 MiB),
// LOAD_DELAY_MS (each INSERT answered after this delay, a stand-in for a slow replica, so that the wanted requests
// really pile up in the node: 1000; see server.js).
// Mind `ulimit -n`: the client and the server each hold one descriptor per connection.
import { connect } from 'node:net';
import { Child } from '../lib/child.js';
import { distEntry, benchDir } from '../lib/paths.js';

const env = (name, fallback) => (process.env[name] === undefined ? fallback : Number(process.env[name]));
const CONNECTIONS = env('LOAD_CONNECTIONS', 1000);
const IN_FLIGHT = env('LOAD_IN_FLIGHT', 128);
const SECONDS = env('LOAD_SECONDS', 20);
const TIMEOUT_MS = env('LOAD_TIMEOUT_MS', 10_000);
const SOURCES = env('LOAD_SOURCES', 8);
const LIMIT = env('LOAD_LIMIT_BYTES', 4 * 1024 * 1024);
const LIMIT_PER_IP = env('LOAD_LIMIT_PER_IP_BYTES', 1024 * 1024);
const DELAY_MS = env('LOAD_DELAY_MS', 1000);
/** After the load window, how long answers are awaited before the rest count as timed out. */
const DRAIN_MS = TIMEOUT_MS;
const OVERLOADED_RETRY_MS = 5;

const OP = { ERROR: 0x00, STARTUP: 0x01, READY: 0x02, QUERY: 0x07, RESULT: 0x08, PREPARE: 0x09, EXECUTE: 0x0a };
const OVERLOADED = 0x1001;

function envelope(opcode, stream, body) {
  const header = Buffer.alloc(9);
  header.writeUInt8(4, 0);
  header.writeInt16BE(stream, 2);
  header.writeUInt8(opcode, 4);
  header.writeUInt32BE(body.length, 5);
  return Buffer.concat([header, body]);
}
const longString = (s) => { const b = Buffer.from(s); const n = Buffer.alloc(4); n.writeInt32BE(b.length); return Buffer.concat([n, b]); };
const bytesValue = (b) => { const n = Buffer.alloc(4); n.writeInt32BE(b.length); return Buffer.concat([n, b]); };
function stringMap(map) {
  const parts = [Buffer.from([0, Object.keys(map).length])];
  for (const [k, v] of Object.entries(map)) for (const s of [k, v]) { const b = Buffer.from(s); const n = Buffer.alloc(2); n.writeUInt16BE(b.length); parts.push(n, b); }
  return Buffer.concat(parts);
}
const queryBody = (cql) => Buffer.concat([longString(cql), Buffer.from([0x00, 0x01, 0x00])]);
function executeBody(id, k) {
  const idLength = Buffer.alloc(2);
  idLength.writeUInt16BE(id.length);
  const key = Buffer.alloc(4);
  key.writeInt32BE(k);
  // consistency ONE, flags: values; two values.
  return Buffer.concat([idLength, id, Buffer.from([0x00, 0x01, 0x01, 0x00, 0x02]), bytesValue(key), bytesValue(Buffer.from('twenty bytes of text'))]);
}

const stats = { answered: 0, answeredThrowOnOverload: 0, overloaded: 0, timedOut: 0, lateAnswers: 0, errors: 0, errorSamples: new Map(), connectFailures: 0, closedByServer: 0 };

/** One raw connection: the envelope layer, one callback per answered stream. */
class RawConnection {
  constructor(socket) {
    this.socket = socket;
    this.pending = Buffer.alloc(0);
    this.handlers = new Map();
    this.closed = false;
    socket.on('data', (chunk) => this.onData(chunk));
    socket.on('error', () => {});
    socket.on('close', () => { this.closed = true; });
  }

  static open(port, localAddress) {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port, localAddress });
      socket.once('connect', () => { socket.setNoDelay(true); resolve(new RawConnection(socket)); });
      socket.once('error', reject);
    });
  }

  request(opcode, stream, body) {
    return new Promise((resolve) => { this.handlers.set(stream, resolve); this.socket.write(envelope(opcode, stream, body)); });
  }

  onData(chunk) {
    let data = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    let at = 0;
    while (data.length - at >= 9) {
      const length = data.readUInt32BE(at + 5);
      if (data.length - at < 9 + length) break;
      const stream = data.readInt16BE(at + 2);
      const opcode = data.readUInt8(at + 4);
      const body = data.subarray(at + 9, at + 9 + length);
      at += 9 + length;
      const handler = this.handlers.get(stream);
      if (handler !== undefined) handler({ opcode, body });
    }
    this.pending = at === data.length ? Buffer.alloc(0) : Buffer.from(data.subarray(at));
  }
}

function errorOf(body) {
  return { code: body.readInt32BE(0), message: body.subarray(6, 6 + body.readUInt16BE(4)).toString() };
}

async function ready(connection, options) {
  const reply = await connection.request(OP.STARTUP, 0, stringMap({ CQL_VERSION: '3.0.0', ...options }));
  if (reply.opcode !== OP.READY) throw new Error(`STARTUP answered with opcode ${reply.opcode}`);
}

/** Keeps IN_FLIGHT INSERTs going on `connection` until `deadline`; each stream's answer sends the next. */
function drive(connection, id, throwOnOverload, deadline, sentAt, marked) {
  let next = 0;
  const send = (stream) => {
    if (Date.now() >= deadline || connection.closed) { connection.handlers.delete(stream); return; }
    sentAt[stream] = Date.now();
    marked[stream] = 0;
    connection.socket.write(envelope(OP.EXECUTE, stream, executeBody(id, next++)));
  };
  for (let stream = 1; stream <= IN_FLIGHT; stream++) {
    connection.handlers.set(stream, ({ opcode, body }) => {
      if (marked[stream] === 1) stats.lateAnswers++;
      else if (opcode === OP.RESULT) {
        stats.answered++;
        if (throwOnOverload) stats.answeredThrowOnOverload++;
      }
      else {
        const error = errorOf(body);
        if (error.code === OVERLOADED) {
          stats.overloaded++;
          sentAt[stream] = 0;
          setTimeout(() => send(stream), OVERLOADED_RETRY_MS);
          return;
        }
        stats.errors++;
        const key = `0x${error.code.toString(16)} ${error.message.slice(0, 80)}`;
        stats.errorSamples.set(key, (stats.errorSamples.get(key) ?? 0) + 1);
      }
      sentAt[stream] = 0;
      send(stream);
    });
    send(stream);
  }
}

async function main() {
  const child = new Child([`${benchDir}/load/server.js`, distEntry, JSON.stringify({
    address: '127.0.0.1', nativeTransportMaxConcurrentRequestsInBytes: LIMIT, nativeTransportMaxConcurrentRequestsInBytesPerIp: LIMIT_PER_IP,
  }), String(DELAY_MS)]);
  try {
    const { port } = JSON.parse(await child.waitForLine((l) => l.startsWith('{'), 30_000, 'the node to listen'));
    const sampler = new Child([`${benchDir}/load/rss-sampler.js`, String(child.pid)]);
    const rss = [];
    sampler.onLine((line) => rss.push(JSON.parse(line)));

    const setup = await RawConnection.open(port, '127.0.0.1');
    await ready(setup, {});
    for (const cql of ["CREATE KEYSPACE IF NOT EXISTS load WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}",
      'CREATE TABLE IF NOT EXISTS load.kv (k int PRIMARY KEY, v text)']) {
      const reply = await setup.request(OP.QUERY, 1, queryBody(cql));
      if (reply.opcode !== OP.RESULT) throw new Error(`${cql}: ${errorOf(reply.body).message}`);
    }
    setup.socket.destroy();

    const opened = [];
    const started = Date.now();
    for (let i = 0; i < CONNECTIONS; i += 50) {
      const batch = [];
      for (let j = i; j < Math.min(i + 50, CONNECTIONS); j++) {
        batch.push((async () => {
          const connection = await RawConnection.open(port, `127.0.0.${1 + (j % SOURCES)}`);
          const throwOnOverload = j % 2 === 0;
          await ready(connection, throwOnOverload ? { THROW_ON_OVERLOAD: '1' } : {});
          const prepared = await connection.request(OP.PREPARE, 1, longString('INSERT INTO load.kv (k, v) VALUES (?, ?)'));
          if (prepared.opcode !== OP.RESULT) throw new Error(`PREPARE: ${errorOf(prepared.body).message}`);
          const id = Buffer.from(prepared.body.subarray(6, 6 + prepared.body.readUInt16BE(4)));
          return { connection, id, throwOnOverload };
        })().catch(() => { stats.connectFailures++; return null; }));
      }
      opened.push(...(await Promise.all(batch)).filter((c) => c !== null));
    }
    const connectMs = Date.now() - started;
    const loadStartSample = rss.length;

    const loadStart = Date.now();
    const deadline = loadStart + SECONDS * 1000;
    const tracked = opened.map(({ connection, id, throwOnOverload }) => {
      const sentAt = new Float64Array(IN_FLIGHT + 1);
      const marked = new Uint8Array(IN_FLIGHT + 1);
      drive(connection, id, throwOnOverload, deadline, sentAt, marked);
      return { connection, sentAt, marked };
    });
    /** Requests outstanding longer than the timeout count once as timed out; their answer, if any, as late. */
    const sweep = () => {
      const now = Date.now();
      for (const { sentAt, marked } of tracked) {
        for (let s = 1; s <= IN_FLIGHT; s++) {
          if (sentAt[s] !== 0 && marked[s] === 0 && now - sentAt[s] > TIMEOUT_MS) { marked[s] = 1; stats.timedOut++; }
        }
      }
    };
    const outstanding = () => tracked.reduce((n, t) => n + t.sentAt.reduce((m, v, s) => m + (s > 0 && v !== 0 && t.marked[s] === 0 ? 1 : 0), 0), 0);
    await new Promise((resolve) => {
      const timer = setInterval(() => {
        sweep();
        const drained = Date.now() >= deadline && outstanding() === 0;
        if (drained || Date.now() >= deadline + DRAIN_MS || child.exit !== null) { clearInterval(timer); resolve(); }
      }, 1000);
    });
    sweep();
    const stillOutstanding = outstanding();
    stats.timedOut += stillOutstanding;
    const loadMs = Date.now() - loadStart;
    stats.closedByServer = tracked.filter((t) => t.connection.closed).length;
    for (const { connection } of tracked) connection.socket.destroy();

    // The node is still up if a fresh connection gets READY.
    let stayedUp = child.exit === null;
    if (stayedUp) {
      const probe = await RawConnection.open(port, '127.0.0.1');
      stayedUp = await ready(probe, {}).then(() => true, () => false);
      probe.socket.destroy();
    }
    await sampler.stop();
    const mibs = rss.map((r) => r.mib);
    const report = {
      connections: CONNECTIONS, opened: opened.length, connectFailures: stats.connectFailures, connectMs,
      inFlightPerConnection: IN_FLIGHT, delayMs: DELAY_MS, loadSeconds: SECONDS, loadAndDrainMs: loadMs, limitBytes: LIMIT, limitPerIpBytes: LIMIT_PER_IP, sources: SOURCES,
      answered: stats.answered, answeredOnThrowOnOverloadConnections: stats.answeredThrowOnOverload, answeredPerSecond: Math.round(stats.answered / SECONDS), overloaded: stats.overloaded,
      timedOut: stats.timedOut, outstandingAtEnd: stillOutstanding, lateAnswers: stats.lateAnswers, errors: stats.errors,
      errorSamples: Object.fromEntries(stats.errorSamples), closedByServer: stats.closedByServer, stayedUp,
      rssMiB: { start: mibs[0], peak: Math.max(...mibs), end: mibs[mibs.length - 1], loadStartSample, samples: rss.map((r) => r.mib.toFixed(0)).join(' ') },
    };
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await child.stop();
  }
}

await main();
