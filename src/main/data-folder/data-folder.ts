import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CASSANOVA_VERSION, clusterConfig, type ClusterConfig } from '../../config/index.js';
import { uuidText } from '../../admin/index.js';
import { writeFileAtomic } from './atomic-file.js';
import { DATA_FOLDER_FORMAT, DataFolderError, type ClusterManifest, type ManifestNode } from './cluster-manifest.js';
import { FolderLock } from './folder-lock.js';
import { MANIFEST_FILE, savedManifest } from './saved-manifest.js';

/** What the folder records of a node: the cluster's NodeIdentity, seen from here without importing the cluster. */
export interface FolderNodeIdentity {
  readonly id: number;
  readonly hostId: Buffer;
  readonly tokens: readonly bigint[];
  readonly dataCenter: string;
  readonly rack: string;
}

const SCHEMA = 'schema.cql';
/** Not cassanova.lock: that is `cassanova run`'s lock, in the same folder when run keeps its data there. */
const LOCK = 'cassanova-data.lock';

/**
 * A cluster's data folder: `cassanova.json` (who the cluster and its nodes are), `schema.cql` (the schema as
 * the CQL that recreates it) and one folder per node (`node1/commitlog`, `node1/data`, `node1/hints`).
 * Open while the cluster runs, locked against a second process.
 */
export class DataFolder {
  readonly root: string;
  /** The manifest found when the folder was opened; null for a new folder. */
  readonly manifest: ClusterManifest | null;
  private readonly lock: FolderLock;
  /** The manifest as this run last wrote it. */
  private written: ClusterManifest | null = null;

  private constructor(root: string) {
    this.root = root;
    mkdirSync(root, { recursive: true });
    this.lock = FolderLock.take(join(root, LOCK));
    try {
      this.manifest = savedManifest(root);
    } catch (e) {
      this.lock.release();
      throw e;
    }
  }

  static open(root: string): DataFolder {
    return new DataFolder(resolve(root));
  }

  /**
   * The configuration of a start from this folder: the folder's nodes, with their ids, host ids, tokens and
   * places, over those of `config`; refused, as Cassandra refuses to start, when the folder is another
   * cluster's or the token count changed.
   */
  restoredConfig(config: ClusterConfig, requestedNodes: number | undefined): ClusterConfig {
    const m = this.manifest;
    if (m === null) return config;
    if (m.clusterName !== config.clusterName) {
      throw new DataFolderError(`Saved cluster name ${m.clusterName} != configured name ${config.clusterName} (${this.root})`);
    }
    if (m.numTokens !== config.numTokens) {
      throw new DataFolderError(`Cannot change the number of tokens from ${m.numTokens} to ${config.numTokens} (${this.root})`);
    }
    if (requestedNodes !== undefined && requestedNodes !== m.nodes.length) {
      throw new DataFolderError(`The data folder ${this.root} holds a cluster of ${m.nodes.length} nodes, not ${requestedNodes}: `
        + 'start it without a node count, and add or remove nodes once it runs');
    }
    const layout = [...m.nodes].sort((a, b) => a.id - b.id).map((n) => ({
      dataCenter: n.dataCenter, rack: n.rack, restored: { id: n.id, hostId: n.hostId, tokens: n.tokens.map(BigInt) },
    }));
    // A virtual clock resumes where the last run left it when the real time is behind that.
    const resume = config.clock !== 'system' && config.clockStartMs === null && m.clockMs !== undefined && m.clockMs > Date.now();
    return clusterConfig({ ...config, layout, initialTokens: null, hostIds: null, ...(resume ? { clockStartMs: m.clockMs } : {}) });
  }

  /** Records who the ring members are now (after a start, a node added, decommissioned or removed). */
  saveManifest(config: ClusterConfig, members: readonly FolderNodeIdentity[]): void {
    const manifest: ClusterManifest = {
      format: DATA_FOLDER_FORMAT, writtenBy: CASSANOVA_VERSION, clusterName: config.clusterName, addressing: config.addressing,
      numTokens: config.numTokens, nodes: members.map(manifestNode),
    };
    this.write(manifest);
  }

  /** Records where the cluster's virtual clock stands as it closes (see ClusterManifest.clockMs). */
  saveClock(nowMs: number): void {
    if (this.written !== null) this.write({ ...this.written, clockMs: nowMs });
  }

  private write(manifest: ClusterManifest): void {
    writeFileAtomic(join(this.root, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    this.written = manifest;
  }

  /** The schema script saved by the last schema change, or null. */
  savedSchema(): string | null {
    const path = join(this.root, SCHEMA);
    return existsSync(path) ? readFileSync(path, 'utf8') : null;
  }

  saveSchema(statements: readonly string[]): void {
    const header = '-- The schema of this Cassanova cluster, rewritten on every schema change and run again at start.\n\n';
    writeFileAtomic(join(this.root, SCHEMA), header + statements.map((s) => `${s}\n`).join('\n'));
  }

  /** node<id>/, created on first use, under which a node keeps commitlog/, data/ and hints/. */
  nodeFolder(id: number): string {
    const folder = join(this.root, `node${id}`);
    mkdirSync(folder, { recursive: true });
    return folder;
  }

  close(): void {
    this.lock.release();
  }
}

function manifestNode(n: FolderNodeIdentity): ManifestNode {
  return { id: n.id, hostId: uuidText(n.hostId), tokens: n.tokens.map(String), dataCenter: n.dataCenter, rack: n.rack };
}
