import type { CqlType } from '../../types/index.js';

/** A named, typed slot: a result column or the receiver of a bind marker (Cassandra's ColumnSpecification). */
export interface ColumnSpecification {
  readonly keyspace: string;
  readonly table: string;
  readonly name: string;
  readonly type: CqlType;
}
