/**
 * Server errors as cqlsh prints them: the Python driver's exception class, then its text
 * `Error from server: code=2200 [Invalid query] message="…"` (code in hex, as %04x), with the `info={…}`
 * the Python driver appends to unavailable, timeout and failure errors. The Node.js driver rewrites the
 * message of those errors, so their server message is rebuilt here as Cassandra words it.
 */

interface ServerError {
  readonly code: number;
  readonly message: string;
  readonly consistencies?: number;
  readonly required?: number;
  readonly alive?: number;
  readonly received?: number;
  readonly blockFor?: number;
  readonly failures?: number;
  readonly writeType?: string;
  readonly keyspace?: string;
  readonly table?: string;
}

/** The Python driver's class and summary of each error code. */
const ERRORS: Readonly<Record<number, readonly [string, string]>> = {
  0x0000: ['ServerError', 'Server error'],
  0x000a: ['ProtocolException', 'Protocol error'],
  0x0100: ['AuthenticationFailed', 'Bad credentials'],
  0x1000: ['Unavailable', 'Unavailable exception'],
  0x1001: ['OverloadedErrorMessage', 'Coordinator node overloaded'],
  0x1002: ['IsBootstrappingErrorMessage', 'Coordinator node is bootstrapping'],
  0x1003: ['TruncateError', 'Error during truncate'],
  0x1100: ['WriteTimeout', "Coordinator node timed out waiting for replica nodes' responses"],
  0x1200: ['ReadTimeout', "Coordinator node timed out waiting for replica nodes' responses"],
  0x1300: ['ReadFailure', 'Replica(s) failed to execute read'],
  0x1400: ['FunctionFailure', 'User Defined Function failure'],
  0x1500: ['WriteFailure', 'Replica(s) failed to execute write'],
  0x1600: ['CDCWriteFailure', 'Failed to execute write due to CDC space exhaustion.'],
  0x1700: ['CoordinationFailure', 'Coordination failure'],
  0x2000: ['SyntaxException', 'Syntax error in CQL query'],
  0x2100: ['Unauthorized', 'Unauthorized'],
  0x2200: ['InvalidRequest', 'Invalid query'],
  0x2300: ['ConfigurationException', 'Query invalid because of configuration issue'],
  0x2400: ['AlreadyExists', 'Already exists'],
  0x2500: ['Unprepared', 'Unprepared query'],
};

const CONSISTENCY_NAMES = ['ANY', 'ONE', 'TWO', 'THREE', 'QUORUM', 'ALL', 'LOCAL_QUORUM', 'EACH_QUORUM', 'SERIAL', 'LOCAL_SERIAL', 'LOCAL_ONE'];

function isServerError(e: unknown): e is ServerError {
  return e instanceof Error && typeof (e as { code?: unknown }).code === 'number' && e.name === 'ResponseError';
}

/** Python's repr of a dict of strings and numbers. */
function pythonDict(entries: readonly [string, string | number][]): string {
  return `{${entries.map(([k, v]) => `'${k}': ${typeof v === 'string' ? `'${v}'` : v}`).join(', ')}}`;
}

/** The message Cassandra sent, and the info the Python driver adds, for the errors whose message the Node.js driver replaced. */
function messageAndInfo(e: ServerError): [string, string] {
  const cl = CONSISTENCY_NAMES[e.consistencies ?? -1] ?? String(e.consistencies);
  switch (e.code) {
    case 0x1000:
      return [`Cannot achieve consistency level ${cl}`, pythonDict([['consistency', cl], ['required_replicas', e.required ?? 0], ['alive_replicas', e.alive ?? 0]])];
    case 0x1100:
    case 0x1200: {
      const info: [string, string | number][] = [['consistency', cl], ['required_responses', e.blockFor ?? 0], ['received_responses', e.received ?? 0]];
      if (e.code === 0x1100) info.push(['write_type', e.writeType ?? '']);
      return [`Operation timed out - received only ${e.received ?? 0} responses.`, pythonDict(info)];
    }
    case 0x1300:
    case 0x1500:
      return [`Operation failed - received ${e.received ?? 0} responses and ${e.failures ?? 0} failures`,
        pythonDict([['consistency', cl], ['required_responses', e.blockFor ?? 0], ['received_responses', e.received ?? 0], ['failures', e.failures ?? 0]])];
    default:
      return [e.message, ''];
  }
}

/** `Class: text`, the line cqlsh prints for a failed statement (before any `file:line:` prefix). */
export function formatError(e: unknown): string {
  if (!isServerError(e)) return e instanceof Error ? e.message : String(e);
  const [name, summary] = ERRORS[e.code] ?? ['ServerError', 'Unknown'];
  if (e.code === 0x2400 && e.keyspace !== undefined) {
    return e.table ? `AlreadyExists: Table '${e.keyspace}.${e.table}' already exists` : `AlreadyExists: Keyspace '${e.keyspace}' already exists`;
  }
  const [message, info] = messageAndInfo(e);
  const code = e.code.toString(16).padStart(4, '0');
  return `${name}: Error from server: code=${code} [${summary}] message="${message}"${info === '' ? '' : ` info=${info}`}`;
}

/** The server's message alone, as DESCRIBE errors print (err.message partitioned at message=). */
export function serverMessage(e: unknown): string {
  return isServerError(e) ? messageAndInfo(e)[0] : e instanceof Error ? e.message : String(e);
}
