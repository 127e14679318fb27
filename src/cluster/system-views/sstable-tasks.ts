import type { VirtualTablesNode } from '../node/virtual-tables-node.js';
import type { RowValues } from '../system-schema/row-builder.js';

/**
 * system_views.sstable_tasks (SSTableTasksTable): the compactions the node runs now, their progress in bytes
 * of their inputs. Flushes are not listed, as in Cassandra 4.1; a node in memory never has a task.
 */
export function sstableTaskRows(node: VirtualTablesNode): RowValues[] {
  return node.storage.sstableTasks().map(({ table, task }) => {
    const { completedBytes, totalBytes } = task.progress;
    const completed = Math.round(completedBytes);
    return {
      keyspace_name: table.keyspace,
      table_name: table.name,
      task_id: task.id,
      completion_ratio: totalBytes === 0 ? 1 : completed / totalBytes,
      kind: task.kind,
      progress: BigInt(completed),
      total: BigInt(totalBytes),
      unit: 'bytes',
    };
  });
}
