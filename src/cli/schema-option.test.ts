import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster } from '../main.js';
import { loadSchemaOption } from './schema-option.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cassanova-schema-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('start --schema FILE', () => {
  it('runs the script before the cluster is announced, from any path', async () => {
    const file = join(dir, 'my schema.txt');
    await writeFile(file, "CREATE KEYSPACE app WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1};\nCREATE TABLE app.t (k int PRIMARY KEY);\n");
    const cluster = await startCluster({ port: 0 });
    try {
      expect(await loadSchemaOption(cluster, file)).toBe(`Schema: 2 statement(s) from ${file}\n`);
      expect((await cluster.execute("SELECT table_name FROM system_schema.tables WHERE keyspace_name = 'app'")).rows).toEqual([{ table_name: 't' }]);
    } finally {
      await cluster.close();
    }
  });

  it('stops the cluster when the script fails, with the file and line', async () => {
    const file = join(dir, 'bad.cql');
    await writeFile(file, '-- nothing yet\nCREATE TABLE nowhere.t (k int PRIMARY KEY);\n');
    const cluster = await startCluster({ port: 0 });
    await expect(loadSchemaOption(cluster, file)).rejects.toThrow(`${file}:2: Keyspace 'nowhere' doesn't exist`);
    await expect(cluster.execute('SELECT * FROM system.local')).rejects.toThrow('The cluster is closed');
  });
});
