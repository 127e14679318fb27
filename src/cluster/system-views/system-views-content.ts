import { isLatencyTableName } from '../../schema/index.js';
import type { VirtualTablesNode } from '../node/virtual-tables-node.js';
import type { RowValues } from '../system-schema/row-builder.js';
import { cacheRows } from './caches.js';
import { clientRows } from './clients.js';
import { settingRows } from './settings.js';
import { sstableTaskRows } from './sstable-tasks.js';
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
      return sstableTaskRows(node);
    case 'thread_pools':
      return threadPoolRows(node);
    default:
      return isLatencyTableName(table) ? latencyRows(node, table) : null;
  }
}
