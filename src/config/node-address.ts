import { isIP } from 'node:net';
import type { Addressing } from './cluster-config.js';

/**
 * The rules for node 1's address: an IP address (a host name would have to be resolved, and nodes need
 * consecutive addresses after it); with one address per node, IPv4, since Linux routes only ::1 of IPv6
 * to the loopback interface, while the whole of 127.0.0.0/8 is.
 */
export function checkNodeAddress(address: string, addressing: Addressing, nodeCount: number): void {
  const version = isIP(address);
  if (version === 0) {
    const hint = address === 'localhost' ? '127.0.0.1' : 'an IP address such as 127.0.0.1';
    throw new RangeError(`Invalid address '${address}': give ${hint} (nodes take consecutive addresses after it, so a host name cannot do)`);
  }
  if (version === 6 && addressing === 'addresses' && nodeCount > 1) {
    throw new RangeError(`IPv6 address ${address} with ${nodeCount} nodes needs addressing 'ports' (one address, consecutive ports): IPv6 has a single loopback address`);
  }
  if (version === 4 && addressing === 'addresses' && Number(address.split('.')[3]) + nodeCount - 1 > 255) {
    throw new RangeError(`Address ${address} leaves no room for ${nodeCount} consecutive addresses`);
  }
}
