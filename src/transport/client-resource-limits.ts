/**
 * The bytes of requests in flight on one node, overall and per client address: Cassandra's
 * ClientResourceLimits (native_transport_max_concurrent_requests_in_bytes and ..._per_ip). A request
 * counts from the moment its envelope is decoded until it is answered. Past either limit a connection
 * that asked for THROW_ON_OVERLOAD gets Overloaded for the request; any other connection has its request
 * served anyway and stops being read from (backpressure) until the bytes in flight drop below both limits.
 */
export interface InFlightLimits {
  /** native_transport_max_concurrent_requests_in_bytes. */
  readonly maxConcurrentRequestsInBytes: number;
  /** native_transport_max_concurrent_requests_in_bytes_per_ip. */
  readonly maxConcurrentRequestsInBytesPerIp: number;
}

/** What a connection waiting for bytes to be released is told once they are. */
export interface BackpressuredConnection {
  /** Its client address's reserve. */
  readonly reserve: EndpointReserve;
  /** Resumes reading; the connection may pause again at once. */
  releaseBackpressure(): void;
}

/** The bytes in flight from one client address, shared by its connections. */
export class EndpointReserve {
  using = 0;
  /** Connections from the address; the reserve is dropped with the last one. */
  connections = 0;

  constructor(readonly address: string) {}
}

export class ClientResourceLimits {
  private using = 0;
  private readonly endpoints = new Map<string, EndpointReserve>();
  /** Connections no longer read from until bytes are released (few, so a set walked on release). */
  private readonly waiting = new Set<BackpressuredConnection>();

  constructor(private readonly limits: InFlightLimits) {}

  /** The reserve of a new connection's client address. */
  attach(address: string): EndpointReserve {
    let reserve = this.endpoints.get(address);
    if (reserve === undefined) {
      reserve = new EndpointReserve(address);
      this.endpoints.set(address, reserve);
    }
    reserve.connections++;
    return reserve;
  }

  /** A connection closed: it waits no more, and its address is forgotten once none of its connections is left. */
  detach(reserve: EndpointReserve, connection: BackpressuredConnection): void {
    this.waiting.delete(connection);
    if (--reserve.connections === 0 && reserve.using === 0) this.endpoints.delete(reserve.address);
  }

  /** Takes `bytes` if both limits allow it; false, taking nothing, if either would be exceeded. */
  tryAllocate(reserve: EndpointReserve, bytes: number): boolean {
    if (this.using + bytes > this.limits.maxConcurrentRequestsInBytes
      || reserve.using + bytes > this.limits.maxConcurrentRequestsInBytesPerIp) return false;
    this.using += bytes;
    reserve.using += bytes;
    return true;
  }

  /** Takes `bytes` past the limits (a request served under backpressure); the connection waits for a release. */
  allocateAndWait(bytes: number, connection: BackpressuredConnection): void {
    this.using += bytes;
    connection.reserve.using += bytes;
    this.waiting.add(connection);
  }

  /** Gives `bytes` back; once below both limits again, the connections waiting are read from again. */
  release(reserve: EndpointReserve, bytes: number): void {
    this.using -= bytes;
    reserve.using -= bytes;
    if (reserve.connections === 0 && reserve.using === 0) this.endpoints.delete(reserve.address);
    if (this.waiting.size === 0 || this.using >= this.limits.maxConcurrentRequestsInBytes) return;
    for (const connection of [...this.waiting]) {
      if (this.using >= this.limits.maxConcurrentRequestsInBytes) return;
      if (connection.reserve.using >= this.limits.maxConcurrentRequestsInBytesPerIp) continue;
      this.waiting.delete(connection);
      connection.releaseBackpressure();
    }
  }

  /** Bytes of requests in flight on the node. */
  get bytesInFlight(): number {
    return this.using;
  }
}
