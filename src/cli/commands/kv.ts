import { readFile, writeFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { KvClient, KvError, type KvConsistency, type KvNamespace } from '../../kv/index.js';
import { adminUrlOf, unreachable, type AdminTarget } from '../admin-client.js';
import { CliError, type CliIo } from '../cli-io.js';
import { Output } from '../output.js';
import { adminCommand, examples, nodeId } from './admin-command.js';

interface KvCommandOptions extends AdminTarget {
  readonly json?: boolean;
  readonly consistency?: KvConsistency;
  readonly node?: number;
}

/** A whole number from min to max (ttl, limit). */
function wholeNumber(min: number, max: number): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) throw new InvalidArgumentError(`'${value}' is not a whole number from ${min} to ${max}`);
    return Number(value);
  };
}

/** The namespace of a command, through the admin API the options name; failures as the CLI prints them (exit code 1). */
function namespaceOf(io: CliIo, command: Command, name: string): { readonly ns: KvNamespace; readonly out: Output; readonly options: KvCommandOptions } {
  const options = command.opts<KvCommandOptions>();
  const url = adminUrlOf(options, io);
  const client = new KvClient(url, (input, init) => io.fetch(input, init).catch((e: unknown) => { throw unreachable(url, e); }));
  return { ns: client.kv(name), out: new Output(io.stdout, options.json === true), options };
}

/** Runs a KV operation; a KvError becomes a one-line CliError with its status (exit code 1). */
async function kvCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof KvError) throw new CliError(`${e.message} (${e.status} ${e.error})`);
    throw e;
  }
}

/** The common options of the kv commands: the request's consistency level and coordinator. */
function kvCommand(kv: Command, nameAndArgs: string, description: string): Command {
  return adminCommand(kv, nameAndArgs, description)
    .option('--consistency <level>', 'the consistency level: ONE (default), QUORUM, ALL, LOCAL_QUORUM, ...', (v) => v.toUpperCase())
    .option('--node <id>', 'the node that coordinates the request (default: round-robin over the nodes up)', nodeId);
}

/** The value of `set`: the argument, the bytes of --file, or standard input for '-'. */
async function valueOf(io: CliIo, value: string | undefined, file: string | undefined): Promise<string | Buffer> {
  if (file !== undefined && value !== undefined) throw new CliError('give the value as an argument or with --file, not both', 2);
  if (file !== undefined) {
    try {
      return await readFile(file);
    } catch (e) {
      throw new CliError(`cannot read ${file}: ${(e as Error).message}`);
    }
  }
  if (value === undefined) throw new CliError("the value is missing: give it as an argument, '-' for standard input, or --file FILE", 2);
  return value === '-' ? io.readStdin() : value;
}

/** kv get|set|del|list: the key-value API (/v1/kv) from the shell. */
export function registerKvCommands(program: Command, io: CliIo): void {
  const kv = program.command('kv').description('the key-value API: values by key in namespaces (CQL tables kv.<namespace>)');
  kvCommand(kv, 'get <namespace> <key>', 'print the value of a key (text; --output FILE for any bytes)')
    .option('--output <file>', 'write the value to this file, byte for byte')
    .addHelpText('after', examples('cassanova kv get users alice', 'cassanova kv get users alice --consistency QUORUM --json', 'cassanova kv get files logo --output logo.png'))
    .action(async (name: string, key: string, opts: { output?: string }, command: Command) => {
      const { ns, out, options } = namespaceOf(io, command, name);
      const entry = await kvCall(() => ns.get(key, { consistency: options.consistency, node: options.node }));
      if (entry === null) throw new CliError(`No value for the key '${key}' in the namespace '${name}'`);
      if (opts.output !== undefined) await writeFile(opts.output, entry.value);
      const text = entry.value.toString('utf8');
      const isText = Buffer.from(text, 'utf8').equals(entry.value);
      if (!out.json && opts.output === undefined && !isText) {
        throw new CliError(`The value of '${key}' is not UTF-8 text (${entry.contentType}, ${entry.value.length} bytes): use --output FILE or --json`);
      }
      const value = isText ? { value: text } : { valueBase64: entry.value.toString('base64') };
      const view = { namespace: name, key, contentType: entry.contentType, etag: entry.etag, ...value };
      if (out.json || opts.output === undefined) out.result(view, () => text);
      else out.result(view, () => `Wrote ${entry.value.length} bytes (${entry.contentType}) to ${opts.output}`);
    });
  kvCommand(kv, 'set <namespace> <key> [value]', "write the value of a key (the argument, '-' for standard input, or --file)")
    .option('--file <file>', 'write the bytes of this file')
    .option('--content-type <type>', 'the content type kept with the value (default text/plain; charset=utf-8, or application/octet-stream with --file)')
    .option('--ttl <seconds>', 'seconds until the value expires (0: never)', wholeNumber(0, 630_720_000))
    .option('--if-match <etag>', "only if the value's ETag is this one ('*': only if the key exists)")
    .option('--if-not-exists', 'only if the key has no value yet')
    .addHelpText('after', examples('cassanova kv set users alice \'{"age":30}\' --content-type application/json', 'cassanova kv set files logo --file logo.png --content-type image/png', 'echo hi | cassanova kv set notes n1 - --ttl 60'))
    .action(async (name: string, key: string, value: string | undefined, opts: { file?: string; contentType?: string; ttl?: number; ifMatch?: string; ifNotExists?: boolean }, command: Command) => {
      const { ns, out, options } = namespaceOf(io, command, name);
      const bytes = await valueOf(io, value, opts.file);
      const result = await kvCall(() => ns.set(key, bytes, {
        consistency: options.consistency, node: options.node, ttl: opts.ttl, ifMatch: opts.ifMatch,
        ifNoneMatch: opts.ifNotExists === true ? '*' : undefined,
        contentType: opts.contentType ?? (typeof bytes === 'string' ? undefined : 'application/octet-stream'),
      }));
      out.result({ namespace: name, key, ...result }, () => `${result.created ? 'Created' : 'Replaced'} ${name}/${key} (ETag "${result.etag}")`);
    });
  kvCommand(kv, 'del <namespace> <key>', 'delete the value of a key')
    .option('--if-match <etag>', "only if the value's ETag is this one ('*': only if the key exists)")
    .addHelpText('after', examples('cassanova kv del users alice', 'cassanova kv del users alice --if-match 1765111234567890'))
    .action(async (name: string, key: string, opts: { ifMatch?: string }, command: Command) => {
      const { ns, out, options } = namespaceOf(io, command, name);
      const deleted = await kvCall(() => ns.del(key, { consistency: options.consistency, node: options.node, ifMatch: opts.ifMatch }));
      if (!deleted) throw new CliError(`No value for the key '${key}' in the namespace '${name}'`);
      out.result({ namespace: name, key, deleted }, () => `Deleted ${name}/${key}`);
    });
  kvCommand(kv, 'list <namespace>', 'list the keys of a namespace, in token order, a page at a time (--all: every page)')
    .option('--prefix <text>', 'only keys that start with this text')
    .option('--limit <n>', 'keys per page, 1 to 1000 (default 100)', wholeNumber(1, 1000))
    .option('--cursor <cursor>', 'the page after the one that printed this cursor')
    .option('--all', 'every page, one after the other')
    .addHelpText('after', examples('cassanova kv list users', 'cassanova kv list users --prefix a --all', 'cassanova kv list users --limit 10 --cursor YWxpY2U'))
    .action(async (name: string, opts: { prefix?: string; limit?: number; cursor?: string; all?: boolean }, command: Command) => {
      const { ns, out, options } = namespaceOf(io, command, name);
      const keys: string[] = [];
      let cursor = opts.cursor;
      do {
        const page = await kvCall(() => ns.list({ consistency: options.consistency, node: options.node, prefix: opts.prefix, limit: opts.limit, cursor }));
        keys.push(...page.keys);
        cursor = page.cursor ?? undefined;
      } while (opts.all === true && cursor !== undefined);
      out.result({ namespace: name, keys, cursor: cursor ?? null }, () => [...keys, ...(cursor === undefined ? [] : [`(more: --cursor ${cursor})`])].join('\n'));
    });
}
