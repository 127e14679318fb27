/**
 * The permission checks of every statement under CassandraAuthorizer (each Cassandra statement's
 * authorize(ClientState)), and what a schema change does to permissions afterwards: the creator of a
 * keyspace, table or function gets its permissions; a dropped one takes its grants with it. Called from
 * the one place plans execute (plan-executor) and from BATCH; never with AllowAllAuthorizer.
 */
import type { AccessControl, Resource } from '../auth/index.js';
import type { CqlPrepared, PreparedStatementPlan, SchemaStatement } from '../cql/index.js';
import { formatCqlType } from '../types/index.js';
import { userFunctionsNamed, type Schema } from '../schema/index.js';

/** Checks a statement for the user: its plan, and EXECUTE on every user function it calls. */
export async function authorizeStatement(prepared: CqlPrepared, access: AccessControl, keyspace: string | null, schema: Schema): Promise<void> {
  await authorizePlan(prepared.plan, access, keyspace, schema);
  for (const fn of prepared.userFunctions) {
    for (const called of withAggregateParts(schema, fn)) await access.ensurePermission('EXECUTE', called);
  }
}

/** A called function, and for an aggregate its state and final functions too (UDAggregate.addFunctionsTo). */
function withAggregateParts(schema: Schema, fn: { readonly keyspace: string; readonly name: string; readonly argTypes: readonly string[] }): Resource[] {
  const called = [functionOf(fn.keyspace, fn.name, fn.argTypes)];
  const aggregate = userFunctionsNamed(schema.keyspace(fn.keyspace), fn.name)
    .find((f) => f.kind === 'aggregate' && sameArgs(f.argTypes.map((t) => formatCqlType(t)), fn.argTypes));
  if (aggregate?.kind !== 'aggregate') return called;
  const state = formatCqlType(aggregate.stateType);
  called.push(functionOf(fn.keyspace, aggregate.stateFunction, [state, ...fn.argTypes]));
  if (aggregate.finalFunction !== null) called.push(functionOf(fn.keyspace, aggregate.finalFunction, [state]));
  return called;
}

/** Checks `plan` for the user (SelectStatement, ModificationStatement, TruncateStatement, the DDL statements). */
export async function authorizePlan(plan: PreparedStatementPlan, access: AccessControl, keyspace: string | null, schema: Schema): Promise<void> {
  switch (plan.kind) {
    case 'select': {
      const table = plan.table;
      // A view is read with SELECT on its base table.
      await access.ensureTablePermission(table.keyspace, table.view?.baseTableName ?? table.name, 'SELECT');
      return;
    }
    case 'modification':
      await access.ensureTablePermission(plan.table.keyspace, plan.table.name, 'MODIFY');
      // A conditional update reads too.
      if (plan.conditions !== null) await access.ensureTablePermission(plan.table.keyspace, plan.table.name, 'SELECT');
      return;
    case 'batch':
      for (const statement of plan.statements) await authorizePlan(statement, access, keyspace, schema);
      return;
    case 'truncate':
      await access.ensureTablePermission(plan.table.keyspace, plan.table.name, 'MODIFY');
      return;
    case 'schema':
      await authorizeSchemaStatement(plan.statement, access, keyspace, schema);
      return;
    case 'use': case 'describe': case 'role':
      // USE and DESCRIBE need no permission; role and permission statements check their own.
      return;
  }
}

async function authorizeSchemaStatement(statement: SchemaStatement, access: AccessControl, session: string | null, schema: Schema): Promise<void> {
  switch (statement.kind) {
    case 'createKeyspace': return access.ensureAllKeyspacesPermission('CREATE');
    case 'alterKeyspace': return access.ensureKeyspacePermission(statement.keyspace, 'ALTER');
    case 'dropKeyspace': return access.ensureKeyspacePermission(statement.keyspace, 'DROP');
    case 'createTable': return onKeyspace(statement.table.keyspace ?? session, (ks) => access.ensureKeyspacePermission(ks, 'CREATE'));
    case 'alterTable': return onTable(statement.table, session, (ks, t) => access.ensureTablePermission(ks, t, 'ALTER'));
    case 'dropTable': return onTable(statement.table, session, (ks, t) => access.ensureTablePermission(ks, t, 'DROP'));
    case 'createType': return onKeyspace(statement.type.keyspace ?? session, (ks) => access.ensureKeyspacePermission(ks, 'CREATE'));
    case 'alterType': return onKeyspace(statement.type.keyspace ?? session, (ks) => access.ensureKeyspacePermission(ks, 'ALTER'));
    case 'dropType': return onKeyspace(statement.type.keyspace ?? session, (ks) => access.ensureKeyspacePermission(ks, 'DROP'));
    case 'createIndex': return onTable(statement.table, session, (ks, t) => access.ensureTablePermission(ks, t, 'ALTER'));
    case 'dropIndex': {
      // ALTER on the indexed table, when the index exists (DropIndexStatement.authorize).
      const ks = statement.index.keyspace ?? session;
      const table = ks === null ? undefined
        : [...(schema.keyspace(ks)?.tables.values() ?? [])].find((t) => t.indexes.has(statement.index.name));
      if (table !== undefined) await access.ensureTablePermission(table.keyspace, table.name, 'ALTER');
      return;
    }
    case 'createView': return onTable(statement.baseTable, statement.view.keyspace ?? session, (ks, t) => access.ensureTablePermission(ks, t, 'ALTER'));
    case 'alterView': case 'dropView': {
      const ks = statement.view.keyspace ?? session;
      const view = ks === null ? undefined : schema.table(ks, statement.view.name);
      if (view?.view !== undefined) await access.ensureTablePermission(view.keyspace, view.view.baseTableName, 'ALTER');
      return;
    }
    case 'createFunction': case 'createAggregate': {
      const name = statement.kind === 'createFunction' ? statement.function : statement.aggregate;
      const argTypes = statement.kind === 'createFunction' ? statement.arguments.map((a) => a.type) : statement.argTypes;
      return onKeyspace(name.keyspace ?? session, (ks) => {
        // OR REPLACE of an existing function alters it; anything else creates one in the keyspace.
        const existing = statement.orReplace && functionExists(schema, ks, name.name, argTypes);
        return existing
          ? access.ensurePermission('ALTER', { kind: 'function', keyspace: ks, name: name.name, argTypes })
          : access.ensurePermission('CREATE', { kind: 'keyspaceFunctions', keyspace: ks });
      });
    }
    case 'dropFunction': case 'dropAggregate': {
      const name = statement.kind === 'dropFunction' ? statement.function : statement.aggregate;
      return onKeyspace(name.keyspace ?? session, (ks) => access.ensurePermission('DROP', functionResource(schema, ks, name.name, statement.argTypes)));
    }
  }
}

/**
 * After a schema statement succeeded: grants to the creator (grantPermissionsToCreator) and the revocation of
 * everything granted on what was dropped (AuthSchemaChangeListener). `before` is the schema it ran against.
 */
export async function afterSchemaChange(statement: SchemaStatement, access: AccessControl, session: string | null, before: Schema): Promise<void> {
  switch (statement.kind) {
    case 'createKeyspace':
      await access.grantPermissionsToCreator({ kind: 'keyspace', keyspace: statement.keyspace });
      await access.grantPermissionsToCreator({ kind: 'keyspaceFunctions', keyspace: statement.keyspace });
      return;
    case 'createTable': {
      const ks = statement.table.keyspace ?? session;
      if (ks !== null) await access.grantPermissionsToCreator({ kind: 'table', keyspace: ks, table: statement.table.name });
      return;
    }
    case 'createFunction': case 'createAggregate': {
      const name = statement.kind === 'createFunction' ? statement.function : statement.aggregate;
      const argTypes = statement.kind === 'createFunction' ? statement.arguments.map((a) => a.type) : statement.argTypes;
      const ks = name.keyspace ?? session;
      if (ks !== null && !functionExists(before, ks, name.name, argTypes)) {
        await access.grantPermissionsToCreator({ kind: 'function', keyspace: ks, name: name.name, argTypes });
      }
      return;
    }
    case 'dropKeyspace': {
      const ks = before.keyspace(statement.keyspace);
      if (ks === undefined) return;
      for (const table of ks.tables.keys()) await access.authorizer.revokeAllOn({ kind: 'table', keyspace: ks.name, table });
      for (const fn of ks.functions ?? []) await access.authorizer.revokeAllOn(functionOf(ks.name, fn.name, fn.argTypes.map((t) => formatCqlType(t))));
      await access.authorizer.revokeAllOn({ kind: 'keyspace', keyspace: ks.name });
      await access.authorizer.revokeAllOn({ kind: 'keyspaceFunctions', keyspace: ks.name });
      return;
    }
    case 'dropTable': {
      const ks = statement.table.keyspace ?? session;
      if (ks !== null && before.table(ks, statement.table.name) !== undefined) {
        await access.authorizer.revokeAllOn({ kind: 'table', keyspace: ks, table: statement.table.name });
      }
      return;
    }
    case 'dropFunction': case 'dropAggregate': {
      const name = statement.kind === 'dropFunction' ? statement.function : statement.aggregate;
      const ks = name.keyspace ?? session;
      if (ks === null) return;
      const dropped = userFunctionsNamed(before.keyspace(ks), name.name)
        .map((f) => f.argTypes.map((t) => formatCqlType(t)))
        .filter((args) => statement.argTypes === null || sameArgs(args, statement.argTypes));
      for (const args of dropped) await access.authorizer.revokeAllOn(functionOf(ks, name.name, args));
      return;
    }
    default:
      return;
  }
}

/** Whether a data or function resource named in GRANT, REVOKE or LIST exists in `schema` (IResource.exists). */
export function resourceExists(schema: Schema, resource: Exclude<Resource, { kind: 'role' }>): boolean {
  switch (resource.kind) {
    case 'allKeyspaces': case 'allRoles': case 'allFunctions': return true;
    case 'keyspace': case 'keyspaceFunctions': return schema.keyspace(resource.keyspace) !== undefined;
    case 'table': return schema.table(resource.keyspace, resource.table) !== undefined;
    case 'function': return functionExists(schema, resource.keyspace, resource.name, resource.argTypes);
  }
}

function onKeyspace(keyspace: string | null, check: (keyspace: string) => Promise<void>): Promise<void> {
  // Without a keyspace the statement fails as it executes, with its own message.
  return keyspace === null ? Promise.resolve() : check(keyspace);
}

function onTable(
  name: { readonly keyspace: string | null; readonly name: string }, session: string | null, check: (keyspace: string, table: string) => Promise<void>,
): Promise<void> {
  const keyspace = name.keyspace ?? session;
  return keyspace === null ? Promise.resolve() : check(keyspace, name.name);
}

function functionExists(schema: Schema, keyspace: string, name: string, argTypes: readonly string[]): boolean {
  return userFunctionsNamed(schema.keyspace(keyspace), name).some((f) => sameArgs(f.argTypes.map((t) => formatCqlType(t)), argTypes));
}

/** The function a DROP names: by its signature when given or when the name has one overload, else all in the keyspace. */
function functionResource(schema: Schema, keyspace: string, name: string, argTypes: readonly string[] | null): Resource {
  if (argTypes !== null) return functionOf(keyspace, name, argTypes);
  const overloads = userFunctionsNamed(schema.keyspace(keyspace), name);
  if (overloads.length === 1) return functionOf(keyspace, name, overloads[0]!.argTypes.map((t) => formatCqlType(t)));
  return { kind: 'keyspaceFunctions', keyspace };
}

function functionOf(keyspace: string, name: string, argTypes: readonly string[]): Resource {
  return { kind: 'function', keyspace, name, argTypes: argTypes.map(normalizeType) };
}

function sameArgs(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => normalizeType(t) === normalizeType(b[i]!));
}

function normalizeType(type: string): string {
  const t = type.replace(/\s+/g, '').toLowerCase();
  return t === 'varchar' ? 'text' : t;
}
