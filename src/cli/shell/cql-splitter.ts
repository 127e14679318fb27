/**
 * Cuts typed or scripted text into statements as cqlsh does: a statement ends at a `;` outside strings,
 * quoted names, `$$` bodies and comments (`--`, `//`, `/* *\/`); the shell's own commands (HELP, EXIT,
 * CONSISTENCY, ...) also end at the end of their line, so they need no `;`.
 */

/** The commands that a newline ends (cqlshhandling's commands_end_with_newline). */
export const NEWLINE_COMMANDS: ReadonlySet<string> = new Set([
  'help', '?', 'consistency', 'serial', 'describe', 'desc', 'show', 'source', 'capture', 'login', 'debug',
  'tracing', 'expand', 'paging', 'exit', 'quit', 'clear', 'cls',
]);

export interface SplitStatement {
  /** The statement without its terminator and comments, trimmed. */
  readonly text: string;
  /** The line (1-based, in the text given) on which it ended. */
  readonly endLine: number;
}

export interface SplitResult {
  readonly statements: readonly SplitStatement[];
  /** What follows the last complete statement: an unfinished statement, or '' (only blanks and comments). */
  readonly rest: string;
}

type Mode = 'code' | 'single' | 'double' | 'dollar' | 'line-comment' | 'block-comment';

/** Splits `text`; an unfinished string, comment or statement is left in `rest`. */
export function splitStatements(text: string): SplitResult {
  const statements: SplitStatement[] = [];
  let mode: Mode = 'code';
  let current = '';
  let start = 0;
  let line = 1;
  const finish = (end: number): void => {
    const statement = current.trim();
    if (statement !== '') statements.push({ text: statement, endLine: line });
    current = '';
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const next = text[i + 1] ?? '';
    if (c === '\n') line++;
    switch (mode) {
      case 'code':
        // Inside BEGIN BATCH ... APPLY BATCH a ';' separates the batch's statements, not the shell's.
        if (c === ';' && !inBatch(current)) {
          finish(i + 1);
          continue;
        }
        if (c === '\n' && NEWLINE_COMMANDS.has(firstWord(current))) {
          finish(i + 1);
          continue;
        }
        if ((c === '-' && next === '-') || (c === '/' && next === '/')) mode = 'line-comment';
        else if (c === '/' && next === '*') {
          mode = 'block-comment';
          i++;
          current += ' ';
          continue;
        } else if (c === "'") mode = 'single';
        else if (c === '"') mode = 'double';
        else if (c === '$' && next === '$') {
          mode = 'dollar';
          current += '$$';
          i++;
          continue;
        }
        if (mode !== 'line-comment') current += c;
        break;
      case 'single':
      case 'double':
        current += c;
        // A doubled quote stays inside: 'it''s'.
        if (c === (mode === 'single' ? "'" : '"')) {
          if (next === c) {
            current += next;
            i++;
          } else mode = 'code';
        }
        break;
      case 'dollar':
        current += c;
        if (c === '$' && next === '$') {
          current += next;
          i++;
          mode = 'code';
        }
        break;
      case 'line-comment':
        if (c === '\n') {
          mode = 'code';
          i--;
          line--;
        }
        break;
      case 'block-comment':
        if (c === '\n') current += '\n';
        if (c === '*' && next === '/') {
          mode = 'code';
          i++;
        }
        break;
    }
  }
  const unfinished = mode === 'single' || mode === 'double' || mode === 'dollar' || mode === 'block-comment';
  return { statements, rest: unfinished || current.trim() !== '' ? text.slice(start) : '' };
}

function inBatch(statement: string): boolean {
  return /^\s*begin\s+(?:unlogged\s+|counter\s+)?batch\b/i.test(statement) && !/\bapply\s+batch\s*$/i.test(statement);
}

/** The first word of a statement, lower-cased ('' when there is none). */
export function firstWord(statement: string): string {
  return /^\s*([A-Za-z_]\w*|\?)/.exec(statement)?.[1]?.toLowerCase() ?? '';
}
