#!/usr/bin/env node
import { Command } from 'commander';
import { startCluster } from '../main.js';
import {
  integer, parseAddressing, parseDataCenters, parseInitialTokens, startBanner, startOptions, type StartCommandOptions,
} from './cluster-options.js';
import { loadSchemaOption } from './schema-option.js';

const program = new Command('cassanova').description('A fake Apache Cassandra cluster in one Node.js process');

program
  .command('start', { isDefault: true })
  .description('start a cluster and serve CQL until interrupted')
  .option('--address <address>', 'address of node 1 (node i takes the i-th address after it, unless --addressing ports)', '127.0.0.1')
  .option('--port <port>', 'native transport port (0 = any free port)', integer, 9042)
  .option('--nodes <count>', 'number of nodes, all in one data center (default 1)', integer)
  .option('--datacenters <spec>', 'nodes per data center: dc1:3,dc2:2; per rack: dc1:rack1=2+rack2=1,dc2:2', parseDataCenters)
  .option('--datacenter <name>', 'data center of every node without --datacenters', 'datacenter1')
  .option('--rack <name>', 'rack of every node without --datacenters', 'rack1')
  .option('--num-tokens <count>', 'tokens per node (num_tokens, default 16)', integer)
  .option('--initial-tokens <spec>', 'one token per node: a,b,c; several per node: a1,a2;b1,b2;c1,c2', parseInitialTokens)
  .option('--addressing <mode>', "'addresses': one address per node, same port; 'ports': one address, consecutive ports", parseAddressing, 'addresses')
  .option('--seed <seed>', 'seed for tokens, host ids and random choices', integer, 0)
  .option('--cluster-name <name>', 'cluster name', 'Test Cluster')
  .option('--schema <file>', 'a CQL script (keyspaces, tables, seed rows) run on the cluster before it is announced ready')
  .action(async (opts: StartCommandOptions & { readonly schema?: string }) => {
    const cluster = await startCluster(startOptions(opts));
    if (opts.schema !== undefined) process.stdout.write(await loadSchemaOption(cluster, opts.schema));
    process.stdout.write(startBanner(cluster, opts.clusterName));
    let stopping = false;
    const stop = (): void => {
      if (stopping) return;
      stopping = true;
      process.stdout.write('Stopping Cassanova...\n');
      cluster.close().then(() => process.exit(0), () => process.exit(1));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

program.parseAsync(process.argv).catch((e: unknown) => {
  process.stderr.write(`cassanova: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
