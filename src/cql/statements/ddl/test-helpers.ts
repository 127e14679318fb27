/** Shorthands for the DDL tests: run CQL against a schema and capture the error a statement fails with. */
import { expect } from 'vitest';
import { SeededRandom } from '../../../common/index.js';
import { Schema } from '../../../schema/index.js';
import { parseStatement } from '../../parser/index.js';
import { executeSchemaStatement, isSchemaStatement, type SchemaStatementResult } from './index.js';

export const NOW_MICROS = 1_700_000_000_000_000n;

export interface RunOptions {
  readonly keyspace?: string | null;
  readonly datacenters?: ReadonlyMap<string, number>;
  readonly sasiIndexesEnabled?: boolean;
  readonly userDefinedFunctionsEnabled?: boolean;
}

/** Runs one schema statement against `schema`. */
export function run(schema: Schema, cql: string, options: RunOptions = {}): SchemaStatementResult {
  const { statement } = parseStatement(cql);
  if (!isSchemaStatement(statement)) throw new Error(`not a schema statement: ${cql}`);
  return executeSchemaStatement(statement, {
    schema,
    keyspace: options.keyspace ?? null,
    nowMicros: NOW_MICROS,
    random: new SeededRandom(7),
    ...(options.datacenters === undefined ? {} : { datacenters: options.datacenters }),
    ...(options.sasiIndexesEnabled === undefined ? {} : { sasiIndexesEnabled: options.sasiIndexesEnabled }),
    ...(options.userDefinedFunctionsEnabled === undefined ? {} : { userDefinedFunctionsEnabled: options.userDefinedFunctionsEnabled }),
  });
}

/** Runs statements in order, each against the schema the previous one produced. */
export function schemaAfter(...statements: string[]): Schema {
  return statements.reduce((schema, cql) => run(schema, cql).schema, Schema.initial());
}

/** A schema with keyspace ks (SimpleStrategy, RF 1). */
export function withKeyspace(...statements: string[]): Schema {
  return schemaAfter("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}", ...statements);
}

/** The error a statement fails with: its class name and message. */
export function failure(schema: Schema, cql: string, options: RunOptions = {}): { type: string; message: string } {
  try {
    run(schema, cql, options);
  } catch (e) {
    expect(e).toBeInstanceOf(Error);
    return { type: (e as Error).constructor.name, message: (e as Error).message };
  }
  throw new Error(`expected ${cql} to fail`);
}
