/**
 * The one switch between "a Cassanova cluster started for this test file" and "a real Cassandra named by
 * CQL_CONTACT_POINT" for the Node-driver conformance suite.
 *
 * `useNodeTarget(name)` registers Vitest hooks: beforeAll starts a cluster (port 0, so test files run in
 * parallel) or takes the external contact point, connects a `cassandra.Client` with the driver's default
 * options (metadata sync on, default token-aware policy), creates a keyspace of the file's own and USEs it;
 * afterAll drops the keyspace and closes every client and the cluster. Tests read the handles through the
 * returned object once the hooks have run.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import cassandra from 'cassandra-driver';
import { startCluster } from '../../../src/index.js';

/** Whatever startCluster resolves to, named as the suite sees it. */
export type Cluster = Awaited<ReturnType<typeof startCluster>>;

/** Set CQL_CONTACT_POINT=host:port (and CQL_LOCAL_DC) to run the suite against a real Cassandra. */
export const externalContactPoint: string | undefined = process.env['CQL_CONTACT_POINT'] || undefined;
export const isExternalTarget = externalContactPoint !== undefined;

const DEFAULT_LOCAL_DC = 'datacenter1';

export interface NodeTargetOptions {
  /** Start the cluster on a virtual clock (Cassanova only) so tests can call `advanceTime`. */
  readonly virtualClock?: boolean;
  /** Create and USE a keyspace of this file's own (default true). */
  readonly keyspace?: boolean;
  /** Nodes of the Cassanova cluster (default 1); the file's keyspace then has this replication factor. */
  readonly nodes?: number;
}

export interface NodeTarget {
  /** Connected client; its session keyspace is `keyspace` unless the file asked for none. */
  readonly client: cassandra.Client;
  readonly keyspace: string;
  readonly contactPoints: string[];
  readonly localDataCenter: string;
  /** The Cassanova cluster behind the client; undefined against an external Cassandra. */
  readonly cluster: Cluster | undefined;
  /** Connects one more client to the same target; it is shut down in afterAll. */
  newClient(options?: Partial<cassandra.DseClientOptions>): Promise<cassandra.Client>;
  /** Moves the cluster's virtual clock forward; only with `virtualClock: true` on Cassanova. */
  advanceTime(ms: number): Promise<void>;
}

/** A fresh lower-case identifier, unique enough for parallel runs against one external server. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

interface TargetState {
  cluster: Cluster | undefined;
  contactPoints: string[];
  localDataCenter: string;
  client: cassandra.Client | undefined;
  keyspace: string | undefined;
  readonly clients: cassandra.Client[];
}

export function useNodeTarget(name: string, options: NodeTargetOptions = {}): NodeTarget {
  const state: TargetState = {
    cluster: undefined,
    contactPoints: [],
    localDataCenter: DEFAULT_LOCAL_DC,
    client: undefined,
    keyspace: undefined,
    clients: [],
  };

  const connectClient = async (extra: Partial<cassandra.DseClientOptions> = {}): Promise<cassandra.Client> => {
    // The driver reaches the peers it finds in system.peers on one port for all: the contact point's.
    const port = Number(state.contactPoints[0]?.split(':').pop() ?? 9042);
    const client = new cassandra.Client({
      contactPoints: state.contactPoints,
      localDataCenter: state.localDataCenter,
      protocolOptions: { port },
      ...extra,
    });
    state.clients.push(client);
    await client.connect();
    return client;
  };

  beforeAll(async () => {
    if (externalContactPoint !== undefined) {
      state.contactPoints = [externalContactPoint];
      state.localDataCenter = process.env['CQL_LOCAL_DC'] || DEFAULT_LOCAL_DC;
    } else {
      const cluster = await startCluster({ port: 0, nodes: options.nodes ?? 1, ...(options.virtualClock ? { clock: 'virtual' } : {}) });
      state.cluster = cluster;
      state.contactPoints = cluster.contactPoints;
      state.localDataCenter = cluster.localDataCenter;
    }
    const client = await connectClient();
    state.client = client;
    if (options.keyspace !== false) {
      const keyspace = uniqueName(`conf_${name}`);
      await client.execute(
        `CREATE KEYSPACE ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': ${options.nodes ?? 1}}`,
      );
      await client.execute(`USE ${keyspace}`);
      state.keyspace = keyspace;
    }
  });

  afterAll(async () => {
    try {
      if (state.client !== undefined && state.keyspace !== undefined && isExternalTarget) {
        await state.client.execute(`DROP KEYSPACE IF EXISTS ${state.keyspace}`);
      }
    } finally {
      await Promise.allSettled(state.clients.map((client) => client.shutdown()));
      await state.cluster?.close();
    }
  });

  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) {
      throw new Error(`${what} is not ready: use it inside tests or hooks registered after useNodeTarget()`);
    }
    return value;
  };

  return {
    get client() {
      return ready(state.client, 'client');
    },
    get keyspace() {
      return ready(state.keyspace, 'keyspace');
    },
    get contactPoints() {
      return state.contactPoints;
    },
    get localDataCenter() {
      return state.localDataCenter;
    },
    get cluster() {
      return state.cluster;
    },
    newClient: connectClient,
    async advanceTime(ms: number) {
      const cluster = ready(state.cluster, 'cluster (virtual clock needs Cassanova)');
      await cluster.advanceTime(ms);
    },
  };
}

/** Statements on a target's client: `run` answers the result set, `one` the single row it must hold. */
export interface StatementRunner {
  run(cql: string, params?: unknown[], prepare?: boolean): Promise<cassandra.types.ResultSet>;
  one(cql: string, params?: unknown[], prepare?: boolean): Promise<cassandra.types.Row>;
}

/** A StatementRunner that prepares whenever there are parameters, unless told otherwise. */
export function statementRunner(target: NodeTarget): StatementRunner {
  const run = (cql: string, params: unknown[] = [], prepare = params.length > 0) => target.client.execute(cql, params, { prepare });
  return {
    run,
    async one(cql, params = [], prepare = params.length > 0) {
      const { rows } = await run(cql, params, prepare);
      if (rows.length !== 1) throw new Error(`expected one row from ${cql}, got ${rows.length}`);
      return rows[0]!;
    },
  };
}
