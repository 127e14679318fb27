/** Who a node is: what system.local says of it and what peers say of it. */
export interface NodeIdentity {
  /** 1-based position in the cluster. */
  readonly id: number;
  readonly address: string;
  readonly hostId: Buffer;
  readonly tokens: readonly bigint[];
  readonly dataCenter: string;
  readonly rack: string;
}

/** What names a node in messages and traces (/address:storage_port, the port found by id). */
export type EndpointAddress = Pick<NodeIdentity, 'id' | 'address'>;

/** up: serving; down: stopped (listener closed, nothing answered); paused: TCP up but nothing answered. */
export type NodeStatus = 'up' | 'down' | 'paused';
