import { invariant } from '../../common/index.js';

/** Every node listed in no group is on this side, together with the other unlisted nodes. */
const REST = -1;

/** A partition at some point (NetworkPartition.image): each listed node's side, or null when whole. */
export type PartitionImage = ReadonlyMap<number, number> | null;

/** Which nodes can talk: a partition cuts the cluster into sides that cannot reach each other. */
export class NetworkPartition {
  private sides: ReadonlyMap<number, number> | null = null;

  /**
   * Replaces any earlier partition by these groups. Nodes listed in no group form one more side, so
   * `cut([3])` isolates node 3 from everyone else.
   */
  cut(groups: readonly (readonly number[])[]): void {
    const sides = new Map<number, number>();
    groups.forEach((group, side) => {
      for (const node of group) {
        invariant(!sides.has(node), `node ${node} is listed in two sides of a partition`);
        sides.set(node, side);
      }
    });
    this.sides = sides;
  }

  heal(): void {
    this.sides = null;
  }

  /** The groups given to cut(), or null when nothing is cut. */
  groups(): number[][] | null {
    if (this.sides === null) return null;
    const groups: number[][] = [];
    for (const [node, side] of this.sides) (groups[side] ??= []).push(node);
    return groups.filter((g) => g !== undefined);
  }

  separates(a: number, b: number): boolean {
    if (this.sides === null) return false;
    return (this.sides.get(a) ?? REST) !== (this.sides.get(b) ?? REST);
  }

  /** The cut in force (immutable), to be put back by restore(). */
  image(): PartitionImage {
    return this.sides;
  }

  restore(image: PartitionImage): void {
    this.sides = image;
  }
}
