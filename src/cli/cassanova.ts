#!/usr/bin/env node
import { Command, InvalidArgumentError } from 'commander';
import { startCluster } from '../main.js';

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('not an integer');
  return n;
}

const program = new Command('cassanova').description('A fake Apache Cassandra cluster in one Node.js process');

program
  .command('start', { isDefault: true })
  .description('start a cluster and serve CQL until interrupted')
  .option('--address <address>', 'address of node 1', '127.0.0.1')
  .option('--port <port>', 'native transport port (0 = any free port)', integer, 9042)
  .option('--nodes <count>', 'number of nodes', integer, 1)
  .option('--seed <seed>', 'seed for tokens, host ids and random choices', integer, 0)
  .option('--cluster-name <name>', 'cluster name', 'Test Cluster')
  .option('--datacenter <name>', 'data center name', 'datacenter1')
  .action(async (opts: { address: string; port: number; nodes: number; seed: number; clusterName: string; datacenter: string }) => {
    const cluster = await startCluster({
      address: opts.address, port: opts.port, nodes: opts.nodes, seed: opts.seed,
      clusterName: opts.clusterName, dataCenter: opts.datacenter,
    });
    process.stdout.write(
      `Cassanova is running: ${cluster.contactPoints.length} node(s), cluster '${opts.clusterName}'\n`
      + `  contact points:   ${cluster.contactPoints.join(', ')}\n`
      + `  local data center: ${cluster.localDataCenter}\n`
      + 'Press Ctrl-C to stop.\n',
    );
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
