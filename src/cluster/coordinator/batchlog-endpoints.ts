import type { SeededRandom } from '../../common/index.js';
import type { CoordinatorNode } from './coordinator-node.js';

/** The nodes of a data center by rack, as node ids. */
export type RackMembers = ReadonlyMap<string, readonly number[]>;

/**
 * Picks where a coordinator stores a batch before applying it (Cassandra's
 * ReplicaPlans.filterBatchlogEndpoints): two live nodes of its data center other than itself, from two
 * racks when it can, preferring racks other than its own; only itself in a data center of one node.
 */
export function filterBatchlogEndpoints(
  localRack: string, racks: RackMembers, self: number, isAlive: (id: number) => boolean, random: SeededRandom,
): number[] {
  const all = [...racks.values()].flat();
  if (all.length === 1) return all;
  const validated = new Map<string, number[]>();
  for (const [rack, members] of racks) {
    const live = members.filter((id) => id !== self && isAlive(id));
    if (live.length > 0) validated.set(rack, live);
  }
  const count = [...validated.values()].reduce((n, members) => n + members.length, 0);
  if (count <= 2) return [...validated.values()].flat();
  if (count - (validated.get(localRack)?.length ?? 0) >= 2) validated.delete(localRack);
  if (validated.size === 1) return shuffled([...validated.values()][0]!, random).slice(0, 2);
  const rackNames = validated.size === 2 ? [...validated.keys()] : shuffled([...validated.keys()], random);
  return rackNames.slice(0, 2).map((rack) => {
    const members = validated.get(rack)!;
    return members[Math.floor(random.next() * members.length)]!;
  });
}

/** The batchlog endpoints of a coordinator: from its own data center, as it sees the others alive. */
export function batchlogEndpoints(node: CoordinatorNode): number[] {
  const racks = new Map<string, number[]>();
  for (const n of node.cluster.nodes) {
    if (n.identity.dataCenter !== node.identity.dataCenter) continue;
    const members = racks.get(n.identity.rack) ?? [];
    members.push(n.identity.id);
    racks.set(n.identity.rack, members);
  }
  return filterBatchlogEndpoints(node.identity.rack, racks, node.identity.id, (id) => node.isAlive(id), node.random);
}

function shuffled<T>(items: readonly T[], random: SeededRandom): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
