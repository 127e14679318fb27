import type { PartitionBounds, PartitionPosition, PartitionUpdate, ReadCommand, UnfilteredPartition } from '../../data/index.js';
import type { Schema, TableMetadata } from '../../schema/index.js';
import { builtIndexRows } from '../system-schema/built-indexes.js';
import { toPartitionUpdates, type RowValues } from '../system-schema/row-builder.js';
import { systemSchemaContent, type SchemaTableName } from '../system-schema/system-schema-content.js';
import { virtualSchemaContent, type VirtualSchemaTableName } from '../system-schema/virtual-schema-content.js';
import { systemViewRows } from '../system-views/system-views-content.js';
import { StorageEngine } from '../../storage/index.js';
import { murmur3Token } from '../ring/murmur3.js';
import { localRow, peerRows, peerV2Rows } from './system-views.js';
import type { VirtualTablesNode } from './virtual-tables-node.js';

/**
 * Content of the schema-derived tables per schema snapshot. Snapshots are immutable and shared by every
 * node holding them (and every new cluster starts from the same one), so each is loaded once per process.
 */
const schemaEngines = new WeakMap<Schema, Map<string, StorageEngine>>();

/**
 * Tables whose content is computed, not stored: system_schema, system_virtual_schema and
 * system."IndexInfo" (from the schema), system.local / peers / peers_v2 (from the node's view of the
 * cluster), and system_views (from the node's state at the time of the read). Their content is loaded
 * into a small storage engine so that reads share restrictions, paging and filtering with stored tables.
 */
export class VirtualTables {
  private nodeViewKey = '';
  private readonly nodeViewEngines = new Map<string, StorageEngine>();

  constructor(private readonly node: VirtualTablesNode) {}

  read(command: ReadCommand): UnfilteredPartition[] | null {
    const engine = this.engineFor(command.table);
    if (engine === null) return null;
    return engine.read(isKeyOrdered(command.table.keyspace) ? inKeyOrder(command) : command);
  }

  private engineFor(table: TableMetadata): StorageEngine | null {
    const schema = this.node.schema();
    switch (table.keyspace) {
      case 'system_schema':
        return schemaEngine(schema, table, () => systemSchemaContent(schema, table.name as SchemaTableName, murmur3Token));
      case 'system_virtual_schema':
        return schemaEngine(schema, table, () => virtualSchemaContent(schema, table.name as VirtualSchemaTableName, localToken));
      case 'system':
        return this.systemEngine(schema, table);
      case 'system_views': {
        // Counters and connections change with every request: computed afresh for each read.
        const rows = systemViewRows(this.node, table.name);
        return rows === null ? null : loaded(table, rows);
      }
      default:
        return null;
    }
  }

  private systemEngine(schema: Schema, table: TableMetadata): StorageEngine | null {
    if (table.name === 'IndexInfo') return schemaEngine(schema, table, () => updatesOf(table, builtIndexRows(schema)));
    const rows = table.name === 'local' ? () => [localRow(this.node)]
      : table.name === 'peers' ? () => peerRows(this.node)
      : table.name === 'peers_v2' ? () => peerV2Rows(this.node)
      : null;
    return rows === null ? null : this.nodeViewEngine(schema, table, () => updatesOf(table, rows()));
  }

  /**
   * system.local and the peers tables: what this node says of itself and the ring, and its schema version,
   * rebuilt when any of it changes (gossip generation and truncation records included).
   */
  private nodeViewEngine(schema: Schema, table: TableMetadata, content: () => PartitionUpdate[]): StorageEngine {
    const node = this.node;
    const key = `${schema.version.toString('hex')}:${node.cluster.topologyVersion}:${node.gossiper.generation}:${node.truncations.version}`;
    if (key !== this.nodeViewKey) {
      this.nodeViewEngines.clear();
      this.nodeViewKey = key;
    }
    return cached(this.nodeViewEngines, table, content);
  }
}

function updatesOf(table: TableMetadata, rows: readonly RowValues[]): PartitionUpdate[] {
  return toPartitionUpdates(table, rows, murmur3Token);
}

function schemaEngine(schema: Schema, table: TableMetadata, content: () => PartitionUpdate[]): StorageEngine {
  let engines = schemaEngines.get(schema);
  if (engines === undefined) {
    engines = new Map();
    schemaEngines.set(schema, engines);
  }
  return cached(engines, table, content);
}

function cached(engines: Map<string, StorageEngine>, table: TableMetadata, content: () => PartitionUpdate[]): StorageEngine {
  const name = `${table.keyspace}.${table.name}`;
  let engine = engines.get(name);
  if (engine === undefined) {
    engine = load(table, content());
    engines.set(name, engine);
  }
  return engine;
}

/** system_views content, in key order. */
function loaded(table: TableMetadata, rows: readonly RowValues[]): StorageEngine {
  return load(table, toPartitionUpdates(table, rows, localToken));
}

/**
 * Virtual keyspaces use Cassandra's LocalPartitioner: partitions come in the order of their keys (every
 * key of these tables is a single text or inet, whose byte order is its type's order), not by Murmur3
 * token. Here every partition sits at one token, so the engine orders them by key bytes alone; commands
 * arrive with Murmur3 tokens and are moved onto it. Token restrictions mean nothing on these tables.
 */
const LOCAL_TOKEN = 0n;

function localToken(): bigint {
  return LOCAL_TOKEN;
}

function isKeyOrdered(keyspace: string): boolean {
  return keyspace === 'system_views' || keyspace === 'system_virtual_schema';
}

function inKeyOrder(command: ReadCommand): ReadCommand {
  if (command.kind === 'single') return { ...command, token: LOCAL_TOKEN };
  const { start, end } = command.bounds;
  const bounds: PartitionBounds = {
    start: atLocalToken(start),
    startInclusive: command.bounds.startInclusive,
    end: atLocalToken(end),
    endInclusive: command.bounds.endInclusive,
  };
  return { ...command, bounds };
}

/** A key position keeps its key; a token-only position is no bound at all. */
function atLocalToken(position: PartitionPosition | null): PartitionPosition | null {
  return position === null || position.key === null ? null : { token: LOCAL_TOKEN, key: position.key };
}

function load(table: TableMetadata, updates: readonly PartitionUpdate[]): StorageEngine {
  const engine = new StorageEngine();
  for (const update of updates) engine.apply({ keyspace: table.keyspace, key: update.key, token: update.token, updates: [update] });
  return engine;
}
