import type { SeededRandom } from '../../common/index.js';
import type { ClusterConfig, RestoredIdentity } from '../../config/index.js';
import { parseInet } from '../../types/index.js';
import type { NodeIdentity } from '../node/node-identity.js';
import { allocateTokens } from '../ring/token-allocation.js';

/** The address of node i (1-based): consecutive addresses after the configured one (127.0.0.1, .2, …). */
export function nodeAddress(base: string, index: number): string {
  const parts = base.split('.').map(Number);
  parts[3] = parts[3]! + index - 1;
  return parts.join('.');
}

/** A node's address as an [inet]'s bytes: 4 for IPv4, 16 for IPv6. */
export function addressBytes(address: string): Buffer {
  const bytes = parseInet(address);
  if (bytes === undefined) throw new RangeError(`'${address}' is not an IP address`);
  return bytes;
}

/** A random (version 4) host id, drawn from the cluster's seed. */
function hostId(random: SeededRandom): Buffer {
  const b = random.bytes(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  return b;
}

/**
 * Hands out who each new node is: the next id (never reused, nor its address), its address, a host
 * id and its tokens, random ones (num_tokens) unless given; no token is owned twice.
 */
export class NodeIdentities {
  private lastId = 0;
  private readonly taken = new Set<bigint>();

  constructor(private readonly config: ClusterConfig, private readonly random: SeededRandom) {}

  next(dataCenter: string, rack: string, given: readonly bigint[] | undefined, restored?: RestoredIdentity): NodeIdentity {
    const id = restored?.id ?? this.lastId + 1;
    if (id <= this.lastId) throw new RangeError(`Node ids must increase: ${id} after ${this.lastId}`);
    const address = this.addressOf(id);
    for (const t of restored?.tokens ?? given ?? []) {
      if (this.taken.has(t)) throw new RangeError(`Bootstrapping to existing token ${t} is not allowed (decommission/removenode the old node first).`);
    }
    const tokens = restored?.tokens ?? given ?? allocateTokens(this.random, this.config.numTokens, this.taken);
    for (const t of tokens) this.taken.add(t);
    this.lastId = id;
    // A configured host id still draws one, so the nodes after it get the same ids either way.
    const drawn = hostId(this.random);
    const configured = restored?.hostId ?? this.config.hostIds?.[id - 1];
    return { id, address, hostId: configured === undefined ? drawn : Buffer.from(configured.replaceAll('-', ''), 'hex'), tokens, dataCenter, rack };
  }

  /** The tokens of a node that left may be taken again. */
  release(identity: NodeIdentity): void {
    for (const t of identity.tokens) this.taken.delete(t);
  }

  private addressOf(id: number): string {
    if (this.config.addressing === 'ports') return this.config.address;
    const address = nodeAddress(this.config.address, id);
    if (Number(address.split('.')[3]) > 255) throw new RangeError(`No address left for node ${id} after ${this.config.address}`);
    return address;
  }
}
