import { AdminRequestError, adminRequest } from './admin-request.js';
import { ENV } from './environment.js';

/** What to do to the cluster before each test: empty every table, start over, or go back to a named snapshot. */
export type BetweenTests = 'truncate' | 'reset' | { readonly restore: string };

/** Where the cluster's admin API is: its URL, or a cluster that knows it (startCluster's answer, clusterFromEnv()). */
export type AdminTarget = string | { readonly adminUrl: string | null | undefined };

/** A named snapshot as the admin API describes it. */
export interface SnapshotInfo {
  readonly name: string;
  /** On the cluster's clock. */
  readonly takenAt: Date;
  /** The user keyspaces it holds. */
  readonly keyspaces: readonly string[];
  /** Partitions held over every node and table (each replica counted). */
  readonly partitions: number;
}

export interface SnapshotOptions {
  /** Replace a snapshot of the same name (one an earlier test file took, say) instead of failing. */
  readonly replace?: boolean;
}

/** The test controls of a running cluster, through its admin API: usable from any test worker process. */
export interface ClusterControls {
  readonly adminUrl: string;
  /** cluster.reset(): user keyspaces dropped, primes and activity cleared, every node up, the network healed. */
  reset(): Promise<void>;
  /** cluster.truncateAll(): every user table emptied, the schema kept. */
  truncateAll(): Promise<void>;
  /** cluster.snapshot(name): schema and data of every node, kept under `name` until deleted. */
  snapshot(name: string, options?: SnapshotOptions): Promise<SnapshotInfo>;
  /** cluster.restore(name): schema and data back to the named snapshot, which stays to be restored again. */
  restore(name: string): Promise<void>;
  /** Forgets a named snapshot; `ifExists` makes a missing one no error. */
  deleteSnapshot(name: string, options?: { readonly ifExists?: boolean }): Promise<void>;
  /** The named snapshots, oldest first. */
  snapshots(): Promise<SnapshotInfo[]>;
  /** A hook for the runner's beforeEach that does `what` (a function of no arguments resolving to nothing). */
  between(what: BetweenTests): () => Promise<void>;
}

/**
 * The controls of the run's cluster: the admin API of `target`, or by default the one the runner's global
 * setup announced in CASSANOVA_ADMIN_URL.
 */
export function clusterControls(target?: AdminTarget, env: NodeJS.ProcessEnv = process.env): ClusterControls {
  const adminUrl = adminUrlOf(target, env);
  const post = (path: string, body: object = {}): Promise<unknown> => adminRequest(adminUrl, 'POST', path, body);
  const controls: ClusterControls = {
    adminUrl,
    reset: async () => { await post('/reset'); },
    truncateAll: async () => { await post('/truncate'); },
    snapshot: async (name, options = {}) => {
      if (options.replace === true) await controls.deleteSnapshot(name, { ifExists: true });
      return snapshotInfo(await post('/snapshots', { name }));
    },
    restore: async (name) => { await post(`/snapshots/${encodeURIComponent(name)}/restore`); },
    deleteSnapshot: async (name, options = {}) => {
      try {
        await adminRequest(adminUrl, 'DELETE', `/snapshots/${encodeURIComponent(name)}`);
      } catch (e) {
        if (!(options.ifExists === true && e instanceof AdminRequestError && e.status === 404)) throw e;
      }
    },
    snapshots: async () => {
      const list = await adminRequest(adminUrl, 'GET', '/snapshots');
      return (list as unknown[]).map(snapshotInfo);
    },
    between: (what) => betweenTests(controls, what),
  };
  return controls;
}

/**
 * A beforeEach hook that puts the run's cluster back before every test: `beforeEach(resetBetweenTests())`
 * empties every table, `resetBetweenTests('reset')` starts over, `resetBetweenTests({ restore: 'schema' })`
 * goes back to a snapshot taken once (after loading the schema, say). Works as it is in Vitest, Jest and
 * node:test (it takes no arguments, so no runner mistakes it for a callback-style hook).
 */
export function resetBetweenTests(what: BetweenTests = 'truncate', target?: AdminTarget): () => Promise<void> {
  return betweenTests(clusterControls(target), what);
}

function betweenTests(controls: ClusterControls, what: BetweenTests): () => Promise<void> {
  if (what === 'truncate') return () => controls.truncateAll();
  if (what === 'reset') return () => controls.reset();
  if (typeof what === 'object' && what !== null && typeof what.restore === 'string') {
    const name = what.restore;
    return () => controls.restore(name);
  }
  throw new TypeError(`Between tests: 'truncate', 'reset' or { restore: 'snapshot name' }, not ${JSON.stringify(what)}`);
}

function adminUrlOf(target: AdminTarget | undefined, env: NodeJS.ProcessEnv): string {
  const url = target === undefined ? env[ENV.adminUrl] : typeof target === 'string' ? target : target.adminUrl;
  if (typeof url === 'string' && url !== '') return url;
  const where = target === undefined ? `${ENV.adminUrl} is not set` : 'the cluster given serves no admin API';
  throw new Error(`No Cassanova admin API to reset the cluster between tests (${where}): use the runner's global setup `
    + `('cassanova-cluster/vitest' or 'cassanova-cluster/jest/global-setup'), which serves one, or set ${ENV.adminUrl} `
    + '(a cluster of your own serves one with the startCluster option adminPort: 0, or the CLI\'s --admin-port)');
}

function snapshotInfo(json: unknown): SnapshotInfo {
  const s = json as { name: string; takenAt: string; keyspaces: string[]; partitions: number };
  return { name: s.name, takenAt: new Date(s.takenAt), keyspaces: s.keyspaces, partitions: s.partitions };
}
