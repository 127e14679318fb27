import type { Mutation, PartitionUpdate, UnfilteredPartition } from '../../data/index.js';
import type { TableMetadata } from '../../schema/index.js';
import { DataInput } from './data-input.js';
import { DataOutput } from './data-output.js';
import {
  partitionContext, readContext, readPartitionContent, writeContext, writePartitionContent,
} from './partition-serializer.js';
import { CorruptDataError, UnknownTableError, UnsupportedVersionError } from './serialization-errors.js';

/**
 * Mutations (what the commit log stores) and unfiltered partitions as self-contained byte strings. Each
 * starts with a version byte; tables are referred to by id and found again through a TableLookup, so a
 * table dropped since the write is reported by an UnknownTableError (or skipped on request).
 */

/** The version this code writes; it reads every version up to it. */
export const SERIALIZATION_VERSION = 1;

export type TableLookup = (tableId: Buffer) => TableMetadata | undefined;

const TABLE_ID_BYTES = 16;

function checkVersion(input: DataInput, what: string): void {
  const version = input.readByte();
  if (version > SERIALIZATION_VERSION) throw new UnsupportedVersionError(what, version, SERIALIZATION_VERSION);
  if (version === 0) throw new CorruptDataError(`${what}: version 0 does not exist`);
}

function tableOf(input: DataInput, lookup: TableLookup): TableMetadata {
  const id = input.readRaw(TABLE_ID_BYTES);
  const table = lookup(id);
  if (table === undefined) throw new UnknownTableError(Buffer.from(id));
  return table;
}

function writeUpdate(out: DataOutput, update: PartitionUpdate): void {
  const lengthAt = out.reserveUInt32();
  out.writeRaw(update.table.id);
  const ctx = partitionContext(update);
  writeContext(out, ctx);
  writePartitionContent(out, update, ctx);
  out.setUInt32(lengthAt, out.length - lengthAt - 4);
}

/**
 * Appends the mutation to `out` and returns the bytes it wrote, as a view into `out`'s buffer: copy them
 * before writing more to `out` (or pass no `out` to get bytes of their own).
 */
export function serializeMutation(mutation: Mutation, out = new DataOutput(256)): Buffer {
  const start = out.length;
  out.writeByte(SERIALIZATION_VERSION);
  out.writeString(mutation.keyspace);
  out.writeBytes(mutation.key);
  out.writeLong(mutation.token);
  out.writeUVInt(mutation.updates.length);
  for (const update of mutation.updates) writeUpdate(out, update);
  return out.toBuffer().subarray(start);
}

export interface DeserializeOptions {
  /** Leave out the updates of unknown tables (dropped since) instead of throwing UnknownTableError. */
  readonly skipUnknownTables?: boolean;
}

/** The mutation a buffer holds; values are views into `bytes`. */
export function deserializeMutation(bytes: Buffer, lookup: TableLookup, options: DeserializeOptions = {}): Mutation {
  const input = new DataInput(bytes);
  checkVersion(input, 'mutation');
  const keyspace = input.readString();
  const key = input.readBytes();
  const token = input.readLong();
  const updates: PartitionUpdate[] = [];
  for (let n = input.readUVInt(); n > 0; n--) {
    const length = input.readUInt32();
    const end = input.position + length;
    let table: TableMetadata;
    try {
      table = tableOf(input, lookup);
    } catch (e) {
      if (!(e instanceof UnknownTableError) || options.skipUnknownTables !== true) throw e;
      input.readRaw(end - input.position);
      continue;
    }
    const content = readPartitionContent(input, readContext(input));
    if (input.position !== end) throw new CorruptDataError(`partition update of ${length} bytes read as ${length + input.position - end}`);
    updates.push({ table, key, token, ...content });
  }
  if (input.remaining !== 0) throw new CorruptDataError(`${input.remaining} bytes after the mutation`);
  return { keyspace, key, token, updates };
}

/** Appends the partition to `out` and returns the bytes it wrote (a view, as serializeMutation). */
export function serializeUnfilteredPartition(p: UnfilteredPartition, out = new DataOutput(256)): Buffer {
  const start = out.length;
  out.writeByte(SERIALIZATION_VERSION);
  out.writeRaw(p.table.id);
  out.writeByte(p.reversed ? 1 : 0);
  out.writeBytes(p.key);
  out.writeLong(p.token);
  const ctx = partitionContext(p);
  writeContext(out, ctx);
  writePartitionContent(out, p, ctx);
  return out.toBuffer().subarray(start);
}

export function deserializeUnfilteredPartition(bytes: Buffer, lookup: TableLookup): UnfilteredPartition {
  const input = new DataInput(bytes);
  checkVersion(input, 'partition');
  const table = tableOf(input, lookup);
  const reversed = input.readByte() === 1;
  const key = input.readBytes();
  const token = input.readLong();
  const content = readPartitionContent(input, readContext(input));
  if (input.remaining !== 0) throw new CorruptDataError(`${input.remaining} bytes after the partition`);
  return { table, key, token, reversed, ...content };
}
