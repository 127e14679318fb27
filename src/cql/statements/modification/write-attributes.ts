import { InvalidRequestError } from '../../../errors/index.js';
import type { TableMetadata } from '../../../schema/index.js';
import { native } from '../../../types/index.js';
import type { UsingClause } from '../../ast/index.js';
import { UNSET, type ExecutionContext, type QueryOptions } from '../query-options.js';
import { prepareTerm, type BindSpecifications, type PreparedTerm } from '../term-preparer.js';

/** Cassandra's Attributes.MAX_TTL: 20 years. */
export const MAX_TTL_SECONDS = 20 * 365 * 24 * 60 * 60;

/** USING TIMESTAMP / TTL of a write, resolved per execution. */
export interface WriteAttributes {
  readonly hasTimestamp: boolean;
  timestamp(o: QueryOptions, c: ExecutionContext): bigint;
  /** TTL in seconds, 0 for none. */
  ttlSeconds(o: QueryOptions, c: ExecutionContext): number;
}

export function prepareWriteAttributes(table: TableMetadata, using: UsingClause, binds: BindSpecifications): WriteAttributes {
  const spec = (name: string, type: 'bigint' | 'int') => ({ keyspace: table.keyspace, table: table.name, name: `[${name}]`, type: native(type) });
  const ts: PreparedTerm | null = using.timestamp === null ? null : prepareTerm(using.timestamp, spec('timestamp', 'bigint'), binds);
  const ttl: PreparedTerm | null = using.ttl === null ? null : prepareTerm(using.ttl, spec('ttl', 'int'), binds);
  return {
    hasTimestamp: ts !== null,
    timestamp(o, c) {
      if (ts !== null) {
        const v = ts(o, c);
        if (v === null) throw new InvalidRequestError('Invalid null value of timestamp');
        if (v !== UNSET) return v.readBigInt64BE(0);
      }
      return o.timestamp ?? c.nowMicros;
    },
    ttlSeconds(o, c) {
      if (ttl === null) return table.options.defaultTimeToLive;
      const v = ttl(o, c);
      // Unset means the table's default; null (or no bytes) means no TTL at all, the default included.
      if (v === UNSET) return table.options.defaultTimeToLive;
      if (v === null || v.length === 0) return 0;
      const seconds = v.readInt32BE(0);
      if (seconds < 0) throw new InvalidRequestError(`A TTL must be greater or equal to 0, but was ${seconds}`);
      if (seconds > MAX_TTL_SECONDS) throw new InvalidRequestError(`ttl is too large. requested (${seconds}) maximum (${MAX_TTL_SECONDS})`);
      return seconds;
    },
  };
}
