/**
 * Judging how the server reacted to one fuzzed request: every reply must be a well-formed frame (an
 * ERROR with a known code other than SERVER_ERROR and a message, or READY/SUPPORTED/RESULT), on the
 * request's stream, in time; closing is allowed only where the mutation broke the byte stream.
 */
import { ErrorCode, Opcode, type RawCqlConnection, type RawFrame } from '../raw-cql-connection.js';
import type { Effect } from './envelope-mutations.js';

/** Longest silence tolerated from the server. */
export const REPLY_TIMEOUT_MS = 2_000;
/** The stream of the OPTIONS sent after a request to show the connection still works; mutations avoid it. */
export const PROBE_STREAM = 32_767;

const KNOWN_ERROR_CODES = new Set<number>(Object.values(ErrorCode));
const REPLY_OPCODES = new Set<number>([Opcode.ERROR, Opcode.READY, Opcode.AUTHENTICATE, Opcode.SUPPORTED, Opcode.RESULT]);
const RESULT_KINDS = new Set([1, 2, 3, 4, 5]);

/** Reads an ERROR body defensively: a malformed one is itself a finding (returned as a string). */
export function readError(body: Buffer): { code: number; message: string } | string {
  if (body.length < 6) return `ERROR body of ${body.length} bytes`;
  const length = body.readUInt16BE(4);
  if (body.length < 6 + length) return `ERROR message of ${length} bytes in a ${body.length}-byte body`;
  return { code: body.readInt32BE(0), message: body.subarray(6, 6 + length).toString('utf8') };
}

/** What is wrong with a reply, if anything; `body` is its body, decompressed. */
function replyProblem(reply: RawFrame, body: Buffer, version: number): string | undefined {
  if (!reply.isResponse) return 'reply without the response bit';
  if (reply.version !== version) return `reply in v${reply.version} on a v${version} connection`;
  if (!REPLY_OPCODES.has(reply.opcode)) return `reply with opcode 0x${reply.opcode.toString(16)}`;
  if (reply.opcode === Opcode.RESULT && (body.length < 4 || !RESULT_KINDS.has(body.readInt32BE(0)))) {
    return `malformed RESULT ${body.subarray(0, 16).toString('hex')}`;
  }
  if (reply.opcode !== Opcode.ERROR) return undefined;
  const error = readError(body);
  if (typeof error === 'string') return error;
  if (!KNOWN_ERROR_CODES.has(error.code)) return `unknown error code 0x${error.code.toString(16)}: ${error.message}`;
  if (error.message.length === 0) return `error 0x${error.code.toString(16)} without a message`;
  if (error.code === ErrorCode.SERVER_ERROR) return `SERVER_ERROR: ${error.message}`;
  return undefined;
}

/** A reply other than the ERROR the request must get. */
function unexpectedReply(reply: RawFrame, body: Buffer, expectedCode: number | undefined): string | undefined {
  if (expectedCode === undefined) return undefined;
  const error = reply.opcode === Opcode.ERROR ? readError(body) : undefined;
  if (typeof error === 'object' && error.code === expectedCode) return undefined;
  const got = typeof error === 'object' ? `ERROR 0x${error.code.toString(16)}: ${error.message}` : `opcode 0x${reply.opcode.toString(16)}`;
  return `expected ERROR 0x${expectedCode.toString(16)}, got ${got}`;
}

export interface Expectation {
  /** The stream the reply must come on. */
  readonly stream: number;
  readonly version: number;
  readonly effect: Effect;
  /** Whether an OPTIONS on PROBE_STREAM followed the request. */
  readonly probed: boolean;
  /** The error code the reply must carry, when the mutation determines it. */
  readonly expectedCode?: number | undefined;
  /** Decompresses the body of a reply that has the compression flag (v3/v4 with COMPRESSION). */
  readonly inflate?: ((body: Buffer) => Buffer) | undefined;
}

/** How a connection reacted to one request. */
export interface Outcome {
  readonly reply: RawFrame | undefined;
  /** The reply's body, decompressed. */
  readonly body: Buffer;
  readonly closed: boolean;
  readonly problems: string[];
}

/** The message of a body, after the tracing id, warnings and custom payload its flags announce. */
function skipPrefixes(body: Buffer, flags: number): Buffer | string {
  let at = (flags & 0x02) !== 0 ? 16 : 0;
  try {
    if ((flags & 0x08) !== 0) {
      const count = body.readUInt16BE(at);
      at += 2;
      for (let i = 0; i < count; i++) at += 2 + body.readUInt16BE(at);
    }
    if ((flags & 0x04) !== 0) {
      const count = body.readUInt16BE(at);
      at += 2;
      for (let i = 0; i < count; i++) {
        at += 2 + body.readUInt16BE(at);
        at += 4 + Math.max(0, body.readInt32BE(at));
      }
    }
  } catch {
    return `reply flags 0x${flags.toString(16)} announce more than its body holds`;
  }
  return at <= body.length ? body.subarray(at) : `reply flags 0x${flags.toString(16)} announce more than its body holds`;
}

/** The reply's message body: decompressed, prefixes skipped; or what is wrong with it. */
function bodyOf(reply: RawFrame, inflate: Expectation['inflate']): Buffer | string {
  let body = reply.body;
  if ((reply.flags & 0x01) !== 0 && reply.version < 5) {
    if (inflate === undefined) return 'compressed reply on a connection without compression';
    try {
      body = inflate(body);
    } catch (e) {
      return `undecodable compressed reply: ${(e as Error).message}`;
    }
  }
  return skipPrefixes(body, reply.flags);
}

/**
 * Collects the reply (and the probe's SUPPORTED when one was sent) until the expectation is met, the
 * server closes, or REPLY_TIMEOUT_MS of silence.
 */
export async function observe(connection: RawCqlConnection, expected: Expectation): Promise<Outcome> {
  const { stream, effect, probed } = expected;
  const problems: string[] = [];
  let reply: RawFrame | undefined;
  let body: Buffer = Buffer.alloc(0);
  let probeAnswered = false;
  while (effect === 'close' || reply === undefined || (probed && !probeAnswered)) {
    let next: RawFrame;
    try {
      next = await connection.nextFrame(REPLY_TIMEOUT_MS);
    } catch {
      break;
    }
    if (next.opcode === Opcode.EVENT && next.stream === -1) continue;
    if (next.stream === stream && reply === undefined) {
      reply = next;
      const inflated = bodyOf(next, expected.inflate);
      if (typeof inflated === 'string') problems.push(inflated);
      else body = inflated;
      const problem = replyProblem(next, body, expected.version) ?? unexpectedReply(next, body, expected.expectedCode);
      if (problem !== undefined) problems.push(problem);
    } else if (probed && next.stream === PROBE_STREAM && next.opcode === Opcode.SUPPORTED) {
      probeAnswered = true;
    } else if (effect === 'answer') {
      problems.push(`unexpected frame: opcode 0x${next.opcode.toString(16)} on stream ${next.stream}`);
    }
  }
  const closed = connection.isClosed;
  if (effect === 'answer' && reply === undefined) problems.push(closed ? 'closed instead of answering' : `no reply within ${REPLY_TIMEOUT_MS} ms`);
  if (effect === 'answer' && reply !== undefined && probed && !probeAnswered) problems.push(closed ? 'closed after answering' : 'the next request was not answered');
  if (effect === 'tainted' && reply === undefined && !closed) problems.push(`neither a reply nor a close within ${REPLY_TIMEOUT_MS} ms`);
  if (effect === 'close' && !closed) problems.push(`not closed within ${REPLY_TIMEOUT_MS} ms`);
  problems.push(...connection.framingErrors.splice(0));
  return { reply, body, closed, problems };
}

const hex = (bytes: Buffer): string => (bytes.length > 240 ? `${bytes.subarray(0, 240).toString('hex')}… (${bytes.length} bytes)` : bytes.toString('hex'));

/** Tallies replies per kind and collects findings, each with what reproduces it. */
export class FuzzReport {
  readonly findings: string[] = [];
  private readonly tally = new Map<string, number>();

  constructor(private readonly seed: number, private readonly session: string, private readonly maxFindings = 8) {}

  record(i: number, request: string, steps: readonly string[], wire: Buffer, outcome: Outcome): void {
    const { reply, body } = outcome;
    const kind = reply === undefined ? (outcome.closed ? 'closed' : 'silent')
      : reply.opcode === Opcode.ERROR && body.length >= 4 ? `ERROR 0x${body.readInt32BE(0).toString(16)}`
      : `opcode 0x${reply.opcode.toString(16)}`;
    this.tally.set(kind, (this.tally.get(kind) ?? 0) + 1);
    for (const problem of outcome.problems) {
      this.findings.push(`CASSANOVA_SEED=${this.seed} ${this.session} #${i} ${request} [${steps.join('; ')}]: ${problem}\n  sent ${hex(wire)}`);
    }
  }

  get full(): boolean {
    return this.findings.length >= this.maxFindings;
  }

  /** Replies per kind, e.g. "v4: ERROR 0xa ×423, opcode 0x8 ×27, ...". */
  summary(): string {
    return `${this.session}: ${[...this.tally].map(([k, n]) => `${k} ×${n}`).join(', ')}`;
  }
}
