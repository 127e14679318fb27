import type { UserType } from '../types/index.js';
import type { SchemaChange } from './schema-change.js';
import { describeKeyspaceParams, describeTable, describeUserType } from './schema-digest.js';
import type { Schema } from './schema.js';
import type { KeyspaceMetadata, TableMetadata } from './table-metadata.js';
import {
  argumentTypeNames, describeUserFunction, userFunctionsOf, type UserFunctionDefinition,
} from './user-functions.js';

/**
 * The events a node sends its clients when its schema goes from `before` to `after` in one step (a
 * schema pulled from another node, or a snapshot restored), in Cassandra's order: Schema.merge takes the
 * dropped keyspaces, then the created ones, then the altered ones; SchemaChangeNotifier reports each
 * element of a keyspace (a dropped keyspace's tables and types before the keyspace itself, a created
 * keyspace before its types and tables). A table whose id changed was dropped and created again.
 */
export function schemaChanges(before: Schema, after: Schema): SchemaChange[] {
  const out: SchemaChange[] = [];
  for (const ks of before.keyspaces.values()) if (after.keyspace(ks.name) === undefined) out.push(...keyspaceDropped(ks));
  for (const ks of after.keyspaces.values()) if (before.keyspace(ks.name) === undefined) out.push(...keyspaceCreated(ks));
  for (const ks of after.keyspaces.values()) {
    const previous = before.keyspace(ks.name);
    if (previous !== undefined && previous !== ks) out.push(...keyspaceAltered(previous, ks));
  }
  return out;
}

function keyspaceDropped(ks: KeyspaceMetadata): SchemaChange[] {
  return [
    ...functionChanges('DROPPED', userFunctionsOf(ks)),
    ...[...ks.tables.values()].map((t) => change('DROPPED', 'TABLE', ks.name, t.name)),
    ...[...ks.userTypes.values()].map((t) => change('DROPPED', 'TYPE', ks.name, t.name)),
    change('DROPPED', 'KEYSPACE', ks.name, null),
  ];
}

function keyspaceCreated(ks: KeyspaceMetadata): SchemaChange[] {
  return [
    change('CREATED', 'KEYSPACE', ks.name, null),
    ...[...ks.userTypes.values()].map((t) => change('CREATED', 'TYPE', ks.name, t.name)),
    ...[...ks.tables.values()].map((t) => change('CREATED', 'TABLE', ks.name, t.name)),
    ...functionChanges('CREATED', userFunctionsOf(ks)),
  ];
}

function keyspaceAltered(before: KeyspaceMetadata, after: KeyspaceMetadata): SchemaChange[] {
  const tables = elementsDiff(before.tables, after.tables, (a, b) => a.id.equals(b.id), sameTable);
  const types = elementsDiff(before.userTypes, after.userTypes, () => true, sameUserType);
  const ks = after.name;
  const functions = functionsDiff(userFunctionsOf(before), userFunctionsOf(after));
  return [
    ...functionChanges('DROPPED', functions.dropped),
    ...tables.dropped.map((name) => change('DROPPED', 'TABLE', ks, name)),
    ...types.dropped.map((name) => change('DROPPED', 'TYPE', ks, name)),
    ...types.created.map((name) => change('CREATED', 'TYPE', ks, name)),
    ...tables.created.map((name) => change('CREATED', 'TABLE', ks, name)),
    ...(describeKeyspaceParams(before) === describeKeyspaceParams(after) ? [] : [change('UPDATED', 'KEYSPACE', ks, null)]),
    ...types.altered.map((name) => change('UPDATED', 'TYPE', ks, name)),
    ...tables.altered.map((name) => change('UPDATED', 'TABLE', ks, name)),
    ...functionChanges('CREATED', functions.created),
    ...functionChanges('UPDATED', functions.altered),
  ];
}

/** Functions and aggregates by signature: dropped, created, and altered (same signature, new definition). */
function functionsDiff(before: readonly UserFunctionDefinition[], after: readonly UserFunctionDefinition[]): {
  dropped: UserFunctionDefinition[]; created: UserFunctionDefinition[]; altered: UserFunctionDefinition[];
} {
  const key = (f: UserFunctionDefinition): string => `${f.kind} ${f.name}(${argumentTypeNames(f).join(',')})`;
  const was = new Map(before.map((f) => [key(f), f]));
  const now = new Map(after.map((f) => [key(f), f]));
  return {
    dropped: before.filter((f) => !now.has(key(f))),
    created: after.filter((f) => !was.has(key(f))),
    altered: after.filter((f) => {
      const old = was.get(key(f));
      return old !== undefined && old !== f && describeUserFunction(old) !== describeUserFunction(f);
    }),
  };
}

function functionChanges(kind: SchemaChange['change'], functions: readonly UserFunctionDefinition[]): SchemaChange[] {
  return functions.map((f) => ({
    change: kind, target: f.kind === 'function' ? 'FUNCTION' : 'AGGREGATE', keyspace: f.keyspace, name: f.name,
    argTypes: argumentTypeNames(f),
  }));
}

interface ElementsDiff {
  readonly dropped: string[];
  readonly created: string[];
  readonly altered: string[];
}

/** Elements by name: one that is `replaced` (another table under the same name) counts as dropped and created. */
function elementsDiff<T>(
  before: ReadonlyMap<string, T>, after: ReadonlyMap<string, T>, sameElement: (a: T, b: T) => boolean, same: (a: T, b: T) => boolean,
): ElementsDiff {
  const diff: ElementsDiff = { dropped: [], created: [], altered: [] };
  for (const [name, element] of before) {
    const now = after.get(name);
    if (now === undefined || !sameElement(element, now)) diff.dropped.push(name);
  }
  for (const [name, element] of after) {
    const was = before.get(name);
    if (was === undefined || !sameElement(was, element)) diff.created.push(name);
    else if (!same(was, element)) diff.altered.push(name);
  }
  return diff;
}

function sameTable(a: TableMetadata, b: TableMetadata): boolean {
  return a === b || describeTable(a) === describeTable(b);
}

function sameUserType(a: UserType, b: UserType): boolean {
  return a === b || describeUserType(a) === describeUserType(b);
}

function change(kind: SchemaChange['change'], target: SchemaChange['target'], keyspace: string, name: string | null): SchemaChange {
  return { change: kind, target, keyspace, name, argTypes: [] };
}
