import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CassanovaCluster } from '../main.js';

/**
 * `start --schema FILE.cql`: runs the script once every node listens and before the banner says the
 * cluster is ready, so a test suite that waits for the banner finds its keyspaces. A failing script stops
 * the cluster (the command then fails with the script's file, line and error). Resolves to the line to print.
 */
export async function loadSchemaOption(cluster: CassanovaCluster, file: string): Promise<string> {
  try {
    // As a URL, any path is read as a file (a bare string must end in .cql and hold no spaces).
    const count = await cluster.loadSchema(pathToFileURL(resolve(file)));
    return `Schema: ${count} statement(s) from ${file}\n`;
  } catch (e) {
    await cluster.close();
    throw e;
  }
}
