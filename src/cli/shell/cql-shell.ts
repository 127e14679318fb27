import cassandra from 'cassandra-driver';
import type { Clock } from '../../common/index.js';
import { printPage, printResult, printWarnings, type PrintSettings, type ResultPage } from './result-printer.js';
import type { ColumnRole } from './result-table.js';
import { formatError } from './error-format.js';
import type { ShellOutput } from './shell-output.js';
import { printTrace } from './trace-printer.js';
import { DEFAULT_FORMAT, type ColumnType, type FormatOptions } from './value-format.js';
import type { IniSections } from './cqlshrc.js';

/** The versions SHOW VERSION prints, read once at connection. */
export interface ServerVersions {
  readonly clusterName: string;
  readonly release: string;
  readonly cql: string;
  readonly protocol: number;
}

/** cqlsh's version line: this shell behaves as cqlsh 6.1 (Cassandra 4.1's). */
export const CQLSH_VERSION = '6.1.0';

/** Asks the person at the terminal (---MORE---); null once input has ended. */
export type Ask = (prompt: string) => Promise<string | null>;

/**
 * A session of the shell over one driver Client: the switches cqlsh keeps (consistency levels, tracing,
 * expand, paging, the keyspace in use) and the running of CQL statements with their results, warnings
 * and traces printed as cqlsh prints them. The shell's own commands are in shell-commands.ts.
 */
export class CqlShell {
  consistency = 'ONE';
  serialConsistency = 'SERIAL';
  tracing = false;
  expand = false;
  usePaging = true;
  pageSize = 100;
  keyspace: string | null;
  stopped = false;
  /** How values print: cqlsh's precisions, time_format and zone (from the cqlshrc). */
  format: FormatOptions = DEFAULT_FORMAT;
  /** The cqlshrc's sections (COPY reads its [copy…] ones) and its path. */
  configSections: IniSections = new Map();
  configPath = '';

  constructor(
    readonly client: cassandra.Client,
    readonly out: ShellOutput,
    readonly tty: boolean,
    readonly host: string,
    readonly port: number,
    readonly versions: ServerVersions,
    readonly ask: Ask | null,
    keyspace: string | null,
    readonly clock: Clock,
  ) {
    this.keyspace = keyspace;
  }

  get prompt(): string {
    return this.keyspace === null ? 'cqlsh> ' : `cqlsh:${this.keyspace}> `;
  }

  get continuePrompt(): string {
    return this.keyspace === null ? '   ... ' : `${' '.repeat(this.keyspace.length)}    ... `;
  }

  /** Runs a CQL statement (perform_statement); false when it failed (the error is printed). */
  async perform(statement: string, options: { tracing?: boolean } = {}): Promise<boolean> {
    const tracing = options.tracing ?? this.tracing;
    const queryOptions: cassandra.QueryOptions = {
      prepare: false,
      consistency: consistencyCode(this.consistency),
      serialConsistency: consistencyCode(this.serialConsistency),
      traceQuery: tracing,
      // fetchSize 0: no page size in the request, every row at once (cqlsh's fetch_size None with PAGING OFF).
      fetchSize: this.usePaging ? this.pageSize : 0,
      autoPage: false,
    };
    let result: cassandra.types.ResultSet;
    try {
      result = await this.client.execute(statement, [], queryOptions);
    } catch (e) {
      this.out.error(formatError(e));
      return false;
    }
    await this.printOutcome(statement, result, queryOptions);
    printWarnings(this.out, result.info.warnings);
    if (tracing && result.info.traceId !== undefined) await this.showTrace(result.info.traceId);
    return true;
  }

  /** SELECT results with their row count; rows of other statements (an LWT's [applied]) as a bare table. */
  private async printOutcome(statement: string, result: cassandra.types.ResultSet, queryOptions: cassandra.QueryOptions): Promise<void> {
    const settings = await this.printSettings(statement);
    const first = pageOf(result);
    if (/^select/i.test(statement) || /^list/i.test(statement)) {
      let state = result.pageState;
      const next = async (): Promise<ResultPage> => {
        const page = await this.client.execute(statement, [], { ...queryOptions, pageState: state });
        state = page.pageState;
        return pageOf(page);
      };
      const more = this.tty && this.ask !== null && this.out.capturing === null ? this.morePrompt(this.ask) : null;
      await printResult(this.out, first, next, settings, more);
    } else if (result.rows !== undefined && result.rows.length > 0) {
      this.out.result('');
      printPage(this.out, first, settings, true, 0);
    }
  }

  private morePrompt(ask: Ask): () => Promise<boolean> {
    return async () => (await ask('---MORE---')) !== null;
  }

  /** Colours of column names need the table's metadata: read only when colours show. */
  private async printSettings(statement: string): Promise<PrintSettings> {
    let roleOf = (_name: string): ColumnRole => 'regular';
    if (this.out.colour) roleOf = await this.rolesOf(statement);
    return { tty: this.tty, expand: this.expand, format: this.format, roleOf };
  }

  private async rolesOf(statement: string): Promise<(name: string) => ColumnRole> {
    const match = /\bfrom\s+(?:("?)(\w+)\1\s*\.\s*)?("?)(\w+)\3/i.exec(statement);
    const keyspace = match?.[2] ?? this.keyspace;
    if (match === null || keyspace === null) return () => 'regular';
    const table = await this.client.metadata.getTable(keyspace, match[4]!).catch(() => null);
    if (table === null) return () => 'regular';
    return (name) => {
      if (table.partitionKeys.some((c) => c.name === name)) return 'partition';
      if (table.clusteringKeys.some((c) => c.name === name)) return 'clustering';
      return (table.columns.find((c) => c.name === name) as { isStatic?: boolean } | undefined)?.isStatic === true ? 'static' : 'regular';
    };
  }

  /** The trace of a traced request, from system_traces (the driver waits for it to complete). */
  async showTrace(traceId: cassandra.types.Uuid): Promise<void> {
    try {
      const trace = await this.client.metadata.getTrace(traceId, consistencyCode(this.consistency));
      printTrace(this.out, traceId.toString(), trace, this.tty);
    } catch (e) {
      this.out.error(`Unable to fetch query trace: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

/** The driver's page as the printer takes it. */
function pageOf(result: cassandra.types.ResultSet): ResultPage {
  const columns = result.columns === null || result.columns === undefined ? null
    : result.columns.map((c) => ({ name: c.name, type: c.type as unknown as ColumnType }));
  return { columns, rows: result.rows ?? [], hasMore: result.pageState !== null && result.pageState !== undefined };
}

/** The driver's code of a consistency level name (ONE, LOCAL_QUORUM, ...). */
export function consistencyCode(name: string): number {
  const code = (cassandra.types.consistencies as unknown as Record<string, number>)[toCamel(name)];
  if (code === undefined) throw new Error(`unknown consistency level ${name}`);
  return code;
}

function toCamel(name: string): string {
  return name.toLowerCase().replace(/_(\w)/g, (_m, c: string) => c.toUpperCase());
}

/** The consistency level names cqlsh accepts. */
export { CONSISTENCY_LEVELS } from './consistency-levels.js';
