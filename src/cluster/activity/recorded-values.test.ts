import { describe, expect, it } from 'vitest';
import { UNSET } from '../../common/index.js';
import { FIRST_CAPACITY_BYTES, MAX_COPIED_VALUE_BYTES, RecordedValues, type ValueBudget } from './recorded-values.js';

const budget = (maxBytes = 1 << 20): ValueBudget => ({ heldBytes: 0, maxBytes });

describe('recorded values', () => {
  it('copies small values, so that the request\'s buffers may be reused', () => {
    const values = new RecordedValues(budget());
    const sent = Buffer.from('abc');
    values.add([sent, null, UNSET, Buffer.alloc(0)]);
    sent.fill(0);
    expect(values.valuesOf(0)).toEqual([Buffer.from('abc'), null, UNSET, Buffer.alloc(0)]);
  });

  it('keeps each statement\'s values apart, and none for a statement without', () => {
    const values = new RecordedValues(budget());
    values.add([Buffer.from('a')]);
    values.add([]);
    values.add([Buffer.from('bc'), Buffer.from('d')]);
    expect([0, 1, 2, 3].map((i) => values.valuesOf(i))).toEqual([[Buffer.from('a')], null, [Buffer.from('bc'), Buffer.from('d')], null]);
  });

  it('keeps large values by reference, counted against the budget until cleared', () => {
    const shared = budget();
    const values = new RecordedValues(shared);
    const large = Buffer.alloc(MAX_COPIED_VALUE_BYTES + 1, 7);
    values.add([Buffer.from('small')]);
    values.add([large]);
    expect(values.valuesOf(0)).toEqual([Buffer.from('small')]);
    expect(values.valuesOf(1)![0]).toBe(large);
    expect(shared.heldBytes).toBe(large.length + 5);
    values.clear();
    expect(shared.heldBytes).toBe(0);
    expect(values.valuesOf(0)).toBeNull();
  });

  it('leaves out values the budget has no room for', () => {
    const values = new RecordedValues(budget(MAX_COPIED_VALUE_BYTES * 2));
    values.add([Buffer.alloc(MAX_COPIED_VALUE_BYTES * 3)]);
    expect(values.omitted).toBe(true);
    expect(values.valuesOf(0)).toBeNull();
  });

  it('copies up to its limit, lengths included, and references past it', () => {
    const values = new RecordedValues(budget());
    const fits = [Buffer.alloc(MAX_COPIED_VALUE_BYTES - 2 - 4, 3), null];
    values.add(fits);
    expect(values.valuesOf(0)).toEqual(fits);
    expect(values.valuesOf(0)![0]).not.toBe(fits[0]);
    values.add([Buffer.alloc(1, 4)]);
    expect(values.valuesOf(1)).toEqual([Buffer.alloc(1, 4)]);
    expect(values.valuesOf(0)).toEqual(fits);
  });

  it('grows its buffer as needed and reuses it', () => {
    const values = new RecordedValues(budget());
    values.add([Buffer.alloc(100, 1), Buffer.alloc(500, 2)]);
    expect(values.valuesOf(0)!.map((v) => (v as Buffer).length)).toEqual([100, 500]);
    values.clear();
    values.add([Buffer.from('x')]);
    expect(values.valuesOf(0)).toEqual([Buffer.from('x')]);
  });

  it('shares a buffer with its neighbours, each in its region, and moves out when its values outgrow it', () => {
    const shared = budget();
    const region = Buffer.alloc(2 * FIRST_CAPACITY_BYTES);
    const [first, second] = [new RecordedValues(shared, region, 0), new RecordedValues(shared, region, FIRST_CAPACITY_BYTES)];
    const small = [Buffer.alloc(FIRST_CAPACITY_BYTES - 2, 5)];
    second.add(small);
    first.add([Buffer.alloc(30, 1)]);
    first.add([Buffer.alloc(40, 2)]);
    expect(second.valuesOf(0)).toEqual(small);
    expect([first.valuesOf(0), first.valuesOf(1)]).toEqual([[Buffer.alloc(30, 1)], [Buffer.alloc(40, 2)]]);
    first.clear();
    first.add([Buffer.from('y')]);
    expect(first.valuesOf(0)).toEqual([Buffer.from('y')]);
    expect(second.valuesOf(0)).toEqual(small);
  });
});
