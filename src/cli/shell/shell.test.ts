import { capturedIo } from '../testing/captured-io.js';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type CassanovaCluster } from '../../main.js';
import { runCli } from '../cli.js';

/** `cassanova shell -e / -f` against a started cluster: the whole output compared with what cqlsh prints. */
let cluster: CassanovaCluster;
let dir: string;
let host: string;
let port: string;

beforeAll(async () => {
  cluster = await startCluster({ port: 0, nodes: 1, seed: 11 });
  [host, port] = cluster.contactPoints[0]!.split(':') as [string, string];
  dir = mkdtempSync(join(tmpdir(), 'cassanova-shell-'));
});

afterAll(async () => {
  await cluster?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function shell(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return shellAt([host, port], args);
}

async function shellAt(target: readonly string[], args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io = capturedIo(out, err, { env });
  const code = await runCli(['node', 'cassanova', 'shell', ...target, ...args], io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

function script(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('cassanova shell -e and -f', () => {
  it('creates a schema from a file and prints every type as cqlsh', async () => {
    const schema = script('schema.cql', `CREATE KEYSPACE shop WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1};
USE shop;
CREATE TYPE address (street text, zip int);
CREATE TABLE everything (
  k int PRIMARY KEY, t text, b blob, f float, d double, ts timestamp, -- the simple ones
  l list<text>, m map<int, text>, s set<int>, tu tuple<int, text>, /* collections */ dc decimal, vi varint,
  bo boolean, u uuid, ip inet, dt date, tm time, du duration, a frozen<address>, bi bigint, si smallint
);
INSERT INTO everything (k, t, b, f, d, ts, l, m, s, tu, dc, vi, bo, u, ip, dt, tm, du, a, bi, si)
  VALUES (1, 'it''s', 0xcafe, 1.1, 3.14159265358979, '2024-01-02 03:04:05.678+0000', ['a', 'b''c'], {2: 'y', 1: 'x'},
  {3, 1, 2}, (1, 'a'), 12.50, 123456789012345678901234567890, true, 123e4567-e89b-12d3-a456-426614174000, '10.0.0.1',
  '2024-02-29', '13:14:15.123456789', 1y2mo3d4h5m6s7ms8us9ns, {street: 'Main St', zip: null}, -5, 7);
INSERT INTO everything (k) VALUES (2);
`);
    expect(await shell('-f', schema)).toEqual({ code: 0, stdout: '', stderr: '' });
    const selected = await shell('-k', 'shop', '-e', 'SELECT k, t, b, f, d, ts, l, m, s, tu FROM everything');
    expect(selected).toEqual({ code: 0, stderr: '', stdout: `
 k | t    | b      | f    | d       | ts                              | l             | m                | s         | tu
---+------+--------+------+---------+---------------------------------+---------------+------------------+-----------+----------
 1 | it's | 0xcafe |  1.1 | 3.14159 | 2024-01-02 03:04:05.678000+0000 | ['a', 'b''c'] | {1: 'x', 2: 'y'} | {1, 2, 3} | (1, 'a')
 2 | null |   null | null |    null |                            null |          null |             null |      null |     null

(2 rows)
` });
    const rest = await shell('-e', 'SELECT dc, vi, bo, u, ip, dt, tm, du, a, bi, si FROM shop.everything WHERE k = 1;');
    expect(rest.stdout).toBe(`
 dc    | vi                             | bo   | u                                    | ip       | dt         | tm                 | du                     | a                              | bi | si
-------+--------------------------------+------+--------------------------------------+----------+------------+--------------------+------------------------+--------------------------------+----+----
 12.50 | 123456789012345678901234567890 | True | 123e4567-e89b-12d3-a456-426614174000 | 10.0.0.1 | 2024-02-29 | 13:14:15.123456789 | 1y2mo3d4h5m6s7ms8us9ns | {street: 'Main St', zip: null} | -5 |  7

(1 rows)
`);
  });

  it('prints errors with <stdin>:1: and exits with 2', async () => {
    const result = await shell('-e', 'SELECT * FROM nowhere.nothing');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^<stdin>:1:InvalidRequest: Error from server: code=2200 \[Invalid query\] message="[^"]+"\n$/);
    const syntax = await shell('-e', 'SELEC 1');
    expect(syntax.stderr).toMatch(/^<stdin>:1:SyntaxException: Error from server: code=2000 \[Syntax error in CQL query\] message="line 1:0 /);
    expect(syntax.code).toBe(2);
  });

  it('runs a script: shell commands, EXPAND, PAGING, DESCRIBE, CAPTURE, SOURCE, LWT, errors with file and line', async () => {
    const captured = join(dir, 'captured.txt');
    const sourced = script('sourced.cql', 'SELECT k FROM shop.everything WHERE k = 2;\nSELECT x FROM shop.everything;\n');
    const path = script('session.cql', `USE shop;
CREATE TABLE IF NOT EXISTS p (k int, c int, v text, PRIMARY KEY (k, c));
BEGIN BATCH
  INSERT INTO p (k, c, v) VALUES (1, 1, 'a');
  INSERT INTO p (k, c, v) VALUES (1, 2, 'bb');
  INSERT INTO p (k, c, v) VALUES (1, 3, 'c');
APPLY BATCH;
CONSISTENCY
CONSISTENCY quorum
SERIAL CONSISTENCY
INSERT INTO p (k, c, v) VALUES (1, 1, 'z') IF NOT EXISTS;
PAGING 2
SELECT c, v
  FROM p; // over two lines
PAGING OFF
EXPAND ON
SELECT * FROM p WHERE k = 1 AND c = 2;
EXPAND OFF
TRACING
DESC TABLES
CAPTURE '${captured}'
SELECT v FROM p WHERE k = 1 AND c = 3;
CAPTURE OFF
SOURCE '${sourced}'
SELECT nope FROM p;
EXPAND OFF
`);
    const result = await shell('-f', path);
    expect(result.stdout).toBe(`Current consistency level is ONE.
Consistency level set to QUORUM.
Current serial consistency level is SERIAL.

 [applied] | k | c | v
-----------+---+---+---
     False | 1 | 1 | a
Page size: 2

 c | v
---+----
 1 |  a
 2 | bb
 3 | c

(3 rows)
Disabled Query paging.
Now Expanded output is enabled

@ Row 1
---+----
 k | 1
 c | 2
 v | bb


(1 rows)
Disabled Expanded output.
Tracing is currently disabled. Use TRACING ON to enable.

everything  p

Now capturing query output to '${captured}'.
Stopped capture. Output saved to '${captured}'.

 k
---
 2

(1 rows)
`);
    expect(readFileSync(captured, 'utf8')).toBe('\n v\n---\n c\n\n(1 rows)\n');
    expect(result.stderr.split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^${sourced}:3:InvalidRequest: Error from server: code=2200 \\[Invalid query\\] message=".*x.*"$`)),
      expect.stringMatching(new RegExp(`^${path}:26:InvalidRequest: Error from server: code=2200 \\[Invalid query\\] message=".*nope.*"$`)),
      `${path}:27:Expanded output is not enabled.`,
      '',
    ]);
    expect(result.code).toBe(2);
  });

  it('prints the server warnings after the result, and a trace after it with TRACING ON', async () => {
    const warned = await shell('-k', 'shop', '-e', "CREATE CUSTOM INDEX ON p (v) USING 'org.apache.cassandra.index.sasi.SASIIndex'");
    expect(warned.stdout).toMatch(/^\nWarnings :\n.*SASI.*\n\n$/);
    const path = script('trace.cql', 'TRACING ON\nSELECT v FROM shop.p WHERE k = 1 AND c = 3;\n');
    const traced = await shell('-f', path);
    expect(traced.stderr).toBe('');
    expect(traced.stdout).toMatch(/^Now Tracing is enabled\n\n v\n---\n c\n\n\(1 rows\)\n\nTracing session: [0-9a-f-]{36}\n\n activity +\| timestamp +\| source +\| source_elapsed \| client\n-+\+-+\+-+\+-+\+-+\n +Execute CQL3 query \| \d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{6})? \| +127\.0\.0\.1 \| +0 \| 127\.0\.0\.1\n[\s\S]* +Request complete \|[^\n]+\n\n$/);
  });

  it('COPY FROM loads the good rows, reports the bad ones and writes them to ERRFILE; COPY TO writes them back as CSV', async () => {
    const csv = join(dir, 'in.csv');
    const errFile = join(dir, 'c.err');
    writeFileSync(csv, 'k,t\n1,"a,b"\n2,\nx,bad\n3,"say ""hi"""\n');
    expect((await shell('-k', 'shop', '-e', 'CREATE TABLE c (k int PRIMARY KEY, t text)')).code).toBe(0);
    const imported = await shell('-k', 'shop', '-e', `COPY c (k, t) FROM '${csv}' WITH HEADER = true AND ERRFILE = '${errFile}'`);
    expect(imported.stdout).toMatch(/^Using 1 child processes\n\nStarting copy of shop\.c with columns \[k, t\]\.\nProcessed: 3 rows; Rate: +\d+ rows\/s; Avg\. rate: +\d+ rows\/s\n\n3 rows imported from 1 files in \d+\.\d{3} seconds \(0 skipped\)\.\n$/);
    expect(imported.stderr).toBe(`<stdin>:1:Failed to import 1 rows: ParseError - Failed to parse x : invalid literal for int() with base 10: 'x',  given up without retries
<stdin>:1:Failed to process 1 rows; failed rows written to ${errFile}
`);
    expect(readFileSync(errFile, 'utf8')).toBe('x,bad\n');
    expect(imported.code).toBe(2);
    const out = join(dir, 'out.csv');
    const exported = await shell('-k', 'shop', '-e', `COPY c TO '${out}' WITH HEADER = true AND DELIMITER = '|'`);
    expect(exported.stdout).toMatch(/\n\n3 rows exported to 1 files in \d+\.\d{3} seconds\.\n$/);
    expect(readFileSync(out, 'utf8').split('\n').sort()).toEqual(['', '1|a,b', '2|', '3|"say \\"hi\\""', 'k|t']);
    const toStdout = await shell('-k', 'shop', '-e', "COPY c (k, t) TO STDOUT WITH NULL = '-'");
    expect(toStdout).toMatchObject({ code: 0, stderr: '' });
    expect(toStdout.stdout.split('\n').sort()).toEqual(['', '1,"a,b"', '2,-', '3,"say \\"hi\\""']);
    expect((await shell('-k', 'shop', '-e', 'COPY c FROM STDIN')).stderr).toBe('<stdin>:1:COPY FROM STDIN is not supported by this shell: load from a file\n');
  });

  it('COPY options: SKIPROWS, MAXROWS, MAXPARSEERRORS, BOOLSTYLE, DECIMALSEP, THOUSANDSSEP, DATETIMEFORMAT; unrecognized and bad ones', async () => {
    expect((await shell('-k', 'shop', '-e', 'CREATE TABLE o (k int PRIMARY KEY, b boolean, d double, ts timestamp)')).code).toBe(0);
    const csv = join(dir, 'o.csv');
    writeFileSync(csv, 'skipped\n1;yes;1.234,5;02/01/2024 03:04\n2;no;7,0;03/01/2024 00:00\n3;yes;x;04/01/2024 00:00\n4;no;1;05/01/2024 00:00\n5;no;1;06/01/2024 00:00\n');
    const errFile = join(dir, 'o.err');
    const options = `DELIMITER = ';' AND SKIPROWS = 1 AND MAXROWS = 5 AND BOOLSTYLE = 'yes, no' AND DECIMALSEP = ',' AND THOUSANDSSEP = '.' AND DATETIMEFORMAT = '%d/%m/%Y %H:%M' AND MAXPARSEERRORS = 0 AND ERRFILE = '${errFile}' AND CHUNKSIZE = 10 AND MAXBATCHSIZE = 5 AND ENCODING = 'utf-8'`;
    const loaded = await shell('-k', 'shop', '-e', `COPY o FROM '${csv}' WITH ${options}`);
    expect(loaded.stderr).toBe(`<stdin>:1:Failed to import 1 rows: ParseError - Failed to parse x : could not convert string to float: 'x',  given up without retries
<stdin>:1:Exceeded maximum number of parse errors 0
<stdin>:1:Failed to process 1 rows; failed rows written to ${errFile}
<stdin>:1:Exceeded maximum number of parse errors 0
`);
    expect(loaded.stdout).toMatch(/\n2 rows imported from 1 files in \d+\.\d{3} seconds \(1 skipped\)\.\n$/);
    const rows = await shell('-e', 'SELECT k, b, d, ts FROM shop.o');
    expect(rows.stdout).toContain(' 1 |  True | 1234.5 | 2024-01-02 03:04:00.000000+0000');
    expect(rows.stdout).toContain(' 2 | False |      7 | 2024-01-03 00:00:00.000000+0000');
    const out = join(dir, 'o-out.csv');
    const exported = await shell('-k', 'shop', '-e', `COPY o (k, b, d, ts) TO '${out}' WITH BOOLSTYLE = 'Y,N' AND DECIMALSEP = ',' AND THOUSANDSSEP = ' ' AND DATETIMEFORMAT = '%Y/%m/%d' AND PAGESIZE = 1 AND PAGETIMEOUT = 5`);
    expect(exported.code).toBe(0);
    expect(readFileSync(out, 'utf8').split('\n').sort()).toEqual(['', '1,Y,"1 234,5",2024/01/02', '2,N,7,2024/01/03']);
    const unknown = await shell('-k', 'shop', '-e', `COPY o TO '${out}' WITH HEADER = true AND COLOUR = 'red' AND BOGUS = 1`);
    expect(unknown).toMatchObject({ code: 2, stdout: 'Using 1 child processes\n', stderr: '<stdin>:1:Unrecognized COPY TO options: colour, bogus\n' });
    expect((await shell('-k', 'shop', '-e', `COPY o FROM '${csv}' WITH BOOLSTYLE = 'a'`)).stderr).toBe("<stdin>:1:Invalid boolean styles ['a']\n");
    expect((await shell('-k', 'shop', '-e', `COPY o FROM '${csv}' WITH MAXROWS = many`)).stderr).toBe("<stdin>:1:invalid literal for int() with base 10: 'many'\n");
  });

  it('COPY FROM retries a failed insert up to MAXATTEMPTS and stops past MAXINSERTERRORS', async () => {
    const csv = join(dir, 'big.csv');
    writeFileSync(csv, '10,2024-01-01 00:00:00+0000,99999999999\n11,2024-01-01 00:00:00+0000,0\n');
    expect((await shell('-k', 'shop', '-e', 'CREATE TABLE n (k int PRIMARY KEY, v int, ts timestamp)')).code).toBe(0);
    const errFile = join(dir, 'n.err');
    const retried = await shell('-k', 'shop', '-e', `COPY n FROM '${csv}' WITH MAXATTEMPTS = 2 AND ERRFILE = '${errFile}'`);
    const lines = retried.stderr.split('\n');
    expect(lines[0]).toMatch(/^<stdin>:1:Failed to import 1 rows: InvalidRequest - Error from server: code=2200 \[Invalid query\] message=".*",  will retry later, attempt 1 of 2$/);
    expect(lines[1]).toMatch(/^<stdin>:1:Failed to import 1 rows: InvalidRequest - .*,  given up after 2 attempts$/);
    expect(lines.slice(2)).toEqual([`<stdin>:1:Failed to process 1 rows; failed rows written to ${errFile}`, '']);
    expect(retried.stdout).toMatch(/\n1 rows imported from 1 files in /);
    expect(readFileSync(errFile, 'utf8')).toBe('10,2024-01-01 00:00:00+0000,99999999999\n');
    const stopped = await shell('-k', 'shop', '-e', `COPY n FROM '${csv}' WITH MAXINSERTERRORS = 0 AND ERRFILE = '${errFile}'`);
    // Stopped before its last attempt, the row is not written to ERRFILE (nor counted as failed), as copyutil does.
    expect(stopped.stderr.split('\n')).toEqual([
      expect.stringMatching(/^<stdin>:1:Failed to import 1 rows: InvalidRequest - .*,  will retry later, attempt 1 of 5$/),
      '<stdin>:1:Exceeded maximum number of insert errors 0', '<stdin>:1:Exceeded maximum number of insert errors 0', '',
    ]);
    expect(stopped.stdout).toMatch(/\n0 rows imported from 1 files in /);
  });

  it('speaks the protocol version given with --protocol-version', async () => {
    expect((await shell('--protocol-version', '3', '-e', 'SHOW VERSION')).stdout).toMatch(/\| Native protocol v3\]\n$/);
    expect((await shell('--protocol-version', '6', '-e', 'SHOW VERSION')).code).toBe(2);
  });

  it('reads the cqlshrc as cqlsh: connection, keyspace, time_format, timezone (TZ over it), precisions, [copy] sections', async () => {
    const home = join(dir, 'home');
    mkdirSync(join(home, '.cassandra'), { recursive: true });
    writeFileSync(join(home, '.cassandra', 'cqlshrc'), `; cqlsh's settings
[connection]
hostname = ${host}
port = ${port}
[authentication]
keyspace = shop
[ui]
timezone = Asia/Kolkata
time_format = %d.%m.%Y %H:%M:%S %z
float_precision = 2
double_precision = 3
[copy-to]
header = true
`);
    const query = 'SELECT f, d, ts FROM everything WHERE k = 1';
    const fromRc = await shellAt([], ['-e', query], { HOME: home });
    expect(fromRc).toEqual({ code: 0, stderr: '', stdout: `
 f   | d     | ts
-----+-------+---------------------------
 1.1 | 3.142 | 02.01.2024 08:34:05 +0530

(1 rows)
` });
    expect((await shellAt([], ['-e', query], { HOME: home, TZ: 'America/New_York' })).stdout).toContain('| 01.01.2024 22:04:05 -0500');
    const unknownZone = await shellAt([], ['-e', query], { HOME: home, TZ: 'Mars/Olympus' });
    expect(unknownZone.stderr).toBe("Warning: could not recognize timezone 'Mars/Olympus' from environment value TZ\n\n");
    expect(unknownZone.stdout).toContain('| 02.01.2024 08:34:05 +0530');
    const out = join(dir, 'rc.csv');
    const exported = await shellAt([], ['-e', `COPY c (k) TO '${out}'`], { HOME: home });
    expect(exported.stdout).toMatch(/^Reading options from .*cqlshrc:\[copy-to\]: \{'header': 'true'\}\nUsing 1 child processes\n\nStarting copy/);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe('k');

    const missing = join(dir, 'nowhere', 'cqlshrc');
    const other = await shellAt([host, port], ['--cqlshrc', missing, '-e', 'SELECT k FROM shop.c WHERE k = 1'], { HOME: join(dir, 'empty-home') });
    expect(other.stdout).toBe(`\nWarning: Specified cqlshrc location \`${missing}\` does not exist.  Using \`${join(dir, 'empty-home', '.cassandra', 'cqlshrc')}\` instead.\n\n\n k\n---\n 1\n\n(1 rows)\n`);
  });

  it('exits with 1 when it cannot connect, and with 2 on a bad command line', async () => {
    const closed = await shellAt(['127.0.0.1', '1'], ['--connect-timeout', '2', '-e', 'SELECT * FROM system.local']);
    expect(closed.code).toBe(1);
    expect(closed.stdout).toBe('');
    expect(closed.stderr).toMatch(/^Connection error: \('Unable to connect to any servers', \{'127\.0\.0\.1:1': .+\}\)\n$/);
    expect((await shell('--consistency', 'SOME')).code).toBe(2);
  });
});
