import { describe, expect, it } from 'vitest';
import { ClientResourceLimits, type BackpressuredConnection, type EndpointReserve } from './client-resource-limits.js';

function waiter(reserve: EndpointReserve): BackpressuredConnection & { released: number } {
  return { reserve, released: 0, releaseBackpressure() { this.released++; } };
}

describe('ClientResourceLimits', () => {
  it('allocates up to the node limit and refuses a byte more, taking nothing', () => {
    const limits = new ClientResourceLimits({ maxConcurrentRequestsInBytes: 100, maxConcurrentRequestsInBytesPerIp: 1000 });
    const a = limits.attach('127.0.0.1');
    const b = limits.attach('127.0.0.2');
    expect(limits.tryAllocate(a, 60)).toBe(true);
    expect(limits.tryAllocate(b, 40)).toBe(true);
    expect(limits.tryAllocate(b, 1)).toBe(false);
    expect(limits.bytesInFlight).toBe(100);
  });

  it('limits each address on its own', () => {
    const limits = new ClientResourceLimits({ maxConcurrentRequestsInBytes: 1000, maxConcurrentRequestsInBytesPerIp: 50 });
    const a = limits.attach('127.0.0.1');
    const sameAddress = limits.attach('127.0.0.1');
    const b = limits.attach('127.0.0.2');
    expect(limits.tryAllocate(a, 50)).toBe(true);
    expect(limits.tryAllocate(sameAddress, 1)).toBe(false);
    expect(limits.tryAllocate(b, 50)).toBe(true);
  });

  it('wakes a waiting connection once both limits have room, and only then', () => {
    const limits = new ClientResourceLimits({ maxConcurrentRequestsInBytes: 100, maxConcurrentRequestsInBytesPerIp: 60 });
    const a = limits.attach('127.0.0.1');
    const b = limits.attach('127.0.0.2');
    expect(limits.tryAllocate(a, 60)).toBe(true);
    const overIp = waiter(a);
    limits.allocateAndWait(10, overIp);
    const overNode = waiter(b);
    expect(limits.tryAllocate(b, 40)).toBe(false);
    limits.allocateAndWait(40, overNode);
    limits.release(b, 40); // the node is below 100 again, 127.0.0.1 still at its limit
    expect([overIp.released, overNode.released]).toEqual([0, 1]);
    limits.release(a, 60);
    expect(overIp.released).toBe(1);
    expect(limits.bytesInFlight).toBe(10);
  });

  it('forgets a waiting connection that closes', () => {
    const limits = new ClientResourceLimits({ maxConcurrentRequestsInBytes: 10, maxConcurrentRequestsInBytesPerIp: 10 });
    const a = limits.attach('127.0.0.1');
    const closed = waiter(a);
    limits.allocateAndWait(20, closed);
    limits.detach(a, closed);
    limits.release(a, 20);
    expect(closed.released).toBe(0);
  });
});
