export { AuthenticatedUser } from './authenticated-user.js';
export type { AuthConsistency, AuthRow, AuthStore } from './auth-store.js';
export { DEFAULT_SUPERUSER_NAME, DEFAULT_SUPERUSER_PASSWORD, RoleManager, type RoleOption } from './role-manager.js';
export type { Role } from './role.js';
export { PASSWORD_AUTHENTICATOR_CLASS, PasswordAuthenticator, PlainTextSaslNegotiator } from './password-authenticator.js';
export { executeRoleStatement, type RoleStatementContext, type RoleStatementResult } from './role-statements.js';
export { AccessControl } from './access-control.js';
export { CassandraAuthorizer, PERMISSIONS_VALIDITY_MS, type PermissionDetails } from './cassandra-authorizer.js';
export {
  ALL_FUNCTIONS, ALL_KEYSPACES, ALL_ROLES, applicablePermissions, resourceChain, resourceFromName, resourceName, resourceText,
  type Resource,
} from './resources.js';
export { checkedPermissions, resolveResource } from './permission-statements.js';
