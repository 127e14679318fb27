/**
 * Mutations of the fields of a request body: each bends one notation the way a buggy client would,
 * and some know the error the request must then get (when it is the only mutation).
 */
import { cloneFields, type Dice, type Field, type ScalarField, type SizedField } from './fields.js';

interface Slot {
  readonly container: Field[];
  readonly index: number;
  readonly field: Field;
}

function slots(fields: Field[]): Slot[] {
  return fields.flatMap((field, index) => {
    const own = { container: fields, index, field };
    return 'inner' in field && field.inner !== undefined ? [own, ...slots(field.inner)] : [own];
  });
}

const isSized = (f: Field): f is SizedField => !('role' in f);
const hasRole = (role: ScalarField['role']) => (f: Field): f is ScalarField => 'role' in f && f.role === role;

/** Never UTF-8, wherever they are inserted into UTF-8 text. */
const INVALID_UTF8 = [[0xff], [0xc3, 0x28], [0xf0, 0x9f, 0x98], [0xe2, 0x82], [0x80]];
/**
 * Refused by Java's decoder (so in a [string]), but accepted by Cassandra's UTF8Type validator in text
 * values: an encoded surrogate, modified UTF-8's NUL, a code point above U+10FFFF.
 */
const LENIENT_UTF8 = [[0xed, 0xa0, 0x80], [0xc0, 0x80], [0xf4, 0x90, 0x80, 0x80]];

const PROTOCOL_ERROR = 0x000a;
const SYNTAX_ERROR = 0x2000;
const INVALID = 0x2200;

/**
 * Statements with literals out of their type's range, or otherwise refused, on the fuzz table, with the
 * error Cassandra answers wherever they are sent (QUERY, PREPARE, a BATCH child). The LIMIT and TTL
 * values are checked when the statement runs, not when it is prepared ('executed').
 */
const REFUSED_STATEMENTS = (ks: string): [string, number, ('executed' | 'prepared')?][] => [
  [`SELECT k FROM ${ks}.fuzz WHERE k = 2147483648`, INVALID],
  [`SELECT k FROM ${ks}.fuzz WHERE k = -2147483649`, INVALID],
  [`SELECT k FROM ${ks}.fuzz WHERE k = 1.7976931348623157E309`, INVALID],
  [`SELECT k FROM ${ks}.fuzz WHERE k = 0xabc`, INVALID],
  [`SELECT k FROM ${ks}.fuzz WHERE token(k) > 9223372036854775808`, INVALID],
  [`SELECT k FROM ${ks}.fuzz LIMIT 0`, INVALID, 'executed'],
  [`SELECT k FROM ${ks}.fuzz LIMIT 2147483648`, INVALID],
  [`INSERT INTO ${ks}.fuzz (k, t) VALUES (99999999999999999999, 'x')`, INVALID],
  [`INSERT INTO ${ks}.fuzz (k, l) VALUES (5000, [2147483648])`, INVALID],
  [`INSERT INTO ${ks}.fuzz (k, m) VALUES (5001, {'a': 1e400})`, INVALID],
  [`INSERT INTO ${ks}.fuzz (k, t) VALUES (5002, 'x') USING TTL 999999999`, INVALID, 'executed'],
  [`INSERT INTO ${ks}.fuzz (k, t) VALUES (5003, 'x') USING TTL -1`, INVALID, 'executed'],
  [`INSERT INTO ${ks}.fuzz (k, t) VALUES (5004, 'x') USING TIMESTAMP 9223372036854775808`, INVALID],
  [`SELECT k FROM ${ks}.fuzz WHERE k = ? AND k = ?`, INVALID],
  [`SELECT k FROM ${ks}.fuzz WHERE k = 1e`, SYNTAX_ERROR],
  ['', SYNTAX_ERROR],
];

/** One applied mutation; `expectedCode` is the error the request then gets when it is the only one. */
interface Step {
  readonly description: string;
  readonly expectedCode?: number;
}

type FieldMutation = (all: Slot[], dice: Dice, keyspace: string) => Step | string | undefined;

function pickSlot(all: Slot[], dice: Dice, accept: (f: Field) => boolean): Slot | undefined {
  const candidates = all.filter((s) => accept(s.field));
  return candidates.length === 0 ? undefined : dice.pick(candidates);
}

const lieAboutLength: FieldMutation = (all, dice) => {
  const slot = pickSlot(all, dice, isSized);
  if (slot === undefined || !isSized(slot.field)) return undefined;
  const field = slot.field;
  const real = 'inner' in field && field.inner !== undefined ? -1 : field.data.length;
  const short = field.kind === 'string' || field.kind === 'short-bytes';
  const lies = short
    ? [0, real + 1, real + 1 + dice.int(300), 0xffff, 0x7fff, Math.max(0, real - 1)]
    : [-1, -2, -3, -(2 ** 31), 2 ** 31 - 1, real + 1, real + 1 + dice.int(5000), Math.max(0, real - 1), 0];
  field.length = dice.pick(lies);
  return `${field.kind} length ${field.length}`;
};

const breakUtf8: FieldMutation = (all, dice) => {
  const slot = pickSlot(all, dice, (f) => isSized(f) && f.text);
  if (slot === undefined || !isSized(slot.field)) return undefined;
  const field = slot.field;
  const at = dice.int(field.data.length + 1);
  const lenient = dice.chance(0.3);
  const bad = Buffer.from(dice.pick(lenient ? LENIENT_UTF8 : INVALID_UTF8));
  field.data = Buffer.concat([field.data.subarray(0, at), bad, field.data.subarray(at)]);
  // Cassandra's CBUtil refuses such [string]s; a text value fails UTF8Type validation instead, when it is bound.
  const expectedCode = field.kind !== 'value' ? PROTOCOL_ERROR : lenient || field.boundIfApplied === true ? undefined : INVALID;
  const description = `invalid UTF-8 ${bad.toString('hex')} in a ${field.kind} at ${at}`;
  return expectedCode === undefined ? description : { description, expectedCode };
};

const miscount: FieldMutation = (all, dice) => {
  const slot = pickSlot(all, dice, hasRole('count'));
  if (slot === undefined || !hasRole('count')(slot.field)) return undefined;
  const field = slot.field;
  const wide = field.kind === 'int';
  field.value = BigInt(dice.pick([0, Number(field.value) + 1, Number(field.value) + 2, Number(field.value) - 1, 0xffff, 0x7fff, ...(wide ? [2 ** 31 - 1, -1] : [])]));
  return `count ${field.value}`;
};

const setFlagBits: FieldMutation = (all, dice) => {
  const slot = pickSlot(all, dice, hasRole('flags'));
  if (slot === undefined || !hasRole('flags')(slot.field)) return undefined;
  const field = slot.field;
  const bits = field.kind === 'byte' ? 8 : dice.chance(0.7) ? 9 : 32;
  field.value = dice.chance(0.1) ? BigInt(2 ** (field.kind === 'byte' ? 8 : 32) - 1) : field.value ^ (1n << BigInt(dice.int(bits)));
  return `flags 0x${field.value.toString(16)}`;
};

const badConsistency: FieldMutation = (all, dice) => {
  const slot = pickSlot(all, dice, hasRole('consistency'));
  if (slot === undefined || !hasRole('consistency')(slot.field)) return undefined;
  slot.field.value = BigInt(dice.pick([0, 5, 7, 8, 9, 11, 12, 0x8000, 0xffff, dice.int(0x10000)]));
  return `consistency ${slot.field.value}`;
};

const extremeNumber: FieldMutation = (all, dice) => {
  const slot = pickSlot(all, dice, hasRole('number'));
  if (slot === undefined || !hasRole('number')(slot.field)) return undefined;
  const field = slot.field;
  field.value = field.kind === 'long'
    ? dice.pick([-(2n ** 63n), 2n ** 63n - 1n, 0n, -1n, dice.int64()])
    : BigInt(dice.pick([0, -1, 1, 2 ** 31 - 1, -(2 ** 31), dice.uint32() | 0]));
  return `${field.kind} ${field.value}`;
};

const badKind: FieldMutation = (all, dice) => {
  const slot = pickSlot(all, dice, hasRole('kind'));
  if (slot === undefined || !hasRole('kind')(slot.field)) return undefined;
  slot.field.value = BigInt(dice.pick([2, 3, 0x80, 0xff, dice.int(256)]));
  return `kind byte ${slot.field.value}`;
};

/** New contents for a value, a prepared or metadata id, a paging state: cut, extended, or random. */
const reshapeBytes: FieldMutation = (all, dice) => {
  const slot = pickSlot(all, dice, (f) => isSized(f) && !f.text);
  if (slot === undefined || !isSized(slot.field)) return undefined;
  const field = slot.field;
  const data = 'inner' in field && field.inner !== undefined ? Buffer.alloc(dice.int(9)) : field.data;
  delete field.inner;
  delete field.length;
  field.data = dice.pick([
    data.subarray(0, dice.int(data.length + 1)),
    Buffer.concat([data, dice.bytes(1 + dice.int(8))]),
    dice.bytes(dice.int(13)),
  ]);
  return `${field.kind} of ${field.data.length} bytes ${field.data.toString('hex')}`;
};

const dropField: FieldMutation = (all, dice) => {
  if (all.length === 0) return undefined;
  const slot = dice.pick(all);
  slot.container.splice(slot.index, 1);
  return `field ${slot.index} (${slot.field.kind}) dropped`;
};

const duplicateField: FieldMutation = (all, dice) => {
  if (all.length === 0) return undefined;
  const slot = dice.pick(all);
  slot.container.splice(slot.index, 0, ...cloneFields([slot.field]));
  return `field ${slot.index} (${slot.field.kind}) duplicated`;
};

const refusedStatement: FieldMutation = (all, dice, keyspace) => {
  const slot = pickSlot(all, dice, (f) => isSized(f) && f.statement !== undefined);
  if (slot === undefined || !isSized(slot.field)) return undefined;
  const [text, code, checked] = dice.pick(REFUSED_STATEMENTS(keyspace));
  slot.field.data = Buffer.from(text, 'utf8');
  const description = `statement "${text}"`;
  return checked === 'executed' && slot.field.statement !== 'executed' ? description : { description, expectedCode: code };
};

const FIELD_MUTATIONS: readonly FieldMutation[] = [
  lieAboutLength, lieAboutLength, breakUtf8, breakUtf8, miscount, setFlagBits, setFlagBits, badConsistency,
  extremeNumber, badKind, reshapeBytes, reshapeBytes, dropField, duplicateField, refusedStatement,
];

export interface FieldMutations {
  readonly steps: string[];
  /** The error code the request must get, when the one mutation applied determines it. */
  readonly expectedCode: number | undefined;
}

/** Applies up to `count` field mutations in place. */
export function mutateFields(fields: Field[], count: number, dice: Dice, keyspace: string): FieldMutations {
  const applied: Step[] = [];
  for (let attempt = 0; applied.length < count && attempt < count * 8; attempt++) {
    const step = dice.pick(FIELD_MUTATIONS)(slots(fields), dice, keyspace);
    if (step !== undefined) applied.push(typeof step === 'string' ? { description: step } : step);
  }
  return { steps: applied.map((s) => s.description), expectedCode: applied.length === 1 ? applied[0]!.expectedCode : undefined };
}
