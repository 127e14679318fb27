import type { Scheduler } from '../../common/index.js';
import { CommitLogReplayError, isStorageFailure } from '../../storage/index.js';

/** What the policy does to its node: stop it (gossip and native transport, as stopTransports), and log. */
export interface DiskFailureActions {
  readonly nodeId: number;
  readonly scheduler: Scheduler;
  /** Stops the node for good (until it is started again), its files closed as they are. */
  stop(): Promise<void>;
  /** Reports a failure where the operator sees it (the process's warnings; the admin log follows status changes). */
  log(message: string): void;
}

/**
 * disk_failure_policy and commit_failure_policy `stop` for one node (DefaultFSErrorHandler,
 * JVMStabilityInspector). Files that cannot be opened at start, or a commit log that cannot be replayed,
 * keep the node down: Cassandra's process would exit, here the node stays stopped with the reason while
 * the others run. A corrupt SSTable met while running (a read, a flush, a compaction) stops the node as
 * `stop_paranoid` does: it leaves gossip (peers are told) and its native transport closes; the files stay
 * untouched, nothing is dropped. Starting the node again opens its files again, and fails the same way
 * while they are bad.
 */
export class DiskFailurePolicy {
  private failure: Error | null = null;

  constructor(private readonly actions: DiskFailureActions) {}

  /** The failure that stopped the node, until it starts again; null while it runs normally. */
  get reason(): string | null {
    return this.failure?.message ?? null;
  }

  /** Opening the node's files failed with `error`: true when it is a failure of the files (recorded, logged). */
  failedToOpen(error: unknown): error is Error {
    if (!isStorageFailure(error)) return false;
    this.failure = error;
    const what = error instanceof CommitLogReplayError
      ? 'error while processing commit log during initialization'
      : `file system exception on startup, disk failure policy "stop"`;
    this.actions.log(`node ${this.actions.nodeId} stays down: ${what}: ${error.message}`);
    return true;
  }

  /**
   * A failure of the node's files met while it runs: the node stops, once the requests that met it have
   * been answered (their responses leave on the transport's next write, so the stop waits a turn of the
   * event loop after the scheduler's). Only the first failure counts until the node starts again.
   */
  failedWhileRunning(error: Error): void {
    if (this.failure !== null) return;
    this.failure = error;
    this.actions.log(`node ${this.actions.nodeId} stopping transports as disk_failure_policy is stop_paranoid: ${error.message}`);
    this.actions.scheduler.schedule(0, () => setImmediate(() => {
      // Started again meanwhile (killed, then started, within the turn): that start opened the files afresh.
      if (this.failure !== error) return;
      this.actions.stop().catch((e: unknown) => this.actions.log(`node ${this.actions.nodeId} did not stop cleanly: ${String(e)}`));
    }));
  }

  /** The node's files opened: it runs normally again. */
  cleared(): void {
    this.failure = null;
  }
}
