import { describe, expect, it } from 'vitest';
import { NO_DELETION_TIME } from '../../data/index.js';
import { CorruptDataError, DataInput, DataOutput } from './index.js';

describe('DataOutput / DataInput varints', () => {
  it('round-trips 64-bit values against a base, both ends of the range included', () => {
    const base = 1_700_000_000_000_000n;
    const values = [base, base + 1n, base - 1n, 0n, -(2n ** 63n), 2n ** 63n - 1n, base + 2n ** 51n, base - 2n ** 51n, base + 2n ** 52n];
    const out = new DataOutput(8);
    for (const v of values) out.writeVLong(v, base);
    const input = new DataInput(out.toBuffer());
    for (const v of values) expect(input.readVLong(base)).toBe(v);
    expect(input.remaining).toBe(0);
  });

  it('round-trips unsigned and signed numbers and local times', () => {
    const out = new DataOutput();
    const numbers = [0, 1, 127, 128, 16_383, 16_384, 2 ** 31, 2 ** 53 - 1];
    for (const n of numbers) out.writeUVInt(n);
    for (const n of [0, -1, 1, -(2 ** 40), 2 ** 40]) out.writeVInt(n);
    for (const t of [NO_DELETION_TIME, 0, -5, 1_700_000_000, 2 ** 31 - 1]) out.writeLocalTime(t);
    const input = new DataInput(out.toBuffer());
    for (const n of numbers) expect(input.readUVInt()).toBe(n);
    for (const n of [0, -1, 1, -(2 ** 40), 2 ** 40]) expect(input.readVInt()).toBe(n);
    for (const t of [NO_DELETION_TIME, 0, -5, 1_700_000_000, 2 ** 31 - 1]) expect(input.readLocalTime()).toBe(t);
  });

  it('small deltas take few bytes', () => {
    const out = new DataOutput();
    out.writeVLong(1_700_000_000_000_123n, 1_700_000_000_000_000n);
    expect(out.length).toBe(2);
  });

  it('reports reads past the end as corruption', () => {
    expect(() => new DataInput(Buffer.from([0x80])).readUVInt()).toThrow(CorruptDataError);
    expect(() => new DataInput(Buffer.from([5, 1])).readBytes()).toThrow(CorruptDataError);
    expect(() => new DataInput(Buffer.alloc(3)).readLong()).toThrow(CorruptDataError);
  });
});
