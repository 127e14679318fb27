/**
 * Who a connection acts as (Cassandra's AuthenticatedUser): a role that logged in, the anonymous user of
 * connections that need no login (AllowAllAuthenticator), or the system user of the cluster's own
 * statements (seeding through cluster.execute, the default role's set-up), which passes superuser checks.
 */
export class AuthenticatedUser {
  static readonly ANONYMOUS = new AuthenticatedUser('anonymous', 'anonymous');
  static readonly SYSTEM = new AuthenticatedUser('system', 'system');

  constructor(readonly name: string, readonly kind: 'role' | 'anonymous' | 'system' = 'role') {}

  get isAnonymous(): boolean {
    return this.kind === 'anonymous';
  }

  get isSystem(): boolean {
    return this.kind === 'system';
  }
}
