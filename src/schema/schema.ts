import type { UserType } from '../types/index.js';
import { schemaVersion } from './schema-digest.js';
import { systemKeyspaces } from './system/system-keyspaces.js';
import type { KeyspaceMetadata, TableMetadata } from './table-metadata.js';

let initialSchema: Schema | undefined;
const NO_VIEWS: readonly TableMetadata[] = [];

/**
 * An immutable snapshot of every keyspace, with its version. Changes make a new Schema (copy-on-write) and
 * share the untouched keyspaces with the old one, so a reader holding a snapshot never sees a half change.
 */
export class Schema {
  readonly version: Buffer;
  private tablesById: Map<string, TableMetadata> | undefined;
  /** The views of each base table, by keyspace then base table name; built on first use. */
  private viewsByBase: Map<string, Map<string, TableMetadata[]>> | undefined;

  private constructor(private readonly byName: ReadonlyMap<string, KeyspaceMetadata>) {
    this.version = schemaVersion(byName.values());
  }

  static of(keyspaces: Iterable<KeyspaceMetadata>): Schema {
    return new Schema(new Map([...keyspaces].map((ks) => [ks.name, ks])));
  }

  /** The schema of a new cluster: the built-in keyspaces only; one instance per process, as it is immutable. */
  static initial(): Schema {
    initialSchema ??= Schema.of(systemKeyspaces());
    return initialSchema;
  }

  get keyspaces(): ReadonlyMap<string, KeyspaceMetadata> {
    return this.byName;
  }

  keyspace(name: string): KeyspaceMetadata | undefined {
    return this.byName.get(name);
  }

  table(keyspace: string, name: string): TableMetadata | undefined {
    return this.byName.get(keyspace)?.tables.get(name);
  }

  userType(keyspace: string, name: string): UserType | undefined {
    return this.byName.get(keyspace)?.userTypes.get(name);
  }

  tableById(id: Buffer): TableMetadata | undefined {
    if (this.tablesById === undefined) {
      this.tablesById = new Map();
      for (const ks of this.byName.values()) {
        for (const t of ks.tables.values()) this.tablesById.set(t.id.toString('hex'), t);
      }
    }
    return this.tablesById.get(id.toString('hex'));
  }

  /** The materialized views kept from a table (none for most tables: one map lookup then). */
  viewsOf(keyspace: string, table: string): readonly TableMetadata[] {
    if (this.viewsByBase === undefined) {
      this.viewsByBase = new Map();
      for (const ks of this.byName.values()) {
        for (const t of ks.tables.values()) {
          if (t.view === undefined) continue;
          let byBase = this.viewsByBase.get(ks.name);
          if (byBase === undefined) this.viewsByBase.set(ks.name, (byBase = new Map()));
          const views = byBase.get(t.view.baseTableName);
          if (views === undefined) byBase.set(t.view.baseTableName, [t]);
          else views.push(t);
        }
      }
    }
    return this.viewsByBase.get(keyspace)?.get(table) ?? NO_VIEWS;
  }

  /** Adds or replaces a keyspace. */
  withKeyspace(keyspace: KeyspaceMetadata): Schema {
    return new Schema(new Map(this.byName).set(keyspace.name, keyspace));
  }

  withoutKeyspace(name: string): Schema {
    const byName = new Map(this.byName);
    byName.delete(name);
    return new Schema(byName);
  }
}
