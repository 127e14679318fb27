import { describe, expect, it } from 'vitest';
import type { TraceSession } from '../common/index.js';
import { ConsistencyLevel } from '../errors/index.js';
import { native } from '../types/index.js';
import { beginExecute } from './trace-parameters.js';

function recorded(values: readonly Buffer[]): ReadonlyMap<string, string> {
  let parameters: ReadonlyMap<string, string> = new Map();
  const trace: TraceSession = { sessionId: Buffer.alloc(16), trace: () => {}, begin: (_request, p) => { parameters = p; } };
  const variables = [
    { keyspace: 'ks', table: 't', name: 'k', type: native('int') },
    { keyspace: 'ks', table: 't', name: 'v', type: native('text') },
  ];
  beginExecute(trace, 'INSERT INTO t (k, v) VALUES (?, ?)', { consistency: ConsistencyLevel.ONE, serialConsistency: ConsistencyLevel.SERIAL, pageSize: null }, variables, values);
  return parameters;
}

describe('the parameters of a traced EXECUTE', () => {
  it('record bound values as CQL literals', () => {
    const p = recorded([Buffer.from([0, 0, 0, 7]), Buffer.from("it's")]);
    expect([p.get('bound_var_0_k'), p.get('bound_var_1_v')]).toEqual(['7', "'it''s'"]);
  });

  it('record a value its type refuses as its bytes, without failing: the request then fails with InvalidRequest', () => {
    const p = recorded([Buffer.from([0]), Buffer.from([0xff, 0xfe])]);
    expect([p.get('bound_var_0_k'), p.get('bound_var_1_v')]).toEqual(['0x00', '0xfffe']);
  });
});
