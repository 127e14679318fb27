import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { plannedNodes, startCluster } from '../main.js';
import { CliError } from './cli-io.js';
import { checkSameNodes, checkSavedNodes, clusterDefinition, readClusterFile, startOptionsOf, writeClusterFile } from './cluster-file.js';
import { acquireRunLock, readRunLock } from './run-lock.js';

const dirs: string[] = [];
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cassanova-file-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('cluster.json', () => {
  it('round-trips: the options it gives plan the very nodes it lists, even with several racks', () => {
    const options = { dataCenters: { dc1: { r1: 2, r2: 1 }, dc2: 2 }, seed: 9, numTokens: 3, port: 0, adminPort: 0 };
    const definition = clusterDefinition(options, plannedNodes(options), 3);
    const dir = scratch();
    writeClusterFile(dir, definition, false);
    const read = readClusterFile(dir);
    expect(read).toEqual(definition);
    const again = plannedNodes(startOptionsOf(read));
    expect(() => checkSameNodes(read, again)).not.toThrow();
    expect(again.map((n) => n.tokens.map(String))).toEqual(definition.nodes.map((n) => n.tokens));
  });

  it('keeps the key-value value limit; a file written before the option starts with 1 MiB', () => {
    const options = { nodes: 1, kvMaxValueBytes: 4096 };
    const definition = clusterDefinition(options, plannedNodes(options), 16);
    expect(definition.kvMaxValueBytes).toBe(4096);
    const dir = scratch();
    writeClusterFile(dir, definition, false);
    expect(startOptionsOf(readClusterFile(dir)).kvMaxValueBytes).toBe(4096);
    const { kvMaxValueBytes: _, ...older } = definition;
    writeClusterFile(dir, older, true);
    expect(startOptionsOf(readClusterFile(dir)).kvMaxValueBytes).toBeUndefined();
    expect(clusterDefinition({ nodes: 1 }, plannedNodes({ nodes: 1 }), 16).kvMaxValueBytes).toBe(1024 * 1024);
    writeClusterFile(dir, { ...definition, kvMaxValueBytes: 0 }, true);
    expect(() => readClusterFile(dir)).toThrow(`${join(dir, 'cluster.json')}: kvMaxValueBytes is missing or invalid (0)`);
  });

  it('starts a cluster whose nodes have the listed host ids and tokens', async () => {
    const options = { nodes: 2, seed: 4, port: 0 };
    const definition = clusterDefinition(options, plannedNodes(options), 16);
    const edited = { ...definition, seed: 99, nodes: definition.nodes.map((n, i) => ({ ...n, tokens: [String(i * 1000)] })) };
    const cluster = await startCluster(startOptionsOf(edited));
    try {
      expect(cluster.nodes.map((n) => n.tokens)).toEqual([['0'], ['1000']]);
      expect(cluster.nodes.map((n) => n.hostId)).toEqual(definition.nodes.map((n) => n.hostId));
    } finally {
      await cluster.close();
    }
  });

  it('refuses to replace a definition unless forced, and names the field a hand edit broke', () => {
    const options = { nodes: 1 };
    const definition = clusterDefinition(options, plannedNodes(options), 16);
    const dir = scratch();
    writeClusterFile(dir, definition, false);
    expect(() => writeClusterFile(dir, definition, false)).toThrow(/cluster\.json exists: use --force to replace it/);
    writeClusterFile(dir, definition, true);
    const path = join(dir, 'cluster.json');
    const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    writeFileSync(path, JSON.stringify({ ...json, nodes: [{ ...(json['nodes'] as object[])[0], tokens: [] }] }));
    expect(() => readClusterFile(dir)).toThrow(`${path}: nodes[0].tokens is missing or invalid ([])`);
    writeFileSync(path, JSON.stringify({ ...json, clock: 'fake' }));
    expect(() => readClusterFile(dir)).toThrow(`${path}: clock is missing or invalid ("fake")`);
    expect(() => readClusterFile(scratch())).toThrow(/cluster\.json does not exist \(create it with cassanova setup --dir DIR\)/);
  });

  it('agrees with the data kept in its folder, nodes added at run time included; a different cluster is refused', async () => {
    const options = { nodes: 2, seed: 6, port: 0, numTokens: 4 };
    const definition = clusterDefinition(options, plannedNodes(options), 4);
    const dir = scratch();
    expect(() => checkSavedNodes(dir, definition)).not.toThrow();
    const cluster = await startCluster({ ...startOptionsOf(definition), dataDir: dir });
    await cluster.addNode();
    await cluster.close();
    expect(() => checkSavedNodes(dir, definition)).not.toThrow();
    const differs = `${join(dir, 'cluster.json')} does not describe the cluster whose data is in ${dir} (${join(dir, 'cassanova.json')}): `;
    expect(() => checkSavedNodes(dir, { ...definition, clusterName: 'Other' })).toThrow(`${differs}cluster name 'Other', not 'Test Cluster'`);
    expect(() => checkSavedNodes(dir, { ...definition, numTokens: 8 })).toThrow(`${differs}8 tokens per node, not 4`);
    const moved = { ...definition, nodes: definition.nodes.map((n) => (n.id === 2 ? { ...n, rack: 'r9' } : n)) };
    expect(() => checkSavedNodes(dir, moved)).toThrow(`node 2 is host ${definition.nodes[1]!.hostId} (datacenter1/r9) in the file`);
    writeFileSync(join(dir, 'cassanova.json'), '{');
    expect(() => checkSavedNodes(dir, definition)).toThrow(CliError);
    expect(() => writeClusterFile(dir, definition, true)).toThrow(CliError);
  });

  it('refuses nodes listed in an order startCluster would not lay out', () => {
    const options = { dataCenters: { dc1: 1, dc2: 1 } };
    const definition = clusterDefinition(options, plannedNodes(options), 16);
    const swapped = { ...definition, nodes: [{ ...definition.nodes[1]!, id: 1 }, { ...definition.nodes[0]!, id: 2 }] };
    expect(() => checkSameNodes(swapped, plannedNodes(startOptionsOf(swapped)))).toThrow(CliError);
  });
});

describe('the run lock', () => {
  it('is refused to a second run while its holder lives, and taken over once it is gone', () => {
    const dir = scratch();
    const held = acquireRunLock(dir);
    held.update({ pid: process.pid, adminUrl: 'http://127.0.0.1:1234', contactPoints: [] });
    expect(readRunLock(dir)?.adminUrl).toBe('http://127.0.0.1:1234');
    expect(() => acquireRunLock(dir)).toThrow(`${dir} is in use by cassanova run (pid ${process.pid}, admin API http://127.0.0.1:1234): stop it first`);
    held.release();
    expect(readRunLock(dir)).toBeNull();
    // A crashed run: its lock names a process that no longer exists.
    writeFileSync(join(dir, 'cassanova.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, adminUrl: null, contactPoints: [] }));
    expect(readRunLock(dir)).toBeNull();
    acquireRunLock(dir).release();
  });
});
