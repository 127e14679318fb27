import type { Cluster } from '../../cluster/index.js';
import { NodeSession, schemaScript } from '../../query/index.js';
import type { DataFolder } from './data-folder.js';

/**
 * Puts a cluster back as its data folder left it and keeps the folder up to date: the schema saved there is
 * run again (on node 1, before any client can connect), each node opens its SSTables and replays its commit
 * log, then every schema change rewrites `schema.cql` and every change of the ring rewrites `cassanova.json`.
 * Returns what stops the updates.
 */
export async function bindDataFolder(cluster: Cluster, folder: DataFolder): Promise<() => void> {
  const saved = folder.savedSchema();
  if (saved !== null) {
    const session = new NodeSession(cluster.node(cluster.ringMembers()[0]!.identity.id));
    try {
      await cluster.awaiting(session.executeScript(saved, {}, `${folder.root}/schema.cql`));
    } finally {
      session.close();
    }
  }
  cluster.openStorage((id) => folder.nodeFolder(id));
  const saveManifest = (): void => folder.saveManifest(cluster.config, cluster.ringMembers().map((n) => n.identity));
  saveManifest();
  const stopSchema = cluster.onSchemaChange((_change, _before, after) => folder.saveSchema(schemaScript(after)));
  const stopTopology = cluster.onTopologyChange(saveManifest);
  return () => {
    stopSchema();
    stopTopology();
  };
}
