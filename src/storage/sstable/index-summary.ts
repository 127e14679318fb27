import { comparePartitionPositions, PartitionKeyPosition } from '../partition-order.js';
import type { DataInput, DataOutput } from '../serialization/index.js';

/**
 * The in-memory sample of Index.db (Cassandra's IndexSummary): the first key of every chunk of
 * `interval` index entries (min_index_interval) and where that chunk lies, so a lookup reads one chunk.
 */
export class IndexSummary {
  constructor(
    readonly interval: number,
    readonly firstPositions: readonly PartitionKeyPosition[],
    /** Offset and length (frame included) of each chunk in Index.db. */
    readonly chunkOffsets: readonly number[],
    readonly chunkLengths: readonly number[],
    readonly last: PartitionKeyPosition | null,
  ) {}

  get chunkCount(): number {
    return this.firstPositions.length;
  }

  /** The chunk that would hold `position`: the last whose first key is not after it; -1 when before all. */
  chunkFor(position: PartitionKeyPosition): number {
    let lo = 0;
    let hi = this.firstPositions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (comparePartitionPositions(this.firstPositions[mid]!, position) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  serialize(out: DataOutput): void {
    out.writeUVInt(this.interval);
    out.writeUVInt(this.firstPositions.length);
    for (let i = 0; i < this.firstPositions.length; i++) {
      const p = this.firstPositions[i]!;
      out.writeLong(p.token);
      out.writeBytes(p.key);
      out.writeUVInt(this.chunkOffsets[i]!);
      out.writeUVInt(this.chunkLengths[i]!);
    }
    out.writeByte(this.last === null ? 0 : 1);
    if (this.last !== null) {
      out.writeLong(this.last.token);
      out.writeBytes(this.last.key);
    }
  }

  static deserialize(input: DataInput): IndexSummary {
    const interval = input.readUVInt();
    const count = input.readUVInt();
    const positions: PartitionKeyPosition[] = [];
    const offsets: number[] = [];
    const lengths: number[] = [];
    for (let i = 0; i < count; i++) {
      const token = input.readLong();
      positions.push(new PartitionKeyPosition(token, Buffer.from(input.readBytes())));
      offsets.push(input.readUVInt());
      lengths.push(input.readUVInt());
    }
    let last: PartitionKeyPosition | null = null;
    if (input.readByte() === 1) {
      const token = input.readLong();
      last = new PartitionKeyPosition(token, Buffer.from(input.readBytes()));
    }
    return new IndexSummary(interval, positions, offsets, lengths, last);
  }
}
