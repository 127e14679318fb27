// A cluster kept in a data folder that a driver test in a child process may close and open again through the
// control channel ('flush', 'reopen'): the same folder, the same port, its virtual clock moved on while closed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { internalCluster, startCluster, type CassanovaCluster, type StartClusterOptions } from '../../../src/main.js';
import type { ControlRequest, ExtraOperations } from './cluster-control.js';

/**
 * Closes a durable cluster as a killed process would leave its folder: the nodes' files closed without a
 * drain, so what the memtables held is only in the commit logs.
 */
export async function closeAsCrash(cluster: CassanovaCluster): Promise<void> {
  for (const node of internalCluster(cluster).nodes) node.storage.close(false);
  await cluster.close();
}

export class ReopenableCluster {
  private constructor(
    private readonly dir: string,
    private readonly options: StartClusterOptions,
    private current: CassanovaCluster,
  ) {}

  /** Starts a cluster in a new temporary folder; its port (a free one) is kept across reopenings. */
  static async start(options: StartClusterOptions): Promise<ReopenableCluster> {
    const dir = mkdtempSync(join(tmpdir(), 'cassanova-durable-driver-'));
    try {
      const cluster = await startCluster({ address: '127.0.0.1', port: 0, ...options, dataDir: dir });
      return new ReopenableCluster(dir, { ...options, port: cluster.nodes[0]!.nativePort }, cluster);
    } catch (e) {
      rmSync(dir, { recursive: true, force: true });
      throw e;
    }
  }

  get cluster(): CassanovaCluster {
    return this.current;
  }

  /** Closes the cluster (cleanly or as a crash) and starts it again from its folder, `advanceMs` later on its clock. */
  async reopen(request: ControlRequest): Promise<unknown> {
    const restartAt = this.current.now().getTime() + (request.advanceMs ?? 0);
    if (request.ending === 'crash') await closeAsCrash(this.current);
    else await this.current.close();
    const virtual = this.options.clock === 'virtual' || this.options.clock === 'auto';
    this.current = await startCluster({ address: '127.0.0.1', ...this.options, dataDir: this.dir, ...(virtual ? { clockStart: restartAt } : {}) });
    return { port: this.current.nodes[0]!.nativePort, now: this.current.now().getTime() };
  }

  /** The control operations of a durable cluster, besides the common ones. */
  operations(): ExtraOperations {
    return {
      flush: async () => {
        await this.current.flush();
        return null;
      },
      reopen: (request) => this.reopen(request),
      // Positional reads of Data.db by the table's SSTables on every node, so far: what a slice costs.
      dataReads: async (request) => {
        const cluster = internalCluster(this.current);
        const table = cluster.schema.table(request.keyspace ?? '', request.table ?? '');
        if (table === undefined) throw new Error(`no table ${request.keyspace}.${request.table}`);
        return cluster.nodes.reduce((sum, node) => sum + node.storage.sstables(table).reduce((n, r) => n + r.dataReadCount, 0), 0);
      },
    };
  }

  async close(): Promise<void> {
    try {
      await this.current.close();
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}
