import type { Command } from 'commander';
import { plannedNodes, startCluster, type CassanovaCluster, type StartClusterOptions } from '../../main.js';
import { CliError, type CliIo } from '../cli-io.js';
import { checkSameNodes, checkSavedNodes, clusterDefinition, readClusterFile, startOptionsOf, writeClusterFile } from '../cluster-file.js';
import { addClusterOptions, addLogOptions, integer, oneOf, startBanner, startOptions, startSummary, type StartCommandOptions } from '../cluster-options.js';
import { acquireRunLock } from '../run-lock.js';
import { loadSchemaOption } from '../schema-option.js';
import { addTlsOptions, tlsOption, writeCaFile, type TlsCommandOptions } from '../tls-options.js';
import { examples } from './admin-command.js';

interface OutputOptions {
  readonly json?: boolean;
}

/** The cluster the options describe, as the nodes it would start: a bad combination of options is a usage error. */
function plan(options: StartClusterOptions): ReturnType<typeof plannedNodes> {
  try {
    return plannedNodes(options);
  } catch (e) {
    if (e instanceof RangeError) throw new CliError(e.message, 2);
    throw e;
  }
}

/** Starts the cluster, adding what to try when a port is taken. */
async function start(options: StartClusterOptions): Promise<CassanovaCluster> {
  try {
    return await startCluster(options);
  } catch (e) {
    const error = e as NodeJS.ErrnoException;
    if (error.code === 'EADDRINUSE') throw new CliError(`${error.message}: another cluster runs there? choose --port and --admin-port (0 for any free port), or --no-admin`);
    if (e instanceof RangeError) throw new CliError(e.message, 2);
    throw e;
  }
}

/**
 * Writes the generated CA for clients, prints where the cluster serves, waits for Ctrl-C or SIGTERM, then
 * closes it. `folder` is the cluster's own (--data-dir, --dir), where the CA goes unless --tls-ca-out says.
 */
async function serve(io: CliIo, cluster: CassanovaCluster, clusterName: string, opts: OutputOptions & TlsCommandOptions, folder?: string): Promise<void> {
  const json = opts.json === true;
  const caFile = writeCaFile(cluster, opts, folder);
  try {
    const path = caFile?.path ?? null;
    io.stdout.write(json ? `${JSON.stringify(startSummary(cluster, clusterName, path))}\n` : startBanner(cluster, clusterName, path));
    await io.stopRequested();
    if (!json) io.stdout.write('Stopping Cassanova...\n');
    await cluster.close();
  } finally {
    caFile?.remove();
  }
}

/** start, setup, run: the commands that define and run a cluster in this process. */
export function registerRunCommands(program: Command, io: CliIo): void {
  addTlsOptions(addLogOptions(addClusterOptions(program.command('start').description('start a cluster and serve CQL (and the admin API) until interrupted'))))
    .option('--json', 'print where the cluster serves as one JSON object')
    .option('--schema <file>', 'a CQL script (keyspaces, tables, seed rows) run on the cluster before it is announced ready')
    .option('--data-dir <dir>', 'keep the cluster in this folder (commit logs, SSTables, schema); started again from it, it comes back as it was')
    .option('--commitlog-sync <mode>', "with --data-dir: 'periodic' (fsync every 10 s) or 'batch' (fsync before each write is acknowledged)", oneOf(['periodic', 'batch'] as const))
    .option('--commitlog-total-space-mb <mib>', 'with --data-dir: commitlog_total_space; past it a node flushes the tables holding its oldest segments (default 8192)', integer)
    .addHelpText('after', examples(
      'cassanova start',
      'cassanova start --nodes 3 --data-dir ./data   # again later: the same cluster, with its data',
      'cassanova start --schema schema.cql',
      'cassanova start --nodes 3 --port 0 --admin-port 0',
      'cassanova start --datacenters dc1:3,dc2:2 --seed 7',
      'cassanova start --clock virtual     # then: cassanova advance-time 1000',
      'cassanova start --tls-self-signed   # prints the CA file clients trust',
    ))
    .action(async (opts: StartCommandOptions & OutputOptions & TlsCommandOptions & {
      readonly schema?: string; readonly dataDir?: string; readonly commitlogSync?: 'periodic' | 'batch'; readonly commitlogTotalSpaceMb?: number;
    }) => {
      const options: StartClusterOptions = {
        ...startOptions(opts), dataDir: opts.dataDir, commitlogSync: opts.commitlogSync, commitlogTotalSpaceMb: opts.commitlogTotalSpaceMb,
        tls: tlsOption(opts),
      };
      plan(options);
      const cluster = await start(options);
      if (opts.schema !== undefined) {
        const loaded = await loadSchemaOption(cluster, opts.schema);
        if (opts.json !== true) io.stdout.write(loaded);
      }
      await serve(io, cluster, opts.clusterName, opts, opts.dataDir);
    });
  addClusterOptions(program.command('setup').description('write the definition of a cluster (nodes, tokens, host ids, ports) to DIR/cluster.json'))
    .requiredOption('--dir <dir>', 'the folder to write cluster.json to')
    .option('--force', 'replace an existing cluster.json')
    .option('--json', 'print the definition as JSON')
    .addHelpText('after', examples('cassanova setup --dir ./cluster --nodes 3', 'cassanova setup --dir ./cluster --datacenters dc1:3,dc2:3 --seed 42 --force'))
    .action((opts: StartCommandOptions & OutputOptions & { dir: string; force?: boolean }) => {
      const options = startOptions(opts);
      const definition = clusterDefinition(options, plan(options), opts.numTokens ?? 16);
      const path = writeClusterFile(opts.dir, definition, opts.force === true);
      io.stdout.write(opts.json === true ? `${JSON.stringify(definition, null, 2)}\n` : `Wrote ${path}: ${definition.nodes.length} node(s); start it with cassanova run --dir ${opts.dir}\n`);
    });
  addTlsOptions(addLogOptions(program.command('run').description('start exactly the cluster of DIR/cluster.json (same host ids and tokens every time), keeping its data in DIR')))
    .requiredOption('--dir <dir>', 'the folder holding cluster.json, and the cluster\'s data (cassanova.json, schema.cql, node<id>/)')
    .option('--in-memory', 'keep nothing in DIR: the cluster starts empty and its data goes with the process')
    .option('--commitlog-sync <mode>', "'periodic' (fsync every 10 s) or 'batch' (fsync before each write is acknowledged)", oneOf(['periodic', 'batch'] as const))
    .option('--commitlog-total-space-mb <mib>', 'commitlog_total_space: past it a node flushes the tables holding its oldest segments (default 8192)', integer)
    .option('--json', 'print where the cluster serves as one JSON object')
    .addHelpText('after', examples(
      'cassanova run --dir ./cluster              # Ctrl-C, run again: the same schema and data',
      'cassanova run --dir ./cluster --in-memory  # the same nodes, nothing kept',
      'cassanova status --dir ./cluster           # from another terminal',
    ))
    .action(async (opts: OutputOptions & TlsCommandOptions & {
      dir: string; inMemory?: boolean; commitlogSync?: 'periodic' | 'batch'; commitlogTotalSpaceMb?: number;
      logLevel?: StartClusterOptions['logLevel']; logFormat?: StartClusterOptions['logFormat'];
    }) => {
      const definition = readClusterFile(opts.dir);
      const durable = opts.inMemory !== true;
      if (!durable && opts.commitlogSync !== undefined) throw new CliError('--commitlog-sync is for a cluster that keeps its data: not with --in-memory', 2);
      if (!durable && opts.commitlogTotalSpaceMb !== undefined) {
        throw new CliError('--commitlog-total-space-mb is for a cluster that keeps its data: not with --in-memory', 2);
      }
      // The data folder's manifest, once there, says which nodes start (nodes added or removed at run time included).
      if (durable) checkSavedNodes(opts.dir, definition);
      const options: StartClusterOptions = {
        ...startOptionsOf(definition), logLevel: opts.logLevel, logFormat: opts.logFormat, tls: tlsOption(opts),
        ...(durable ? { dataDir: opts.dir, commitlogSync: opts.commitlogSync, commitlogTotalSpaceMb: opts.commitlogTotalSpaceMb } : {}),
      };
      checkSameNodes(definition, plan(options));
      const lock = acquireRunLock(opts.dir);
      try {
        const cluster = await start(options);
        lock.update({ pid: process.pid, adminUrl: cluster.adminUrl, contactPoints: cluster.contactPoints });
        if (durable && opts.json !== true) io.stdout.write(`Data kept in ${opts.dir} (run --dir ${opts.dir} again to get it back)\n`);
        await serve(io, cluster, definition.clusterName, opts, opts.dir);
      } finally {
        lock.release();
      }
    });
}
