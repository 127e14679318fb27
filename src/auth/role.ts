/** A row of system_auth.roles (Cassandra's Role): its flags and the roles granted to it directly. */
export interface Role {
  readonly name: string;
  readonly isSuper: boolean;
  readonly canLogin: boolean;
  readonly memberOf: readonly string[];
}
