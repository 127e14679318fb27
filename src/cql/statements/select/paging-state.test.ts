import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../../../errors/index.js';
import { decodePagingState, encodePagingState } from './paging-state.js';

describe('paging state', () => {
  it('round-trips a position inside a partition', () => {
    const state = { key: Buffer.from('0001', 'hex'), clustering: [Buffer.from('a'), Buffer.alloc(0)], remaining: 7, remainingInPartition: Infinity };
    expect(decodePagingState(encodePagingState(state))).toEqual(state);
  });

  it('round-trips a position after a whole partition', () => {
    const state = { key: Buffer.from('k'), clustering: null, remaining: Infinity, remainingInPartition: 3 };
    expect(decodePagingState(encodePagingState(state))).toEqual(state);
  });

  it('rejects garbage with a protocol error', () => {
    expect(() => decodePagingState(Buffer.from('ffff', 'hex'))).toThrow(ProtocolError);
    expect(() => decodePagingState(Buffer.from('01000000ff', 'hex'))).toThrow(ProtocolError);
  });
});
