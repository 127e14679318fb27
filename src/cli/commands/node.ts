import { InvalidArgumentError, type Command } from 'commander';
import type { NodeView } from '../../admin/index.js';
import type { CliIo } from '../cli-io.js';
import { adminCommand, examples, nodeId, session } from './admin-command.js';

const ACTIONS = ['stop', 'start', 'kill', 'pause', 'resume'] as const;

function action(value: string): (typeof ACTIONS)[number] {
  const found = ACTIONS.find((a) => a === value);
  if (found === undefined) throw new InvalidArgumentError(`'${value}' is not one of ${ACTIONS.join(', ')}`);
  return found;
}

/** node stop|start|kill|pause|resume N. */
export function registerNodeCommands(program: Command, io: CliIo): void {
  adminCommand(program, 'node <action> <id>', 'stop (clean), kill (crash), start, pause (freeze) or resume a node')
    .addHelpText('after', `\nActions:\n  stop    peers are told at once; the listener closes, the data stays\n  kill    a crash: peers notice through their failure detectors\n  start   a stopped or killed node; peers replay its hints\n  pause   frozen: connections stay open, nothing is answered\n  resume  a paused node${examples('cassanova node stop 2', 'cassanova node start 2', 'cassanova node pause 3 --json')}`)
    .action(async (verb: string, id: string, _options: unknown, command: Command) => {
      const { client, out } = session(io, command);
      const node = await client.call<NodeView>('POST', `/nodes/${nodeId(id)}/${action(verb)}`);
      out.result(node, () => `Node ${node.id} (${node.address}) is ${node.status}`);
    });
}
