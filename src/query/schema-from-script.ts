import type { SeededRandom } from '../common/index.js';
import { executeSchemaStatement, isSchemaStatement, parseStatement, splitCqlScript } from '../cql/index.js';
import { Schema } from '../schema/index.js';

/** What building a schema from its script needs of the cluster it is meant for. */
export interface SchemaScriptContext {
  readonly nowMicros: bigint;
  readonly random: SeededRandom;
  /** Nodes per data center (NetworkTopologyStrategy checks its data center names against them). */
  readonly datacenters: ReadonlyMap<string, number>;
}

/**
 * The schema a script of schemaScript() describes, built from a new cluster's without touching any cluster:
 * what a snapshot on disk brings back (tables with the ids they had). Only schema statements are accepted;
 * `source` names the script in errors, with the line of the statement.
 */
export function schemaFromScript(script: string, context: SchemaScriptContext, source: string): Schema {
  let schema = Schema.initial();
  for (const { text, line } of splitCqlScript(script)) {
    try {
      const { statement } = parseStatement(text);
      if (!isSchemaStatement(statement)) throw new Error('not a schema statement');
      schema = executeSchemaStatement(statement, { ...context, schema, keyspace: null }).schema;
    } catch (e) {
      throw new Error(`${source}:${line}: ${(e as Error).message} (in: ${text.split('\n')[0]})`, { cause: e });
    }
  }
  return schema;
}
