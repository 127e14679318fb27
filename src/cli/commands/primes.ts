import { readFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { CliError, type CliIo } from '../cli-io.js';
import { formatTable } from '../output.js';
import type { AdminClient } from '../admin-client.js';
import { adminCommand, examples, session } from './admin-command.js';

interface PrimeView {
  readonly id: number;
  readonly when: object;
  readonly then: object;
  readonly remaining: number | null;
  readonly matched: number;
}

/** A prime id argument (a usage error otherwise, exit code 2). */
function primeId(value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError(`'${value}' is not a prime id (1, 2, ...)`);
  return Number(value);
}

/** The prime specs of FILE.json (or of stdin for -): one object, or a list of them. */
async function specsOf(file: string, io: CliIo): Promise<unknown[]> {
  let text: string;
  try {
    text = file === '-' ? await io.readStdin() : await readFile(file, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${(e as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new CliError(`${file === '-' ? 'stdin' : file} is not JSON: ${(e as Error).message}`);
  }
  const specs = Array.isArray(parsed) ? parsed : [parsed];
  if (specs.length === 0) throw new CliError(`${file} holds no prime`);
  return specs;
}

/** Primes every spec, or none: when one is refused, the ones primed before it are removed. */
async function primeAll(client: AdminClient, specs: readonly unknown[]): Promise<PrimeView[]> {
  const made: PrimeView[] = [];
  for (const [i, spec] of specs.entries()) {
    try {
      made.push(await client.call<PrimeView>('POST', '/primes', spec));
    } catch (e) {
      await Promise.allSettled(made.map((p) => client.call('DELETE', `/primes/${p.id}`)));
      throw specs.length === 1 ? e : new CliError(`prime ${i + 1} of ${specs.length} (none primed): ${(e as Error).message}`);
    }
  }
  return made;
}

const compact = (value: object): string => JSON.stringify(value);

/** prime, primes: canned answers to the requests that match. */
export function registerPrimeCommands(program: Command, io: CliIo): void {
  adminCommand(program, 'prime <file>', 'prime answers from FILE.json (one prime or a list; - reads stdin); prints the id of each')
    .addHelpText('after', `${examples(
      'cassanova prime write-timeout.json',
      `echo '{"when": {"query": {"regex": "^INSERT"}}, "then": {"error": "WRITE_TIMEOUT", "received": 0, "blockFor": 1, "writeType": "SIMPLE"}, "times": 1}' | cassanova prime -`,
    )}\nA prime is {"when": {node, opcode, query, consistency, values}, "then": {...}, "times": n}; "then" is an error\nwith its fields ({"error": "UNAVAILABLE", "required": 3, "alive": 1}), rows ({"columns": [{"name": "n",\n"type": "int"}], "rows": [[1]]}), {"void": true}, {"delayMs": n}, {"noAnswer": true} or {"closeConnection": true}.\n`)
    .action(async (file: string, _options: unknown, command: Command) => {
      const { client, out } = session(io, command);
      const made = await primeAll(client, await specsOf(file, io));
      out.result(made, () => made.map((p) => String(p.id)).join('\n'));
    });
  adminCommand(program, 'primes', 'list the primes in force (the newest matching one answers); --remove ID or --clear removes them')
    .option('--remove <id>', 'remove the prime of that id', primeId)
    .option('--clear', 'remove every prime')
    .addHelpText('after', examples('cassanova primes', 'cassanova primes --remove 3', 'cassanova primes --clear'))
    .action(async (options: { remove?: number; clear?: boolean }, command: Command) => {
      if (options.remove !== undefined && options.clear === true) throw new InvalidArgumentError('give --remove ID or --clear, not both');
      const { client, out } = session(io, command);
      if (options.clear === true) {
        await client.call('DELETE', '/primes');
        out.result({ cleared: true }, () => 'Removed every prime');
        return;
      }
      if (options.remove !== undefined) {
        await client.call('DELETE', `/primes/${options.remove}`);
        out.result({ removed: options.remove }, () => `Removed prime ${options.remove}`);
        return;
      }
      const list = await client.call<PrimeView[]>('GET', '/primes');
      out.result(list, () => (list.length === 0 ? 'No prime' : formatTable(
        ['ID', 'When', 'Then', 'Left', 'Matched'],
        list.map((p) => [String(p.id), compact(p.when), compact(p.then), p.remaining === null ? 'until removed' : String(p.remaining), String(p.matched)]),
      )));
    });
}
