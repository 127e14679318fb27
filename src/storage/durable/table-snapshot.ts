import { existsSync, linkSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BINARY_COMPONENTS } from '../sstable/descriptor.js';
import { Descriptor, listSSTables, nextGeneration, syncPath } from '../sstable/index.js';

/** Under a table's folder, as in Cassandra: `snapshots/<name>/` holds each snapshot's hard links. */
export const SNAPSHOTS_FOLDER = 'snapshots';

/** A snapshot name that can be a folder name: no path separator, no '.' or '..' (the API checks more). */
const FOLDER_NAME = /^(?!\.\.?$)[^/\\\0]{1,255}$/;

export function checkSnapshotFolderName(name: string): void {
  if (!FOLDER_NAME.test(name)) throw new RangeError(`Invalid snapshot name '${name}': it must be usable as a folder name`);
}

/** The folder of snapshot `name` of the table whose folder is `tableFolder`. */
export function snapshotFolder(tableFolder: string, name: string): string {
  checkSnapshotFolderName(name);
  return join(tableFolder, SNAPSHOTS_FOLDER, name);
}

/** Binary components first and the TOC last: a link cut short leaves a generation without TOC, ignored and removed. */
const LINK_ORDER = [...BINARY_COMPONENTS, 'TOC.txt'] as const;

function linkSSTable(from: Descriptor, to: Descriptor): void {
  for (const component of LINK_ORDER) linkSync(from.path(component), to.path(component));
}


export interface TableSnapshotFiles {
  /** The CQL that recreates the table (the snapshot's schema.cql). */
  readonly schemaCql: string;
  readonly createdAt: Date;
}

/**
 * Writes snapshot `name` of a table (ColumnFamilyStore.snapshotWithoutMemtable): a hard link of each
 * component of `sstables` under the same names, then manifest.json (the files, as Cassandra's
 * SnapshotManifest lists them) and schema.cql. Hard links share the data with the live files: compaction
 * deleting a live SSTable leaves the snapshot's copy whole.
 */
export function writeTableSnapshot(tableFolder: string, name: string, sstables: readonly Descriptor[], files: TableSnapshotFiles): void {
  const folder = snapshotFolder(tableFolder, name);
  if (existsSync(folder)) throw new Error(`Snapshot ${name} already exists in ${tableFolder}`);
  mkdirSync(folder, { recursive: true });
  const names: string[] = [];
  for (const sstable of sstables) {
    linkSSTable(sstable, new Descriptor(folder, sstable.generation));
    names.push(...LINK_ORDER.map((component) => sstable.fileName(component)));
  }
  const manifest = { files: names, created_at: files.createdAt.toISOString(), expires_at: null, ephemeral: false };
  writeFileSync(join(folder, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(folder, 'schema.cql'), files.schemaCql);
  syncPath(folder).runSync();
}

/**
 * Links the SSTables of snapshot `name` back into the table's folder as new generations (what an operator
 * does by copying a snapshot into the table folder and running nodetool refresh); none when the table has no
 * such snapshot. Returns the new SSTables, oldest first.
 */
export function linkSnapshotBack(tableFolder: string, name: string): Descriptor[] {
  const folder = snapshotFolder(tableFolder, name);
  if (!existsSync(folder)) return [];
  const linked: Descriptor[] = [];
  let generation = nextGeneration(tableFolder);
  for (const sstable of listSSTables(folder)) {
    const live = new Descriptor(tableFolder, generation++);
    linkSSTable(sstable, live);
    linked.push(live);
  }
  if (linked.length > 0) syncPath(tableFolder).runSync();
  return linked;
}

/** Deletes snapshot `name` of a table (nodetool clearsnapshot -t name); the snapshots folder goes once empty. */
export function removeTableSnapshot(tableFolder: string, name: string): void {
  const parent = join(tableFolder, SNAPSHOTS_FOLDER);
  rmSync(snapshotFolder(tableFolder, name), { recursive: true, force: true });
  if (existsSync(parent) && readdirSync(parent).length === 0) rmSync(parent, { recursive: true, force: true });
}

/** Whether the table's folder holds any snapshot (and must stay when the table is dropped). */
export function hasSnapshots(tableFolder: string): boolean {
  const parent = join(tableFolder, SNAPSHOTS_FOLDER);
  return existsSync(parent) && readdirSync(parent).length > 0;
}

/** Every table folder of a node's data folder (`data/<keyspace>/<table>-<id>`), dropped tables' included. */
export function tableFolders(dataFolder: string): string[] {
  if (!existsSync(dataFolder)) return [];
  return readdirSync(dataFolder).flatMap((keyspace) => readdirSync(join(dataFolder, keyspace)).map((table) => join(dataFolder, keyspace, table)));
}
