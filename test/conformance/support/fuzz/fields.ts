/**
 * Request bodies as the fuzz test sees them: the list of protocol notations they are made of (spec
 * section 3: [short], [string], [value], ...), so that a mutation can bend one of them the way a buggy
 * client would (a length that lies, a count that does not match, flags announcing missing parts,
 * invalid UTF-8). Everything random comes from one Dice, so a seed replays the same requests.
 */
import { SeededRandom } from '../../../../src/common/index.js';

export type ScalarKind = 'byte' | 'short' | 'int' | 'uint' | 'long';
/** What a scalar means, so that mutations pick values that exercise it. */
export type ScalarRole = 'flags' | 'count' | 'consistency' | 'kind' | 'number';
export interface ScalarField {
  readonly kind: ScalarKind;
  readonly role: ScalarRole;
  value: bigint;
}

export type SizedKind = 'string' | 'long-string' | 'short-bytes' | 'bytes' | 'value';
export interface SizedField {
  readonly kind: SizedKind;
  /** The bytes after the length prefix; ignored while `inner` is set. */
  data: Buffer;
  /** UTF-8 text ([string]s, CQL text values): a target for invalid UTF-8. */
  readonly text: boolean;
  /**
   * A value a conditional update binds only once its condition applies (CQL3CasRequest.makeUpdates): Cassandra
   * answers [applied] false without validating it when the condition does not hold.
   */
  readonly boundIfApplied?: boolean;
  /** A CQL statement, executed by the request or only prepared: a target for out-of-range literals. */
  readonly statement?: 'executed' | 'prepared';
  /** A declared length other than the data's (a lie, or −1/−2 for null/unset). */
  length?: number;
  /** A structured value (a collection): its serialized form is the data. */
  inner?: Field[];
}
export type Field = ScalarField | SizedField;

/** The PRNG with the few draws the fuzzer needs. */
export class Dice {
  private readonly random: SeededRandom;
  constructor(readonly seed: number) {
    this.random = new SeededRandom(seed);
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.random.next() * n);
  }
  chance(p: number): boolean {
    return this.random.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)] as T;
  }
  bytes(count: number): Buffer {
    return this.random.bytes(count);
  }
  uint32(): number {
    return this.random.nextUint32();
  }
  int64(): bigint {
    return this.random.nextInt64();
  }
}

const SCALAR_BYTES: Readonly<Record<ScalarKind, number>> = { byte: 1, short: 2, int: 4, uint: 4, long: 8 };

function isScalar(field: Field): field is ScalarField {
  return 'role' in field;
}

function encodeScalar(field: ScalarField): Buffer {
  const bytes = Buffer.alloc(SCALAR_BYTES[field.kind]);
  const bits = bytes.length * 8;
  const unsigned = BigInt.asUintN(bits, field.value);
  if (bits === 64) bytes.writeBigUInt64BE(unsigned, 0);
  else bytes.writeUIntBE(Number(unsigned), 0, bytes.length);
  return bytes;
}

function dataOf(field: SizedField): Buffer {
  return field.inner === undefined ? field.data : encodeFields(field.inner);
}

/** The bytes of a body made of `fields`, lies included. */
export function encodeFields(fields: readonly Field[]): Buffer {
  const parts: Buffer[] = [];
  for (const field of fields) {
    if (isScalar(field)) {
      parts.push(encodeScalar(field));
      continue;
    }
    const data = dataOf(field);
    const length = BigInt(field.length ?? data.length);
    const short = field.kind === 'string' || field.kind === 'short-bytes';
    parts.push(encodeScalar({ kind: short ? 'short' : 'int', role: 'number', value: length }), data);
  }
  return Buffer.concat(parts);
}

export function cloneFields(fields: readonly Field[]): Field[] {
  return fields.map((f) => (isScalar(f) ? { ...f } : { ...f, ...(f.inner ? { inner: cloneFields(f.inner) } : {}) }));
}

// Field constructors, named after the spec's notations.
export const scalar = (kind: ScalarKind, value: number | bigint, role: ScalarRole = 'number'): ScalarField => ({ kind, role, value: BigInt(value) });
export const short = (value: number, role: ScalarRole = 'number'): ScalarField => scalar('short', value, role);
export const string = (text: string): SizedField => ({ kind: 'string', data: Buffer.from(text, 'utf8'), text: true });
export const statement = (text: string, use: 'executed' | 'prepared' = 'executed'): SizedField =>
  ({ kind: 'long-string', data: Buffer.from(text, 'utf8'), text: true, statement: use });
export const shortBytes = (data: Buffer): SizedField => ({ kind: 'short-bytes', data, text: false });
