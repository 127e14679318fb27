import { ConsistencyLevel } from '../../errors/index.js';
import type { RingEndpoint } from '../ring/token-ring.js';
import { assureSufficientLiveReplicas, blockFor, isDatacenterLocal } from './consistency.js';
import type { CoordinatorNode } from './coordinator-node.js';
import type { Placement } from './placement.js';

/** Which replicas a read asks and may ask (Cassandra's ReplicaPlan.ForRead). */
export interface ReadPlan {
  readonly cl: ConsistencyLevel;
  /** Answers the read waits for. */
  readonly blockFor: number;
  /** The live replicas it may ask, closest first: the coordinator, its data center, the others. */
  readonly candidates: readonly RingEndpoint[];
  /** The replicas asked so far, in order; a speculative retry adds one. */
  readonly contacts: RingEndpoint[];
  readonly placement: Placement;
}

/**
 * ReplicaPlans.forRead: Unavailable unless enough live replicas count towards the level; candidates are
 * the live replicas that count (the local data center's for LOCAL_* levels), sorted by proximity as
 * Cassandra's snitch sorts them; contacts are the first blockFor of them, one more when the table always
 * speculates, or a quorum in each data center for EACH_QUORUM.
 */
export function readPlan(node: CoordinatorNode, placement: Placement, cl: ConsistencyLevel, alwaysSpeculate: boolean): ReadPlan {
  const localDc = node.identity.dataCenter;
  const alive = placement.replicas.filter((r) => node.isAlive(r.id));
  assureSufficientLiveReplicas(cl, alive, placement.factors, localDc);
  const required = blockFor(cl, placement.factors, localDc);
  const rank = (r: RingEndpoint): number => (r.id === node.identity.id ? 0 : r.dataCenter === localDc ? 1 : 2);
  const sorted = [...alive].sort((a, b) => rank(a) - rank(b) || a.id - b.id);
  const candidates = isDatacenterLocal(cl) ? sorted.filter((r) => r.dataCenter === localDc) : sorted;
  if (cl === ConsistencyLevel.EACH_QUORUM) {
    const contacts: RingEndpoint[] = [];
    for (const [dc, rf] of placement.factors) {
      contacts.push(...sorted.filter((r) => r.dataCenter === dc).slice(0, Math.floor(rf / 2) + 1));
    }
    return { cl, blockFor: required, candidates, contacts, placement };
  }
  const contacts = candidates.slice(0, Math.min(required + (alwaysSpeculate ? 1 : 0), candidates.length));
  return { cl, blockFor: required, candidates, contacts, placement };
}

/** The first candidate not contacted yet (ReplicaPlan.firstUncontactedCandidate). */
export function firstUncontacted(plan: ReadPlan): RingEndpoint | undefined {
  return plan.candidates.find((r) => !plan.contacts.includes(r));
}

/** Where a read repair writes and may write more (ReplicaPlans.forReadRepair and its live uncontacted replicas). */
export interface RepairPlan {
  readonly cl: ConsistencyLevel;
  /** Acknowledgements the level wants of a write (blockForWrite). */
  readonly writeQuorum: number;
  /** The read's contacts still alive: the replicas a repair goes to. */
  readonly contacts: readonly RingEndpoint[];
  /** Live replicas the read did not contact (the local data center's for LOCAL_* levels): where more repair writes go. */
  readonly uncontacted: readonly RingEndpoint[];
}

export function repairPlan(node: CoordinatorNode, plan: ReadPlan): RepairPlan {
  const localDc = node.identity.dataCenter;
  const live = plan.placement.replicas.filter((r) => node.isAlive(r.id));
  const contacts = live.filter((r) => plan.contacts.includes(r));
  const uncontacted = live.filter((r) => !plan.contacts.includes(r) && (!isDatacenterLocal(plan.cl) || r.dataCenter === localDc));
  return { cl: plan.cl, writeQuorum: blockFor(plan.cl, plan.placement.factors, localDc), contacts, uncontacted };
}
