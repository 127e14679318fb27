/**
 * Seeded fuzzing of the native transport (issue 2). Well-formed STARTUP, OPTIONS, QUERY, PREPARE,
 * EXECUTE, BATCH and REGISTER requests in v3, v4 (plain or compressed) and v5 (in segments) are bent
 * by a few mutations each (support/fuzz/) and sent on raw connections. Every one must be answered on
 * its stream with a well-formed frame (an ERROR with a known code other than SERVER_ERROR and a
 * message, or READY/SUPPORTED/RESULT) and leave its connection serving; only a request that breaks the
 * byte stream or the v5 framing may instead get its connection closed. Never silence. Between batches
 * the driver's connection and a bystander raw connection must still be served, and no internal error
 * may have been logged. CASSANOVA_SEED picks the requests (default 7); every finding names the seed.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { compressBody, decompressBody, type BodyCompression } from '../support/body-compression.js';
import { Dice, cloneFields, encodeFields } from '../support/fuzz/fields.js';
import { mutateFields } from '../support/fuzz/field-mutations.js';
import {
  envelopeBytes, frameEnvelope, mutateEnvelope, planEnvelope, replyStream, worse, type EnvelopePlan,
} from '../support/fuzz/envelope-mutations.js';
import { FuzzReport, PROBE_STREAM, REPLY_TIMEOUT_MS, observe } from '../support/fuzz/outcome.js';
import {
  insertStatement, pagedSelect, selectStatement, startupRequest, validRequest, type FuzzContext, type RequestTemplate,
} from '../support/fuzz/requests.js';
import { isExternalTarget, uniqueName, useNodeTarget } from '../support/node-client.js';
import { ErrorCode, frame, openReadyConnection, Opcode, RawCqlConnection, startupBody, type RawFrame } from '../support/raw-cql-connection.js';
import { segment, segmentsOf } from '../support/v5-segments.js';

const SEED = Number(process.env['CASSANOVA_SEED'] ?? 7);
/** Multiplies the number of requests, for longer campaigns than the default ~2000 (and their timeouts). */
const SCALE = Number(process.env['CASSANOVA_FUZZ_SCALE'] ?? 1);
const TIMEOUT_MS = 30_000 * SCALE;
const CHECK_EVERY = 50;

/** A kind of connection to fuzz: its protocol version and, before v5, its body compression. */
interface Session {
  readonly version: 3 | 4 | 5;
  readonly compression?: BodyCompression;
}
const sessionName = (s: Session): string => `v${s.version}${s.compression === undefined ? '' : ` ${s.compression}`}`;

const target = useNodeTarget('fuzz', { keyspace: false });
let context: FuzzContext;
const opened: RawCqlConnection[] = [];
const internalErrors: string[] = [];
const onWarning = (warning: Error): void => {
  if (warning.name === 'CassanovaWarning') internalErrors.push(warning.message);
};

/** A raw connection, after a successful STARTUP unless `ready` is false. */
async function open(session: Session, ready = true): Promise<RawCqlConnection> {
  const connection = await RawCqlConnection.open(target.contactPoints[0]!);
  opened.push(connection);
  if (!ready) return connection;
  const options: Record<string, string> = session.compression === undefined ? {} : { COMPRESSION: session.compression };
  connection.send(frame(Opcode.STARTUP, 0, startupBody(options), session.version));
  const reply = await connection.nextFrame();
  if (reply.opcode !== Opcode.READY) throw new Error(`${sessionName(session)} STARTUP answered with opcode ${reply.opcode}`);
  if (session.version === 5) connection.startFraming();
  return connection;
}

/** Writes an envelope as the connection's version wants it: plain, or in segments. */
const wrap = (version: number, envelope: Buffer): Buffer => (version === 5 ? segmentsOf(envelope) : envelope);

async function prepare(connection: RawCqlConnection, statement: string): Promise<{ id: Buffer; metadataId: Buffer }> {
  const text = Buffer.from(statement, 'utf8');
  const body = Buffer.alloc(8 + text.length); // [long string] then v5 PREPARE flags 0
  body.writeInt32BE(text.length, 0);
  text.copy(body, 4);
  connection.send(segment(frame(Opcode.PREPARE, 1, body, 5)));
  const reply = await connection.nextFrame();
  if (reply.opcode !== Opcode.RESULT || reply.body.readInt32BE(0) !== 4) throw new Error(`PREPARE ${statement} failed`);
  const idBytes = reply.body.readUInt16BE(4);
  const metadataBytes = reply.body.readUInt16BE(6 + idBytes);
  return { id: reply.body.subarray(6, 6 + idBytes), metadataId: reply.body.subarray(8 + idBytes, 8 + idBytes + metadataBytes) };
}

beforeAll(async () => {
  process.on('warning', onWarning);
  // A fixed keyspace name on Cassanova keeps statement ids, and so the bytes a seed replays, the same.
  const keyspace = isExternalTarget ? uniqueName('fuzz') : 'protocol_fuzz';
  const client = target.client;
  await client.execute(`CREATE KEYSPACE ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
  await client.execute(`CREATE TABLE ${keyspace}.fuzz (k int PRIMARY KEY, t text, l list<int>, m map<text, int>)`);
  await client.execute(`CREATE TABLE ${keyspace}.fuzz_check (k int PRIMARY KEY, v int)`);
  await client.execute(`INSERT INTO ${keyspace}.fuzz_check (k, v) VALUES (1, 42)`);
  for (let k = 0; k < 5; k++) await client.execute(`INSERT INTO ${keyspace}.fuzz (k, t) VALUES (${k}, 'row ${k}')`);
  const page = await client.execute(pagedSelect(keyspace), [], { fetchSize: 2 });
  if (typeof page.pageState !== 'string') throw new Error('no paging state');
  const connection = await open({ version: 5 });
  const insert = await prepare(connection, insertStatement(keyspace));
  const select = await prepare(connection, selectStatement(keyspace));
  context = {
    keyspace,
    insertId: insert.id,
    insertMetadataId: insert.metadataId,
    selectId: select.id,
    selectMetadataId: select.metadataId,
    pagingState: Buffer.from(page.pageState, 'hex'),
  };
});

afterEach(() => {
  for (const connection of opened.splice(0)) connection.close();
});

afterAll(async () => {
  process.off('warning', onWarning);
  if (isExternalTarget && context !== undefined) await target.client.execute(`DROP KEYSPACE IF EXISTS ${context.keyspace}`);
});

/** The driver's connection and a bystander raw connection are still served. */
async function expectOthersServed(bystander: RawCqlConnection): Promise<void> {
  const result = await target.client.execute(`SELECT v FROM ${context.keyspace}.fuzz_check WHERE k = 1`);
  expect(result.rows.map((r) => r['v'])).toEqual([42]);
  bystander.send(frame(Opcode.OPTIONS, 7));
  const reply = await bystander.nextFrame(REPLY_TIMEOUT_MS);
  expect([reply.opcode, reply.stream]).toEqual([Opcode.SUPPORTED, 7]);
}

/**
 * The version of the reply: the connection's (set by its first request; v4 when that one is refused),
 * but v1/v2 requests are refused in their own layout, as Cassandra does.
 */
function replyVersion(plan: EnvelopePlan, version: number | null): number {
  const requested = plan.version & 0x7f;
  if (requested === 1 || requested === 2) return requested;
  return version ?? (requested >= 3 && requested <= 5 ? requested : 4);
}

/** One mutated request, and the error code it must get when that is known. */
interface MutatedRequest {
  readonly plan: EnvelopePlan;
  readonly expectedCode: number | undefined;
}

/** Field mutations, then (compression and) maybe envelope mutations; a STARTUP once started is refused. */
function mutatedRequest(session: Session, template: RequestTemplate, dice: Dice, started: boolean): MutatedRequest {
  const fields = cloneFields(template.fields);
  const mutated = dice.chance(0.8) ? mutateFields(fields, 1 + dice.int(3), dice, context.keyspace) : { steps: [], expectedCode: undefined };
  const body = encodeFields(fields);
  const compression = session.compression;
  const plan = compression === undefined
    ? planEnvelope(session.version, dice.int(32_000), template.opcode, body)
    : planEnvelope(session.version, dice.int(32_000), template.opcode, compressBody(compression, body), 0x01);
  plan.steps.push(...mutated.steps);
  const envelopeMutated = mutated.steps.length === 0 || dice.chance(0.3);
  if (envelopeMutated) mutateEnvelope(plan, dice, PROBE_STREAM);
  if (started && plan.opcode === Opcode.STARTUP && plan.effect === 'answer') return { plan, expectedCode: ErrorCode.PROTOCOL_ERROR };
  const determined = !envelopeMutated && template.expectedError === undefined;
  return { plan, expectedCode: determined ? mutated.expectedCode : undefined };
}

const inflater = (session: Session): ((body: Buffer) => Buffer) | undefined => {
  const compression = session.compression;
  return compression === undefined ? undefined : (body) => decompressBody(compression, body);
};

async function fuzzStarted(session: Session, requests: number, framingChance = 0): Promise<FuzzReport> {
  const { version } = session;
  const dice = new Dice(SEED * 31 + version * 3 + (session.compression?.length ?? 0));
  const report = new FuzzReport(SEED, sessionName(session));
  const bystander = await open({ version: 4 });
  let connection: RawCqlConnection | null = null;
  for (let i = 0; i < requests && !report.full; i++) {
    connection ??= await open(session);
    const template = validRequest(version, context, dice);
    const { plan, expectedCode } = mutatedRequest(session, template, dice, true);
    let wire = envelopeBytes(plan);
    let effect = plan.effect;
    const steps = [...plan.steps];
    if (version === 5) {
      // Framing is broken only around requests that leave the byte stream in step.
      const framed = frameEnvelope(wire, dice, effect === 'answer' ? framingChance : 0);
      wire = framed.bytes;
      effect = worse(effect, framed.effect);
      if (framed.step !== undefined) steps.push(framed.step);
    }
    const probed = effect === 'answer';
    const probe = probed ? wrap(version, frame(Opcode.OPTIONS, PROBE_STREAM, Buffer.alloc(0), version)) : Buffer.alloc(0);
    connection.send(Buffer.concat([wire, probe]));
    const stream = replyStream(plan);
    const outcome = await observe(connection, { stream, version: replyVersion(plan, version), effect, probed, expectedCode, inflate: inflater(session) });
    report.record(i, template.name, steps, wire, outcome);
    if (effect !== 'answer' || outcome.closed) {
      connection.close();
      connection = null;
    }
    if (i % CHECK_EVERY === CHECK_EVERY - 1) await expectOthersServed(bystander);
  }
  await expectOthersServed(bystander);
  return report;
}

/** STARTUP messages, each on a new connection; after an ERROR the connection must still take OPTIONS. */
async function fuzzStartup(requests: number): Promise<FuzzReport> {
  const dice = new Dice(SEED * 31);
  const report = new FuzzReport(SEED, 'STARTUP');
  const bystander = await open({ version: 4 });
  for (let i = 0; i < requests && !report.full; i++) {
    const session: Session = { version: dice.pick([3, 4, 5] as const) };
    const connection = await open(session, false);
    const template = startupRequest(dice, dice.pick([undefined, undefined, 'lz4', 'snappy', 'LZ4', 'zstd']));
    const { plan, expectedCode } = mutatedRequest(session, template, dice, false);
    const wire = envelopeBytes(plan);
    connection.send(wire);
    const outcome = await observe(connection, { stream: replyStream(plan), version: replyVersion(plan, null), effect: plan.effect, probed: false, expectedCode });
    report.record(i, template.name, plan.steps, wire, outcome);
    // After READY a v5 connection is framed and the others may be compressed: only refused ones are probed.
    if (plan.effect === 'answer' && outcome.reply?.opcode === Opcode.ERROR && !outcome.closed) {
      const probeVersion = outcome.reply.version;
      connection.send(frame(Opcode.OPTIONS, PROBE_STREAM, Buffer.alloc(0), probeVersion));
      const probe = await observe(connection, { stream: PROBE_STREAM, version: probeVersion, effect: 'answer', probed: false });
      report.record(i, 'OPTIONS after a refused STARTUP', plan.steps, wire, probe);
    }
    connection.close();
    if (i % CHECK_EVERY === CHECK_EVERY - 1) await expectOthersServed(bystander);
  }
  return report;
}

function expectNoFindings(report: FuzzReport): void {
  expect(report.findings, `${report.summary()}\n${report.findings.join('\n')}`).toEqual([]);
  expect(internalErrors, `CASSANOVA_SEED=${SEED}: internal errors`).toEqual([]);
}

const SESSIONS: readonly Session[] = [{ version: 3 }, { version: 4 }, { version: 5 }, { version: 4, compression: 'lz4' }, { version: 3, compression: 'snappy' }];

describe(`protocol fuzz (CASSANOVA_SEED=${SEED})`, () => {
  it.each(SESSIONS.map((s) => [sessionName(s), s] as const))('answers the unmutated requests of %s as expected', async (name, session) => {
    const dice = new Dice(SEED * 17 + session.version);
    const connection = await open(session);
    for (let i = 0; i < 40; i++) {
      const template = validRequest(session.version, context, dice);
      const body = encodeFields(template.fields);
      const compressed = session.compression === undefined ? body : compressBody(session.compression, body);
      connection.send(wrap(session.version, frame(template.opcode, i, compressed, session.version, compressed === body ? 0 : 0x01)));
      const expectedCode = template.expectedError;
      const outcome = await observe(connection, { stream: i, version: session.version, effect: 'answer', probed: false, expectedCode, inflate: inflater(session) });
      const reply: RawFrame | undefined = outcome.reply;
      expect([name, template.name, outcome.problems]).toEqual([name, template.name, []]);
      if (expectedCode === undefined) expect(reply?.opcode).not.toBe(Opcode.ERROR);
    }
  });

  it('survives mutated STARTUP messages', async () => {
    expectNoFindings(await fuzzStartup(250 * SCALE));
  }, TIMEOUT_MS);

  it('survives mutated requests on v3 connections', async () => {
    expectNoFindings(await fuzzStarted({ version: 3 }, 300 * SCALE));
  }, TIMEOUT_MS);

  it('survives mutated requests on v4 connections', async () => {
    expectNoFindings(await fuzzStarted({ version: 4 }, 450 * SCALE));
  }, TIMEOUT_MS);

  it('survives mutated requests and broken segments on v5 connections', async () => {
    expectNoFindings(await fuzzStarted({ version: 5 }, 650 * SCALE, 0.3));
  }, TIMEOUT_MS);

  it('survives mutated compressed requests (v4 lz4, v3 snappy)', async () => {
    expectNoFindings(await fuzzStarted({ version: 4, compression: 'lz4' }, 200 * SCALE));
    expectNoFindings(await fuzzStarted({ version: 3, compression: 'snappy' }, 150 * SCALE));
  }, TIMEOUT_MS);

  it('still accepts new connections and clients afterwards', async () => {
    const connection = await openReadyConnection(target.contactPoints[0]!);
    opened.push(connection);
    connection.send(frame(Opcode.OPTIONS, 1));
    expect((await connection.nextFrame()).opcode).toBe(Opcode.SUPPORTED);
    const client = await target.newClient();
    const result = await client.execute(`SELECT v FROM ${context.keyspace}.fuzz_check WHERE k = 1`);
    expect(result.rows.map((r) => r['v'])).toEqual([42]);
  });
});
