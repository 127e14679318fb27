/** What a schema statement changed, as the SCHEMA_CHANGE result and event report it (protocol spec §4.2.5.5). */
export interface SchemaChange {
  readonly change: 'CREATED' | 'UPDATED' | 'DROPPED';
  readonly target: 'KEYSPACE' | 'TABLE' | 'TYPE' | 'FUNCTION' | 'AGGREGATE';
  readonly keyspace: string;
  /** The table, type, function or aggregate; null for a keyspace. */
  readonly name: string | null;
  /** Argument types of a function or aggregate, empty otherwise. */
  readonly argTypes: readonly string[];
}
