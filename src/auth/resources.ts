import type { Permission } from '../cql/index.js';
import { formatCqlType, marshalClassName, parseCqlType, parseMarshalType } from '../types/index.js';

/**
 * What permissions are granted on (Cassandra's IResource): DataResource (all keyspaces, a keyspace, a
 * table), RoleResource (all roles, a role) and FunctionResource (all functions, those of a keyspace, one
 * function by its argument types). Each has a name as stored in system_auth (`data/ks/t`, `roles/r`,
 * `functions/ks/f[org.apache.cassandra.db.marshal.Int32Type]`) and a text for messages (`<table ks.t>`).
 */
export type Resource =
  | { readonly kind: 'allKeyspaces' }
  | { readonly kind: 'keyspace'; readonly keyspace: string }
  | { readonly kind: 'table'; readonly keyspace: string; readonly table: string }
  | { readonly kind: 'allRoles' }
  | { readonly kind: 'role'; readonly role: string }
  | { readonly kind: 'allFunctions' }
  | { readonly kind: 'keyspaceFunctions'; readonly keyspace: string }
  | { readonly kind: 'function'; readonly keyspace: string; readonly name: string; readonly argTypes: readonly string[] };

export const ALL_KEYSPACES: Resource = { kind: 'allKeyspaces' };
export const ALL_ROLES: Resource = { kind: 'allRoles' };
export const ALL_FUNCTIONS: Resource = { kind: 'allFunctions' };

/** The resource's name in system_auth (IResource.getName). */
export function resourceName(r: Resource): string {
  switch (r.kind) {
    case 'allKeyspaces': return 'data';
    case 'keyspace': return `data/${r.keyspace}`;
    case 'table': return `data/${r.keyspace}/${r.table}`;
    case 'allRoles': return 'roles';
    case 'role': return `roles/${r.role}`;
    case 'allFunctions': return 'functions';
    case 'keyspaceFunctions': return `functions/${r.keyspace}`;
    case 'function': return `functions/${r.keyspace}/${r.name}[${r.argTypes.map(argTypeName).join('^')}]`;
  }
}

/** The resource as messages and LIST PERMISSIONS show it (IResource.toString). */
export function resourceText(r: Resource): string {
  switch (r.kind) {
    case 'allKeyspaces': return '<all keyspaces>';
    case 'keyspace': return `<keyspace ${r.keyspace}>`;
    case 'table': return `<table ${r.keyspace}.${r.table}>`;
    case 'allRoles': return '<all roles>';
    case 'role': return `<role ${r.role}>`;
    case 'allFunctions': return '<all functions>';
    case 'keyspaceFunctions': return `<all functions in ${r.keyspace}>`;
    case 'function': return `<function ${r.keyspace}.${r.name}(${r.argTypes.join(', ')})>`;
  }
}

/** Parses a stored name back (Resources.fromName); null for a name of no known kind. */
export function resourceFromName(name: string): Resource | null {
  const [root, first, ...rest] = name.split('/');
  const second = rest.join('/');
  switch (root) {
    case 'data':
      if (first === undefined) return ALL_KEYSPACES;
      return rest.length === 0 ? { kind: 'keyspace', keyspace: first } : { kind: 'table', keyspace: first, table: second };
    case 'roles':
      return first === undefined ? ALL_ROLES : { kind: 'role', role: [first, ...rest].join('/') };
    case 'functions': {
      if (first === undefined) return ALL_FUNCTIONS;
      if (rest.length === 0) return { kind: 'keyspaceFunctions', keyspace: first };
      const match = /^(.*)\[(.*)\]$/s.exec(second);
      if (match === null) return null;
      const args = match[2]! === '' ? [] : match[2]!.split('^').map(argTypeText);
      return { kind: 'function', keyspace: first, name: match[1]!, argTypes: args };
    }
    default: return null;
  }
}

/** The resource and every parent up to its root, nearest first (Resources.chain). */
export function resourceChain(r: Resource): Resource[] {
  switch (r.kind) {
    case 'allKeyspaces': case 'allRoles': case 'allFunctions': return [r];
    case 'keyspace': return [r, ALL_KEYSPACES];
    case 'table': return [r, { kind: 'keyspace', keyspace: r.keyspace }, ALL_KEYSPACES];
    case 'role': return [r, ALL_ROLES];
    case 'keyspaceFunctions': return [r, ALL_FUNCTIONS];
    case 'function': return [r, { kind: 'keyspaceFunctions', keyspace: r.keyspace }, ALL_FUNCTIONS];
  }
}

const KEYSPACE_PERMISSIONS: readonly Permission[] = ['CREATE', 'ALTER', 'DROP', 'SELECT', 'MODIFY', 'AUTHORIZE'];
const TABLE_PERMISSIONS: readonly Permission[] = ['ALTER', 'DROP', 'SELECT', 'MODIFY', 'AUTHORIZE'];
const ALL_ROLES_PERMISSIONS: readonly Permission[] = ['CREATE', 'ALTER', 'DROP', 'AUTHORIZE', 'DESCRIBE'];
const ROLE_PERMISSIONS: readonly Permission[] = ['ALTER', 'DROP', 'AUTHORIZE'];
const FUNCTION_COLLECTION_PERMISSIONS: readonly Permission[] = ['CREATE', 'ALTER', 'DROP', 'AUTHORIZE', 'EXECUTE'];
const FUNCTION_PERMISSIONS: readonly Permission[] = ['ALTER', 'DROP', 'AUTHORIZE', 'EXECUTE'];

/** The permissions that can be granted on a resource (IResource.applicablePermissions, Cassandra 4.1). */
export function applicablePermissions(r: Resource): readonly Permission[] {
  switch (r.kind) {
    case 'allKeyspaces': case 'keyspace': return KEYSPACE_PERMISSIONS;
    case 'table': return TABLE_PERMISSIONS;
    case 'allRoles': return ALL_ROLES_PERMISSIONS;
    case 'role': return ROLE_PERMISSIONS;
    case 'allFunctions': case 'keyspaceFunctions': return FUNCTION_COLLECTION_PERMISSIONS;
    case 'function': return FUNCTION_PERMISSIONS;
  }
}

/** The Java class name of the resource type, as "Resource type X does not support …" names it. */
export function resourceTypeName(r: Resource): string {
  switch (r.kind) {
    case 'allKeyspaces': case 'keyspace': case 'table': return 'DataResource';
    case 'allRoles': case 'role': return 'RoleResource';
    default: return 'FunctionResource';
  }
}

/**
 * A function argument type in a resource name: its marshal class as Cassandra writes it
 * (`org.apache.cassandra.db.marshal.Int32Type`, `…ListType(…)`); a user type stays as written.
 */
function argTypeName(type: string): string {
  try {
    return marshalClassName(parseCqlType(type, () => undefined));
  } catch {
    return type;
  }
}

/** The CQL text of an argument type read back from a resource name. */
function argTypeText(name: string): string {
  try {
    return formatCqlType(parseMarshalType(name));
  } catch {
    return name;
  }
}
