import { MURMUR3_PARTITIONER_CLASS, RELEASE_VERSION, type Cluster } from '../../cluster/index.js';
import { route, type AdminRoute } from '../route.js';
import { arrayOf, INTEGER, object, STRING } from '../schemas.js';
import { uuidText } from '../uuid-text.js';

const SNITCH = 'org.apache.cassandra.locator.GossipingPropertyFileSnitch';

const CLUSTER = object({
  name: STRING,
  partitioner: STRING,
  snitch: STRING,
  releaseVersion: STRING,
  schemaVersion: { type: 'string', format: 'uuid', description: 'the same on every node: schema changes reach all at once' },
  clock: { type: 'string', enum: ['system', 'virtual'] },
  nowMs: { type: 'integer', description: "the cluster's time, in milliseconds since the epoch" },
  seed: INTEGER,
  addressing: { type: 'string', enum: ['addresses', 'ports'] },
  topologyVersion: INTEGER,
  keyspaces: arrayOf(object({
    name: STRING,
    replication: { type: 'object', additionalProperties: STRING, description: "as system_schema.keyspaces.replication: 'class' and the factors" },
    tables: arrayOf(STRING),
  }, ['name', 'replication', 'tables'])),
}, ['name', 'partitioner', 'snitch', 'releaseVersion', 'schemaVersion', 'clock', 'nowMs', 'seed', 'addressing', 'topologyVersion', 'keyspaces']);

function clusterView(cluster: Cluster): unknown {
  const config = cluster.config;
  return {
    name: config.clusterName,
    partitioner: MURMUR3_PARTITIONER_CLASS,
    snitch: SNITCH,
    releaseVersion: RELEASE_VERSION,
    schemaVersion: uuidText(cluster.schema.version),
    clock: config.clock,
    nowMs: Math.floor(cluster.clock.nowMs()),
    seed: config.seed,
    addressing: config.addressing,
    topologyVersion: cluster.topologyVersion,
    keyspaces: [...cluster.schema.keyspaces.values()].map((ks) => ({
      name: ks.name,
      replication: Object.fromEntries(ks.replication),
      tables: [...ks.tables.keys()],
    })),
  };
}

/** The cluster as a whole: what nodetool describecluster reports, and the clock and seed it runs on. */
export const clusterRoutes: readonly AdminRoute[] = [
  route({
    method: 'GET', url: '/cluster', tag: 'cluster', summary: 'The cluster: name, partitioner, schema version, clock, keyspaces',
    response: CLUSTER,
    handle: ({ cluster }) => clusterView(cluster),
  }),
];
