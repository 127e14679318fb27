import type { CqlShell } from './cql-shell.js';
import { splitStatements } from './cql-splitter.js';
import { handleStatement } from './shell-commands.js';

/**
 * Runs a script (-f, SOURCE, or piped standard input) line by line as cqlsh reads it: statements run as
 * soon as their line ends them; errors carry the script's name and cqlsh's line number (one more than
 * the lines read); an unfinished statement at the end is reported.
 */
export async function runScript(shell: CqlShell, text: string, name: string): Promise<void> {
  const saved = shell.out.position;
  shell.out.position = { name, lineno: 1 };
  try {
    let buffer = '';
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    for (const line of lines) {
      buffer += `${line}\n`;
      shell.out.position.lineno++;
      buffer = await runComplete(shell, buffer);
      if (shell.stopped) return;
    }
    if (buffer.trim() !== '') shell.out.error('Incomplete statement at end of file');
  } finally {
    shell.out.position = saved;
  }
}

/** Runs the complete statements at the start of `buffer`; returns what is left (an unfinished statement). */
export async function runComplete(shell: CqlShell, buffer: string): Promise<string> {
  const { statements, rest } = splitStatements(buffer);
  for (const statement of statements) {
    await handleStatement(shell, statement.text, runScript);
    if (shell.stopped) return '';
  }
  return rest;
}

/** -e: one statement (a `;` added when missing), reported as line 1 of <stdin> outside tty mode. */
export async function runExecute(shell: CqlShell, statement: string): Promise<void> {
  const text = statement.trimEnd().endsWith(';') ? statement : `${statement};`;
  const rest = await runComplete(shell, `${text}\n`);
  if (rest.trim() !== '') shell.out.error('Incomplete statement at end of file');
}
