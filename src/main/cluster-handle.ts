import {
  ClusterControl, type ActivityFilter, type ActivityRecord, type Cluster, type ClusterSnapshot, type DecommissionOptions,
  type Node as ClusterNode, type PrimeHandle, type PrimeSpec, type RangeMovementResult, type RepairOptions, type RepairResult,
  type ResetHook, type SnapshotDisk,
} from '../cluster/index.js';
import { NodeSession, type CqlParams, type ExecuteOptions, type ExecuteResult } from '../query/index.js';
import type { ClientEncryption, NativeTransportServer } from '../transport/index.js';
import { KvStore, startControlSurface, type ControlSurface } from '../admin/index.js';
import type { KvNamespace } from '../kv/index.js';
import { CASSANOVA_VERSION } from '../config/index.js';
import type { StartClusterOptions } from './start-cluster-options.js';
import type { AddNodeOptions, CassanovaCluster, DriverOptions, DriverSslOptions, Node, SimulatedNetwork } from './cassanova-cluster.js';
import { NodeHandle } from './node-handle.js';
import { schemaSource } from './schema-source.js';

/** Makes the native transport server of a node (main wires the transport to the cluster). */
export type ServerFactory = (node: ClusterNode) => NativeTransportServer;

/** The CassanovaCluster behind startCluster's answer: the public face of a Cluster and its listeners. */
export class ClusterHandle implements CassanovaCluster {
  private closed = false;
  private control: ControlSurface | null = null;
  private readonly servers = new Map<ClusterNode, NativeTransportServer>();
  private readonly handles = new WeakMap<ClusterNode, NodeHandle>();
  /** The port node 1 bound: node i uses it (or, in 'ports' addressing, it plus i − 1). */
  private readonly basePort: number;
  /** The sessions of execute and loadSchema, by node id. */
  private readonly sessions = new Map<number, NodeSession>();

  /** Reset, truncateAll and the snapshots, with the registry of named ones. */
  private readonly testControls: ClusterControl;
  /** The key-value API's store, shared by kv(namespace) and the admin API's /v1/kv. */
  private readonly kvStore: KvStore;
  /** What close() lets go of last, once nothing runs any more (the data folder). */
  private readonly releases: (() => void)[] = [];

  constructor(
    readonly cluster: Cluster, servers: readonly NativeTransportServer[], private readonly newServer: ServerFactory, kvMaxValueBytes: number,
    private readonly tls: ClientEncryption | null = null,
  ) {
    for (const s of servers) this.servers.set(s.node, s);
    this.basePort = cluster.nodes[0]!.nativePort;
    this.testControls = new ClusterControl(cluster);
    this.kvStore = new KvStore(cluster, kvMaxValueBytes);
  }

  get contactPoints(): string[] {
    return this.cluster.ringMembers().map((n) => this.handleOf(n).contactPoint);
  }

  get adminUrl(): string | null {
    return this.control?.adminUrl ?? null;
  }

  /** startCluster's last step: the logs and the admin API the options ask for (not on the public interface). */
  async startControl(options: StartClusterOptions): Promise<void> {
    const destination = options.logDestination ?? process.stderr;
    this.control = await startControlSurface(this.cluster, this, {
      adminPort: options.adminPort ?? null,
      address: this.cluster.nodes[0]!.identity.address,
      logLevel: options.logLevel ?? 'silent',
      logFormat: options.logFormat ?? (destination.isTTY === true ? 'pretty' : 'json'),
      logDestination: destination,
      version: CASSANOVA_VERSION,
      kv: this.kvStore,
    });
  }

  get localDataCenter(): string {
    return this.cluster.ringMembers()[0]!.identity.dataCenter;
  }

  get port(): number {
    return this.basePort;
  }

  node(id: number): Node {
    return this.handleOf(this.cluster.node(id));
  }

  get nodes(): readonly Node[] {
    return this.cluster.ringMembers().map((n) => this.handleOf(n));
  }

  get network(): SimulatedNetwork {
    return this.cluster.network;
  }

  get tlsCa(): string | null {
    return this.tls?.caPem ?? null;
  }

  get tlsEnabled(): boolean {
    return this.tls !== null;
  }

  driverOptions(): DriverOptions {
    const options = { contactPoints: this.contactPoints, localDataCenter: this.localDataCenter, protocolOptions: { port: this.basePort } };
    if (this.tls === null) return options;
    const caPem = this.tls.caPem;
    const sslOptions: DriverSslOptions = caPem === null ? { rejectUnauthorized: true } : { ca: [caPem], rejectUnauthorized: true };
    return { ...options, sslOptions };
  }

  async execute(cql: string, params?: CqlParams, options?: ExecuteOptions): Promise<ExecuteResult> {
    return this.cluster.awaiting(this.nodeSession().execute(cql, params, options));
  }

  async loadSchema(fileOrText: string | URL, options?: ExecuteOptions): Promise<number> {
    const { text, name } = await schemaSource(fileOrText);
    return this.cluster.awaiting(this.nodeSession().executeScript(text, options, name));
  }

  kv(namespace: string): KvNamespace {
    if (this.closed) throw new Error('The cluster is closed');
    return this.kvStore.namespace(namespace);
  }

  now(): Date {
    return new Date(this.cluster.clock.nowMs());
  }

  advanceTime(ms: number): void {
    this.cluster.advanceTime(ms);
  }

  setTraceProbability(probability: number): void {
    for (const node of this.cluster.nodes) node.setTraceProbability(probability);
  }

  activity(filter?: ActivityFilter): ActivityRecord[] {
    return this.cluster.activity.records(filter);
  }

  clearActivity(): void {
    this.cluster.activity.clear();
  }

  prime(spec: PrimeSpec): PrimeHandle {
    return this.cluster.primes.add(spec);
  }

  clearPrimes(): void {
    this.cluster.primes.clear();
  }

  async addNode(options: AddNodeOptions = {}): Promise<Node> {
    const node = this.cluster.join({ dataCenter: options.dc, rack: options.rack, tokens: options.tokens?.map((t) => BigInt(t)) });
    const server = this.newServer(node);
    try {
      const port = this.cluster.config.addressing === 'ports' ? this.basePort + node.identity.id - 1 : this.basePort;
      node.nativePort = await server.listen(node.identity.address, port);
      this.servers.set(node, server);
      await this.cluster.bootstrap(node, { consistentRangeMovement: options.consistentRangeMovement });
      return this.handleOf(node);
    } catch (e) {
      this.servers.delete(node);
      await server.close();
      await this.cluster.cancelJoin(node);
      throw e;
    }
  }

  async decommission(id: number, options: DecommissionOptions = {}): Promise<RangeMovementResult> {
    const node = this.cluster.node(id);
    const result = await this.cluster.decommission(id, options);
    await this.closeServer(node);
    return result;
  }

  async removeNode(id: number): Promise<RangeMovementResult> {
    const node = this.cluster.node(id);
    const result = await this.cluster.removeNode(id);
    await this.closeServer(node);
    return result;
  }

  repair(keyspace?: string, options?: RepairOptions): Promise<RepairResult> {
    return this.cluster.repair(keyspace, options);
  }

  async flush(id?: number): Promise<void> {
    await Promise.all((id === undefined ? this.cluster.nodes : [this.cluster.node(id)]).map((node) => node.storage.flush()));
  }

  async compact(id?: number): Promise<void> {
    await Promise.all((id === undefined ? this.cluster.nodes : [this.cluster.node(id)]).map((node) => node.storage.compact()));
  }

  cleanup(id?: number): number {
    return this.cluster.cleanup(id);
  }

  reset(): Promise<void> {
    return this.testControls.reset();
  }

  truncateAll(): Promise<void> {
    return this.testControls.truncateAll();
  }

  async snapshot(name?: string): Promise<ClusterSnapshot> {
    return this.testControls.snapshot(name);
  }

  async restore(snapshotOrName: ClusterSnapshot | string): Promise<void> {
    return this.testControls.restore(snapshotOrName);
  }

  /** With a data folder: snapshots are written there too, and those found there are known (not on the public interface). */
  keepSnapshotsOnDisk(disk: SnapshotDisk): void {
    this.testControls.keepOnDisk(disk);
  }

  snapshots(): ClusterSnapshot[] {
    return this.testControls.list();
  }

  deleteSnapshot(name: string): void {
    this.testControls.delete(name);
  }

  onReset(hook: ResetHook): () => void {
    return this.cluster.onReset(hook);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.control?.close();
    for (const session of this.sessions.values()) session.close();
    this.kvStore.close();
    await Promise.all([...this.servers.values()].map((s) => s.close()));
    this.cluster.close();
    for (const release of this.releases.splice(0)) release();
  }

  /** Has close() call `release` after the cluster has stopped. */
  releaseOnClose(release: () => void): void {
    this.releases.push(release);
  }

  /**
   * Statements of execute and loadSchema run on node 1 as a client connected to it would, or on the first
   * member that is up when node 1 is not (a client would fail over to it).
   */
  private nodeSession(): NodeSession {
    if (this.closed) throw new Error('The cluster is closed');
    const node = this.cluster.ringMembers().find((n) => n.status === 'up');
    if (node === undefined) throw new Error('No node is up to run the statement');
    let session = this.sessions.get(node.identity.id);
    if (session === undefined) {
      session = new NodeSession(node);
      this.sessions.set(node.identity.id, session);
    }
    return session;
  }

  private handleOf(node: ClusterNode): NodeHandle {
    let handle = this.handles.get(node);
    if (handle === undefined) {
      handle = new NodeHandle(node);
      this.handles.set(node, handle);
    }
    return handle;
  }

  private async closeServer(node: ClusterNode): Promise<void> {
    const server = this.servers.get(node);
    this.servers.delete(node);
    await server?.close();
  }
}
