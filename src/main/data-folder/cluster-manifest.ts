import type { Addressing } from '../../config/index.js';

/** The version of the data folder's layout and files; a folder written by a newer one is refused. */
export const DATA_FOLDER_FORMAT = 1;

/** Who one node of the cluster is, as it must be again after a restart. */
export interface ManifestNode {
  readonly id: number;
  readonly hostId: string;
  readonly tokens: readonly string[];
  readonly dataCenter: string;
  readonly rack: string;
}

/**
 * `cassanova.json` at the root of a data folder: what makes the cluster the same cluster when it starts again
 * from the folder (Cassandra keeps the same facts in each node's system.local and system.peers).
 */
export interface ClusterManifest {
  readonly format: number;
  /** The Cassanova version that last wrote the folder, for the record. */
  readonly writtenBy: string;
  readonly clusterName: string;
  readonly addressing: Addressing;
  readonly numTokens: number;
  /** The ring members, by id. */
  readonly nodes: readonly ManifestNode[];
  /**
   * Where a 'virtual' or 'auto' clock stood when the cluster last closed: the next start resumes there if the
   * real time is behind it, or writes made then would lose to those made before (their timestamps earlier).
   */
  readonly clockMs?: number;
}

/** Raised for a data folder that cannot be used: another cluster's, a newer format's, or damaged. */
export class DataFolderError extends Error {
  override readonly name = 'DataFolderError';
}

/** The manifest in `text`, checked field by field: a damaged or foreign file is refused, never half-read. */
export function parseManifest(text: string, path: string): ClusterManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new DataFolderError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
  const bad = (what: string): never => {
    throw new DataFolderError(`${path} is damaged or not a Cassanova data folder manifest: ${what}`);
  };
  if (typeof value !== 'object' || value === null) return bad('not an object');
  const m = value as Record<string, unknown>;
  if (typeof m.format !== 'number' || !Number.isInteger(m.format)) return bad('no format number');
  if (m.format > DATA_FOLDER_FORMAT) {
    throw new DataFolderError(`${path} was written in data folder format ${m.format}, newer than this Cassanova's format `
      + `${DATA_FOLDER_FORMAT}: use the Cassanova version that wrote it (${String(m.writtenBy)}) or a newer one`);
  }
  if (typeof m.clusterName !== 'string') return bad('no clusterName');
  if (m.addressing !== 'addresses' && m.addressing !== 'ports') return bad('addressing');
  if (typeof m.numTokens !== 'number') return bad('numTokens');
  if (!Array.isArray(m.nodes) || m.nodes.length === 0) return bad('no nodes');
  const nodes = m.nodes.map((n: unknown, i: number): ManifestNode => {
    const node = n as Record<string, unknown> | null;
    const ok = node !== null && typeof node === 'object' && Number.isInteger(node.id) && typeof node.hostId === 'string'
      && Array.isArray(node.tokens) && node.tokens.every((t) => typeof t === 'string' && /^-?\d+$/.test(t))
      && typeof node.dataCenter === 'string' && typeof node.rack === 'string';
    return ok ? (node as unknown as ManifestNode) : bad(`node entry ${i}`);
  });
  if (m.clockMs !== undefined && !Number.isFinite(m.clockMs)) return bad('clockMs');
  return {
    format: m.format, writtenBy: String(m.writtenBy), clusterName: m.clusterName, addressing: m.addressing,
    numTokens: m.numTokens, nodes, ...(typeof m.clockMs === 'number' ? { clockMs: m.clockMs } : {}),
  };
}
