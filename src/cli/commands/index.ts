import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { registerActivityCommands } from './activity.js';
import { registerInspectCommands } from './inspect.js';
import { registerKvCommands } from './kv.js';
import { registerMaintenanceCommands } from './maintenance.js';
import { registerNetworkCommands } from './network.js';
import { registerNodeCommands } from './node.js';
import { registerPrimeCommands } from './primes.js';
import { registerRunCommands } from './run-cluster.js';
import { registerShellCommand } from '../shell/shell-command.js';
import { registerTestControlCommands } from './test-controls.js';
import { registerTopologyCommands } from './topology.js';

/**
 * The command groups, one file each, in the order `cassanova --help` lists them. A new group (prime,
 * activity, reset, snapshots) is a new file whose commands talk to its admin routes, and one line here.
 */
export const COMMAND_GROUPS: readonly ((program: Command, io: CliIo) => void)[] = [
  registerRunCommands,
  registerInspectCommands,
  registerNodeCommands,
  registerNetworkCommands,
  registerTopologyCommands,
  registerMaintenanceCommands,
  registerTestControlCommands,
  registerPrimeCommands,
  registerActivityCommands,
  registerKvCommands,
  registerShellCommand,
];
