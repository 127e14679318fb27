import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/**
 * The script `loadSchema` was given: a file URL, or a string ending in `.cql` without white space (every
 * CQL statement has some), is a file to read; any other string is CQL text. A path with spaces can be
 * given as a URL (pathToFileURL). Resolves to the text and a name for error messages.
 */
export async function schemaSource(fileOrText: string | URL): Promise<{ readonly text: string; readonly name: string }> {
  const path = fileOrText instanceof URL ? fileURLToPath(fileOrText) : isFileName(fileOrText) ? fileOrText : null;
  if (path === null) return { text: fileOrText as string, name: 'schema' };
  return { text: await readFile(path, 'utf8'), name: path };
}

function isFileName(text: string): boolean {
  return /\.cql$/i.test(text) && !/\s/.test(text);
}
