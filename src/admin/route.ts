import type {
  ActivityFilter, ActivityRecord, Cluster, ClusterSnapshot, PrimeHandle, PrimeSpec, RangeMovementResult, RepairOptions, RepairResult,
  SimulatedNetwork,
} from '../cluster/index.js';
import type { FilterRegistry } from './filter-registry.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** A JSON Schema (draft 2020-12 subset, as OpenAPI 3.1 takes it), kept as plain data. */
export type JsonSchema = Readonly<Record<string, unknown>>;

/**
 * The operations of the public TypeScript API the admin API drives (CassanovaCluster has them all): the
 * admin API is another door to the same behaviour, not a second implementation of it.
 */
export interface ClusterOperations {
  readonly network: Pick<SimulatedNetwork, 'partition' | 'heal' | 'set' | 'linkSettings' | 'addFilter'>;
  /** Resolves with the new node's id (the handle the public API gives has it). */
  addNode(options: { readonly dc?: string; readonly rack?: string; readonly tokens?: readonly string[] }): Promise<{ readonly id: number }>;
  decommission(id: number, options: { readonly force?: boolean }): Promise<RangeMovementResult>;
  removeNode(id: number): Promise<RangeMovementResult>;
  repair(keyspace?: string, options?: RepairOptions): Promise<RepairResult>;
  cleanup(id?: number): number;
  flush(id?: number): Promise<void>;
  compact(id?: number): Promise<void>;
  advanceTime(ms: number): void;
  setTraceProbability(probability: number): void;
  reset(): Promise<void>;
  truncateAll(): Promise<void>;
  snapshot(name: string): Promise<ClusterSnapshot>;
  restore(snapshot: ClusterSnapshot): Promise<void>;
  snapshots(): ClusterSnapshot[];
  deleteSnapshot(name: string): void;
  activity(filter?: ActivityFilter): ActivityRecord[];
  clearActivity(): void;
  prime(spec: PrimeSpec): PrimeHandle;
  clearPrimes(): void;
  /** The CA certificate (PEM) clients trust the nodes by; null without TLS or without a known CA. */
  readonly tlsCa: string | null;
}

/** What every route handler is given: the cluster's internals to read views from, and the operations to act. */
export interface AdminContext {
  readonly cluster: Cluster;
  readonly operations: ClusterOperations;
  readonly filters: FilterRegistry;
  /** The Prometheus exposition of the cluster's metrics. */
  metricsText(): Promise<string>;
  /** The OpenAPI document of every route (built once from the route table). */
  openApi(): unknown;
}

/** A response that is not JSON (Prometheus text): the route says its content type. */
export class TextResponse {
  constructor(readonly contentType: string, readonly text: string) {}
}

/** A route's validated input: fastify has checked it against the route's schemas before the handler runs. */
export interface RouteInput<Params, Query, Body> {
  readonly params: Params;
  readonly query: Query;
  readonly body: Body;
}

/**
 * One route of the admin API: method and path, the JSON schemas of its input and output (they validate
 * requests and make the OpenAPI document), the errors it may answer with, and its handler.
 */
export interface AdminRoute<Params = unknown, Query = unknown, Body = unknown> {
  readonly method: HttpMethod;
  /** Fastify's syntax: /nodes/:id. */
  readonly url: string;
  readonly summary: string;
  /** The group it is listed under in the OpenAPI document (one per route file). */
  readonly tag: string;
  readonly params?: JsonSchema;
  readonly querystring?: JsonSchema;
  readonly body?: JsonSchema;
  /** The success status (default 200) and the schema of its body; null for 204 No Content. */
  readonly status?: 200 | 201 | 204;
  readonly response: JsonSchema | null;
  /** The content types of a TextResponse or StreamResponse route (default application/json). */
  readonly produces?: string | readonly string[];
  /** Error statuses besides 400 (which every route with input may answer). */
  readonly errors?: readonly (404 | 409)[];
  handle(context: AdminContext, input: RouteInput<Params, Query, Body>): unknown;
}

/** Erases a route's input types once its schemas are attached: the table of routes holds any route. */
export function route<Params = unknown, Query = unknown, Body = unknown>(definition: AdminRoute<Params, Query, Body>): AdminRoute {
  return definition as AdminRoute;
}
