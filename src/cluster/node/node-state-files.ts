import { join } from 'node:path';
import { scheduleWithFixedDelay, type Cancellable } from '../../common/index.js';
import { BatchlogFile } from '../coordinator/batchlog-file.js';
import type { BatchlogManager } from '../coordinator/batchlog-manager.js';
import { HintFiles } from '../hints/hint-files.js';
import type { HintStore } from '../hints/hint-store.js';
import { PaxosFile } from '../paxos/paxos-file.js';
import type { PaxosState } from '../paxos/paxos-state.js';
import type { NodeCluster } from './node-cluster.js';
import type { NodeIdentity } from './node-identity.js';
import { TruncationFile } from './truncation-file.js';
import type { TruncationRecords } from './truncation-records.js';

/** What a node keeps besides its tables, and the cluster around it. */
export interface StatefulNode {
  readonly cluster: NodeCluster;
  readonly hints: HintStore;
  readonly paxos: PaxosState;
  readonly batchlog: BatchlogManager;
  readonly truncations: TruncationRecords;
}

/** The truncation records sync each change themselves; Paxos state and the batchlog in batch mode. */
interface StateFile {
  sync?(): void;
  close(): void;
}

export interface StateFilesLogger {
  warn(fields: object, message: string): void;
}

/**
 * The files of a node's state outside its tables, under its folder: hints/ (HintFiles), and in system/ the
 * Paxos state (paxos.log), the batchlog (batches.log) and the truncation records (truncated.log). Opening
 * them puts back what the node held and records every change from then on. Each record is with the operating
 * system before the change is acknowledged, so a killed process loses nothing; Paxos state and batches are
 * also fsynced first in batch mode (in Cassandra they go through the commit log), everything else every
 * commit log sync period.
 */
export class NodeStateFiles {
  private constructor(
    private readonly node: StatefulNode, private readonly files: readonly StateFile[], private readonly syncTask: Cancellable,
  ) {}

  static open(node: StatefulNode, folder: string, logger: StateFilesLogger): NodeStateFiles {
    const { cluster } = node;
    const table = (id: Buffer) => cluster.schema.tableById(id);
    const nowMs = (): number => cluster.clock.nowMs();
    // Batch mode: a Paxos or batchlog record is on disk before the node answers, in a group sync (see RecordLog.appendSynced).
    const groupSync = cluster.config.commitlogSync === 'batch';
    const system = join(folder, 'system');
    const member = (match: (identity: NodeIdentity) => boolean) => cluster.nodes.find((n) => match(n.identity))?.identity;

    // Truncations first: they decide what of the hints and batches may still apply.
    const truncations = TruncationFile.open({ folder: system, logger, table });
    node.truncations.restore(truncations.records);
    node.truncations.attach((records) => truncations.file.save(records));
    // Hints are fsynced every period in either mode, as Cassandra flushes them every hints_flush_period: no
    // client waits on a hint (the write was acknowledged by the replicas that answered).
    const hints = HintFiles.open({
      folder: join(folder, 'hints'), logger, table, nowMs,
      hostIdOf: (target) => member((n) => n.id === target)?.hostId,
      targetOf: (hex) => member((n) => n.hostId.toString('hex') === hex)?.id,
    });
    node.hints.restore(hints.image);
    node.hints.attach(hints.files);
    const paxos = PaxosFile.open({ folder: system, groupSync, logger, table, nowMs });
    node.paxos.restore(paxos.image);
    node.paxos.attach(paxos.file);
    const batchlog = BatchlogFile.open({ folder: system, groupSync, logger, table });
    node.batchlog.restore(batchlog.image);
    node.batchlog.attach(batchlog.file);

    const files: StateFile[] = [truncations.file, hints.files, paxos.file, batchlog.file];
    const syncTask = scheduleWithFixedDelay(cluster.scheduler, cluster.config.commitlogSyncPeriodMs, () => { for (const f of files) f.sync?.(); });
    return new NodeStateFiles(node, files, syncTask);
  }

  /**
   * Syncs and closes every file; what they hold is read back at the next start. The node's state records
   * nothing more in them: files opened again (a node started after a disk failure) restore that state, and
   * the change must not reach these.
   */
  close(): void {
    this.node.truncations.attach(null);
    this.node.hints.attach(null);
    this.node.paxos.attach(null);
    this.node.batchlog.attach(null);
    this.syncTask.cancel();
    for (const file of this.files) file.close();
  }
}
