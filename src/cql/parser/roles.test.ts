import { describe, expect, it } from 'vitest';
import { failure, parse } from './testing/parse-helpers.js';

describe('CREATE ROLE and CREATE USER', () => {
  it('parses options joined by AND, defaulting LOGIN and SUPERUSER to false', () => {
    expect(parse("CREATE ROLE IF NOT EXISTS Alice WITH PASSWORD = 'p''w' AND LOGIN = true AND ACCESS TO ALL DATACENTERS")).toEqual({
      kind: 'createRole', role: 'alice', ifNotExists: true, datacenters: { kind: 'all' },
      options: { password: "p'w", login: true, superuser: false },
    });
    expect(parse('CREATE ROLE "Bob"')).toEqual({
      kind: 'createRole', role: 'Bob', ifNotExists: false, datacenters: null, options: { login: false, superuser: false },
    });
    expect(parse("CREATE ROLE 'Carol' WITH OPTIONS = {'a': 'b'} AND ACCESS TO DATACENTERS {'dc1', 'dc2'}")).toMatchObject({
      role: 'Carol', options: { options: [['a', 'b']] }, datacenters: { kind: 'some', datacenters: ['dc1', 'dc2'] },
    });
  });

  it('parses the legacy USER form: a role that logs in, its name keeping its case', () => {
    expect(parse("CREATE USER IF NOT EXISTS Dave WITH PASSWORD 'secret' SUPERUSER")).toEqual({
      kind: 'createRole', role: 'Dave', ifNotExists: true, datacenters: null,
      options: { login: true, password: 'secret', superuser: true },
    });
    expect(parse('CREATE USER erin NOSUPERUSER')).toMatchObject({ options: { login: true, superuser: false } });
    expect(failure('CREATE USER "erin"').message)
      .toBe('Quoted strings are are not supported for user names and USER is deprecated, please use ROLE');
  });

  it('refuses an option given twice, a bind marker as a name, and both password kinds', () => {
    expect(failure('CREATE ROLE r WITH LOGIN = true AND LOGIN = false').message).toBe("Multiple definition for property 'LOGIN'");
    expect(failure('CREATE ROLE ?').message).toBe('Bind variables cannot be used for role names');
    expect(failure("CREATE ROLE r WITH PASSWORD = 'a' AND HASHED PASSWORD = 'b'").message)
      .toBe("Options 'password' and 'hashed password' are mutually exclusive");
    expect(failure('CREATE ROLE r WITH LOGIN = 1').type).toBe('SyntaxError');
  });
});

describe('ALTER, DROP, GRANT, REVOKE and LIST', () => {
  it('parses ALTER ROLE and ALTER USER', () => {
    expect(parse("ALTER ROLE r WITH PASSWORD = 'x' AND SUPERUSER = false")).toEqual({
      kind: 'alterRole', role: 'r', ifExists: false, datacenters: null, options: { password: 'x', superuser: false },
    });
    expect(parse("ALTER USER Bob WITH PASSWORD 'x'")).toEqual({
      kind: 'alterRole', role: 'Bob', ifExists: false, datacenters: null, options: { password: 'x' },
    });
    expect(parse('ALTER ROLE r')).toMatchObject({ options: {} });
  });

  it('parses DROP ROLE and DROP USER', () => {
    expect(parse('DROP ROLE IF EXISTS r')).toEqual({ kind: 'dropRole', role: 'r', ifExists: true });
    expect(parse('DROP USER Bob')).toEqual({ kind: 'dropRole', role: 'Bob', ifExists: false });
  });

  it('parses GRANT and REVOKE of roles, apart from permissions', () => {
    expect(parse('GRANT readers TO "Alice"')).toEqual({ kind: 'grantRole', role: 'readers', grantee: 'Alice' });
    expect(parse("REVOKE 'readers' FROM alice")).toEqual({ kind: 'revokeRole', role: 'readers', grantee: 'alice' });
    expect(parse('GRANT SELECT ON ks.t TO bob')).toMatchObject({ kind: 'grantPermissions', grantee: 'bob' });
  });

  it('parses LIST ROLES and LIST USERS', () => {
    expect(parse('LIST ROLES')).toEqual({ kind: 'listRoles', grantee: null, recursive: true });
    expect(parse('LIST ROLES OF Alice NORECURSIVE')).toEqual({ kind: 'listRoles', grantee: 'alice', recursive: false });
    expect(parse('LIST USERS')).toEqual({ kind: 'listUsers', grantee: null, recursive: true });
    expect(parse('LIST ALL PERMISSIONS')).toMatchObject({ kind: 'listPermissions', permissions: null });
  });
});
