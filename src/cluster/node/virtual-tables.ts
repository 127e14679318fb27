import type { PartitionUpdate, ReadCommand, UnfilteredPartition } from '../../data/index.js';
import type { TableMetadata } from '../../schema/index.js';
import { toPartitionUpdates } from '../system-schema/row-builder.js';
import { systemSchemaContent, type SchemaTableName } from '../system-schema/system-schema-content.js';
import { virtualSchemaContent, type VirtualSchemaTableName } from '../system-schema/virtual-schema-content.js';
import { StorageEngine } from '../../storage/index.js';
import { murmur3Token } from '../ring/murmur3.js';
import type { Node } from './node.js';
import { localRow, peerRows, peerV2Rows } from './system-views.js';

/**
 * Tables whose content is computed, not stored: system_schema and system_virtual_schema (from the
 * schema), and system.local / peers / peers_v2 (from the node's view of the cluster). Their content is
 * loaded into a small storage engine so that reads share restrictions, paging and filtering with
 * stored tables.
 */
export class VirtualTables {
  private cacheKey = '';
  private readonly engines = new Map<string, StorageEngine>();

  constructor(private readonly node: Node) {}

  read(command: ReadCommand): UnfilteredPartition[] | null {
    const table = command.table;
    const content = this.contentSource(table);
    if (content === null) return null;
    const key = `${this.node.schema().version.toString('hex')}:${this.node.cluster.topologyVersion}`;
    if (key !== this.cacheKey) {
      this.engines.clear();
      this.cacheKey = key;
    }
    const name = `${table.keyspace}.${table.name}`;
    let engine = this.engines.get(name);
    if (engine === undefined) {
      engine = new StorageEngine();
      for (const update of content()) {
        engine.apply({ keyspace: table.keyspace, key: update.key, token: update.token, updates: [update] });
      }
      this.engines.set(name, engine);
    }
    return engine.read(command);
  }

  private contentSource(table: TableMetadata): (() => PartitionUpdate[]) | null {
    const schema = this.node.schema();
    switch (table.keyspace) {
      case 'system_schema':
        return () => systemSchemaContent(schema, table.name as SchemaTableName, murmur3Token);
      case 'system_virtual_schema':
        return () => virtualSchemaContent(schema, table.name as VirtualSchemaTableName, murmur3Token);
      case 'system':
        if (table.name === 'local') return () => toPartitionUpdates(table, [localRow(this.node)], murmur3Token);
        if (table.name === 'peers') return () => toPartitionUpdates(table, peerRows(this.node), murmur3Token);
        if (table.name === 'peers_v2') return () => toPartitionUpdates(table, peerV2Rows(this.node), murmur3Token);
        return null;
      default:
        return null;
    }
  }
}
