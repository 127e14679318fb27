import { isLatencyTableName } from '../../schema/index.js';
import type { VirtualTablesNode } from '../node/virtual-tables-node.js';
import type { RowValues } from '../system-schema/row-builder.js';
import { cacheRows } from './caches.js';
import { clientRows } from './clients.js';
import { settingRows } from './settings.js';
import { latencyRows } from './table-latencies.js';
import { threadPoolRows } from './thread-pools.js';

/** The rows of a system_views table as this node sees them now, or null for a table it does not serve. */
export function systemViewRows(node: VirtualTablesNode, table: string): RowValues[] | null {
  switch (table) {
    case 'caches':
      return cacheRows();
    case 'clients':
      return clientRows(node);
    case 'settings':
      return settingRows(node);
    case 'sstable_tasks':
      // Compactions, cleanups and the like: Cassanova's memtables are never compacted, and cleanup runs
      // to completion inside the call that asks for it, so no such task is ever running.
      return [];
    case 'thread_pools':
      return threadPoolRows(node);
    default:
      return isLatencyTableName(table) ? latencyRows(node, table) : null;
  }
}
