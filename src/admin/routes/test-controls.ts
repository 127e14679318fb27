import { userKeyspaces, userTables, type ClusterSnapshot } from '../../cluster/index.js';
import { notFound } from '../admin-error.js';
import { route, type AdminRoute, type AdminContext } from '../route.js';
import { arrayOf, INTEGER, object, STRING } from '../schemas.js';

const SNAPSHOT_NAME = {
  type: 'string', pattern: '^[A-Za-z0-9._-]{1,100}$', description: "1 to 100 letters, digits, '.', '_' or '-'",
};
const SNAPSHOT_NAME_PARAMS = object({ name: SNAPSHOT_NAME }, ['name']);
const SNAPSHOT = object({
  name: SNAPSHOT_NAME,
  takenAt: { type: 'string', format: 'date-time', description: "on the cluster's clock" },
  keyspaces: arrayOf(STRING, { description: 'the user keyspaces it holds' }),
  partitions: { ...INTEGER, minimum: 0, description: 'partitions held over every node and table (each replica counted)' },
}, ['name', 'takenAt', 'keyspaces', 'partitions']);

function snapshotView(snapshot: ClusterSnapshot): unknown {
  return { name: snapshot.name, takenAt: snapshot.takenAt.toISOString(), keyspaces: snapshot.keyspaces, partitions: snapshot.partitionCount };
}

function namedSnapshot({ operations }: AdminContext, name: string): ClusterSnapshot {
  const snapshot = operations.snapshots().find((s) => s.name === name);
  if (snapshot === undefined) throw notFound(`No snapshot named ${name}`);
  return snapshot;
}

/** The first free name of the form snapshot-N, for a snapshot asked for without one. */
function freeName({ operations }: AdminContext): string {
  const taken = new Set(operations.snapshots().map((s) => s.name));
  let n = 1;
  while (taken.has(`snapshot-${n}`)) n++;
  return `snapshot-${n}`;
}

/** Between tests: reset, truncate every table, and named snapshots of the whole cluster. */
export const testControlRoutes: readonly AdminRoute[] = [
  route({
    method: 'POST', url: '/reset', tag: 'test controls',
    summary: 'Back to a new cluster of the same nodes: user keyspaces dropped, hints, batchlog, Paxos state and traces cleared, '
      + 'the test state registered with onReset cleared, every node up, the network healed (409 during a topology change)',
    body: object({}), response: object({ droppedKeyspaces: arrayOf(STRING) }, ['droppedKeyspaces']), errors: [409],
    handle: async (context) => {
      const droppedKeyspaces = userKeyspaces(context.cluster.schema).map((ks) => ks.name);
      await context.operations.reset();
      return { droppedKeyspaces };
    },
  }),
  route({
    method: 'POST', url: '/truncate', tag: 'test controls',
    summary: 'Empties every user table on every node (stopped ones too), keeping the schema (409 during a topology change)',
    body: object({}), response: object({ truncatedTables: arrayOf(STRING, { description: 'keyspace.table' }) }, ['truncatedTables']),
    errors: [409],
    handle: async (context) => {
      const truncatedTables = userTables(context.cluster.schema).map((t) => `${t.keyspace}.${t.name}`);
      await context.operations.truncateAll();
      return { truncatedTables };
    },
  }),
  route({
    method: 'GET', url: '/snapshots', tag: 'test controls', summary: 'The named snapshots, oldest first',
    response: arrayOf(SNAPSHOT),
    handle: ({ operations }) => operations.snapshots().map(snapshotView),
  }),
  route<unknown, unknown, { readonly name?: string } | undefined>({
    method: 'POST', url: '/snapshots', tag: 'test controls', status: 201,
    summary: 'Takes a snapshot of the whole cluster (schema, data, hints, batchlog, Paxos state, node states, network faults), '
      + 'kept under its name until deleted; with a data folder, every node also flushes and hard-links its SSTables under '
      + 'snapshots/<name>/, and the snapshot outlives a restart (409 for a name taken, or during a topology change)',
    body: object({ name: { ...SNAPSHOT_NAME, description: `${SNAPSHOT_NAME.description}; default: the first free snapshot-N` } }),
    response: SNAPSHOT, errors: [409],
    handle: async (context, { body }) => snapshotView(await context.operations.snapshot(body?.name ?? freeName(context))),
  }),
  route<{ readonly name: string }>({
    method: 'POST', url: '/snapshots/:name/restore', tag: 'test controls',
    summary: 'Brings the cluster back to a named snapshot: schema (clients told of each change), data, hints, node states, network faults '
      + '(409 during a topology change, or when nodes were added or removed since)',
    params: SNAPSHOT_NAME_PARAMS, response: SNAPSHOT, errors: [404, 409],
    handle: async (context, { params }) => {
      const snapshot = namedSnapshot(context, params.name);
      await context.operations.restore(snapshot);
      return snapshotView(snapshot);
    },
  }),
  route<{ readonly name: string }>({
    method: 'DELETE', url: '/snapshots/:name', tag: 'test controls', status: 204, summary: 'Deletes a named snapshot',
    params: SNAPSHOT_NAME_PARAMS, response: null, errors: [404],
    handle: (context, { params }) => {
      context.operations.deleteSnapshot(namedSnapshot(context, params.name).name!);
    },
  }),
];
