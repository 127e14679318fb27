import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** The content types of the files the dashboard is made of. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** One file of the dashboard, read once: the page is a few tens of kilobytes. */
interface Asset {
  readonly contentType: string;
  readonly body: Buffer;
}

/**
 * Where the client files are: beside this module when it runs from src/ (vitest, tsx); in dist/dashboard/
 * once built, where scripts/build.js copies them and from where the package ships them. The bundle that
 * holds this module is dist/*.js or dist/chunks/*.js, so dist/dashboard/ is ./dashboard/ or ../dashboard/.
 */
export function dashboardFolder(moduleUrl: string = import.meta.url): string {
  const candidates = ['./client/', './dashboard/', '../dashboard/'].map((relative) => fileURLToPath(new URL(relative, moduleUrl)));
  const found = candidates.find((folder) => existsSync(join(folder, 'index.html')));
  if (found === undefined) throw new Error(`the dashboard's files are missing: looked in ${candidates.join(', ')}`);
  return found;
}

async function readAssets(folder: string): Promise<ReadonlyMap<string, Asset>> {
  const assets = new Map<string, Asset>();
  for (const name of await readdir(folder)) {
    const contentType = CONTENT_TYPES[extname(name)];
    if (contentType !== undefined) assets.set(name, { contentType, body: await readFile(join(folder, name)) });
  }
  return assets;
}

/**
 * Serves the dashboard: the page at / and its scripts and styles at /dashboard/<file>. Only the files of
 * the folder are served (a name is looked up, never joined to a path). no-cache: a browser revalidates,
 * so a newer Cassanova's page is never mixed with an older one's scripts.
 */
export function registerDashboard(app: FastifyInstance, folder: string = dashboardFolder()): void {
  let assets: Promise<ReadonlyMap<string, Asset>> | undefined;
  const serve = async (name: string, reply: FastifyReply): Promise<unknown> => {
    const asset = (await (assets ??= readAssets(folder))).get(name);
    if (asset === undefined) return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `No dashboard file ${name}` });
    return reply.type(asset.contentType).header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff').send(asset.body);
  };
  app.get('/', (_request, reply) => serve('index.html', reply));
  app.get<{ Params: { file: string } }>('/dashboard/:file', (request, reply) => serve(request.params.file, reply));
}
