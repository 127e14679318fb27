import { ProtocolError } from '../../../errors/index.js';

/**
 * Where the next page starts: after `clustering` in partition `key` (or at the partition after `key`
 * when clustering is null), with the limits still remaining. Opaque to clients and independent of the
 * connection, so a page can be fetched on any connection to any node.
 */
export interface PagingState {
  readonly key: Buffer;
  readonly clustering: readonly Buffer[] | null;
  readonly remaining: number;
  readonly remainingInPartition: number;
}

const FORMAT_VERSION = 1;

function encodeCount(n: number): number {
  return Number.isFinite(n) ? n : -1;
}

function decodeCount(n: number): number {
  return n < 0 ? Infinity : n;
}

export function encodePagingState(state: PagingState): Buffer {
  const clustering = state.clustering ?? [];
  const size = 1 + 4 + state.key.length + 4 + clustering.reduce((n, c) => n + 4 + c.length, 0) + 8;
  const out = Buffer.allocUnsafe(size);
  let o = out.writeUInt8(FORMAT_VERSION, 0);
  o = out.writeInt32BE(state.key.length, o);
  o += state.key.copy(out, o);
  o = out.writeInt32BE(state.clustering === null ? -1 : clustering.length, o);
  for (const c of clustering) {
    o = out.writeInt32BE(c.length, o);
    o += c.copy(out, o);
  }
  o = out.writeInt32BE(encodeCount(state.remaining), o);
  out.writeInt32BE(encodeCount(state.remainingInPartition), o);
  return out;
}

export function decodePagingState(data: Buffer): PagingState {
  const fail = (): never => { throw new ProtocolError('Invalid value for the paging state'); };
  try {
    if (data.readUInt8(0) !== FORMAT_VERSION) fail();
    let o = 1;
    const keyLength = data.readInt32BE(o);
    o += 4;
    if (keyLength < 0 || o + keyLength > data.length) fail();
    const key = Buffer.from(data.subarray(o, o + keyLength));
    o += keyLength;
    const count = data.readInt32BE(o);
    o += 4;
    let clustering: Buffer[] | null = null;
    if (count >= 0) {
      clustering = [];
      for (let i = 0; i < count; i++) {
        const length = data.readInt32BE(o);
        o += 4;
        if (length < 0 || o + length > data.length) fail();
        clustering.push(Buffer.from(data.subarray(o, o + length)));
        o += length;
      }
    }
    const remaining = decodeCount(data.readInt32BE(o));
    const remainingInPartition = decodeCount(data.readInt32BE(o + 4));
    if (o + 8 !== data.length) fail();
    return { key, clustering, remaining, remainingInPartition };
  } catch (e) {
    if (e instanceof ProtocolError) throw e;
    return fail();
  }
}
