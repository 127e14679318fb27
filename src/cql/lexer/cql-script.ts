import { Lexer } from './lexer.js';
import type { Token } from './token.js';

/** One statement of a CQL script, without its semicolon, and the line it starts on (1-based). */
export interface ScriptStatement {
  readonly text: string;
  readonly line: number;
}

/**
 * Splits a script of several statements at its semicolons, as cqlsh does, with the real lexer: semicolons
 * in strings ('…', $$…$$), quoted names and comments do not split, nor do those between BEGIN BATCH and
 * APPLY BATCH. Comments and empty statements between semicolons are dropped. A lexer error (an unterminated
 * string, say) is thrown as the SyntaxError the parser would give.
 */
export function splitCqlScript(script: string): ScriptStatement[] {
  const lexer = new Lexer(script);
  const statements: ScriptStatement[] = [];
  let first: Token | null = null;
  let previous: Token | null = null;
  let inBatch = false;
  for (let token = lexer.next(); ; token = lexer.next()) {
    const ends = token.type === 'EOF' || (token.type === "';'" && !inBatch);
    if (ends) {
      if (first !== null) statements.push({ text: script.slice(first.start, previous!.end), line: first.line });
      if (token.type === 'EOF') return statements;
      first = null;
      previous = null;
      continue;
    }
    if (first === null) {
      first = token;
      inBatch = token.type === 'K_BEGIN';
    } else if (inBatch && token.type === 'K_BATCH' && previous?.type === 'K_APPLY') {
      inBatch = false;
    }
    previous = token;
  }
}
