/**
 * Seeded CQL fuzzing through the Node driver (issue 13): statements generated from the grammar over a
 * small schema, half of them mutated (tokens deleted, duplicated, swapped or replaced, random characters
 * inserted), a quarter prepared, on one node and on three (RF 3). Every answer must be a result or what a
 * real Cassandra answers bad statements with (SyntaxError, InvalidRequest, ConfigurationException,
 * AlreadyExists, FunctionFailure); a ServerError, any other error, a timeout or a lost connection fails
 * the test with the seed, index and statement that replay it. Afterwards every node must still serve and
 * no connection may have been closed after an internal error.
 * CASSANOVA_SEED picks the statements (default 13); CQL_FUZZ_COUNT (default 1500 per cluster) and
 * CQL_FUZZ_TIME_LIMIT_MS (default 12 s per cluster) bound a run; CQL_FUZZ_TALLY_FILE, when set, receives
 * the tallies as JSON (bench/fuzz/cql-fuzz.js runs 100,000 that way).
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFuzzSchema, formatFinding, runCqlFuzz, type CqlFuzzReport,
} from '../support/fuzz/cql-fuzz-run.js';
import { isExternalTarget, useNodeTarget, type NodeTarget } from '../support/node-client.js';

const SEED = Number(process.env['CASSANOVA_SEED'] ?? 13);
const COUNT = Number(process.env['CQL_FUZZ_COUNT'] ?? 1500);
const TIME_LIMIT_MS = Number(process.env['CQL_FUZZ_TIME_LIMIT_MS'] ?? 12_000);
const TALLY_FILE = process.env['CQL_FUZZ_TALLY_FILE'];
const TEST_TIMEOUT_MS = TIME_LIMIT_MS + 60_000;

const internalErrors: string[] = [];
const onWarning = (warning: Error): void => {
  if (warning.name === 'CassanovaWarning') internalErrors.push(warning.message);
};
const reports: Record<string, CqlFuzzReport> = {};

beforeAll(() => {
  process.on('warning', onWarning);
});

afterAll(() => {
  process.off('warning', onWarning);
  if (TALLY_FILE !== undefined) writeFileSync(TALLY_FILE, JSON.stringify({ seed: SEED, reports }, null, 2));
});

function fuzzCluster(name: string, nodes: number): void {
  describe(`${name}`, () => {
    const target: NodeTarget = useNodeTarget(`cql_fuzz_${nodes}`, { nodes, keyspace: false });

    it.skipIf(isExternalTarget && nodes > 1)(`answers ${COUNT} generated and mutated statements (seed ${SEED}) without a ServerError`, async () => {
      await createFuzzSchema(target.client, nodes);
      const report = await runCqlFuzz(target.client, { seed: SEED, count: COUNT, timeLimitMs: TIME_LIMIT_MS });
      reports[name] = report;
      const lines = report.findings.map(formatFinding);
      expect(lines, `findings of seed ${SEED} (rerun with CASSANOVA_SEED=${SEED})`).toEqual([]);
      expect(report.executed).toBeGreaterThan(0);
      // Every node still serves: a query through each host the driver knows.
      const hosts = target.client.hosts.values();
      expect(hosts).toHaveLength(nodes);
      for (const host of hosts) {
        const result = await target.client.execute('SELECT release_version FROM system.local', [], { host });
        expect(result.rows).toHaveLength(1);
      }
      expect(internalErrors).toEqual([]);
    }, TEST_TIMEOUT_MS);
  });
}

fuzzCluster('one node', 1);
fuzzCluster('three nodes', 3);
