import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardFolder, registerDashboard } from './dashboard-assets.js';

let scratch: string;
let app: FastifyInstance;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'cassanova-dashboard-'));
  const folder = join(scratch, 'client');
  mkdirSync(folder);
  writeFileSync(join(folder, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(folder, 'main.js'), 'export {};');
  writeFileSync(join(folder, 'style.css'), 'body {}');
  writeFileSync(join(folder, 'notes.txt'), 'not served');
  writeFileSync(join(scratch, 'secret.html'), 'outside');
  app = fastify();
  registerDashboard(app, folder);
  await app.ready();
});

afterAll(async () => {
  await app.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('serving the dashboard', () => {
  it('answers the page at / and its files at /dashboard/<file>, with their content types and no-cache', async () => {
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.body).toBe('<!doctype html><title>t</title>');
    expect((await app.inject({ method: 'GET', url: '/dashboard/main.js' })).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await app.inject({ method: 'GET', url: '/dashboard/style.css' })).headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('serves only the files of its folder that it knows a type for', async () => {
    for (const url of ['/dashboard/notes.txt', '/dashboard/..%2Fsecret.html', '/dashboard/nope.js']) {
      const answer = await app.inject({ method: 'GET', url });
      expect(answer.statusCode, url).toBe(404);
      expect(answer.json<{ message: string }>().message).toMatch(/^No dashboard file /);
    }
  });
});

describe('finding the files', () => {
  const layout = (files: readonly string[]): string => {
    const root = mkdtempSync(join(scratch, 'layout-'));
    for (const file of files) {
      mkdirSync(join(root, file, '..'), { recursive: true });
      writeFileSync(join(root, file), '');
    }
    return root;
  };

  it('beside the module in src/, in dist/dashboard/ from a bundle in dist/ or dist/chunks/', () => {
    const src = layout(['admin/dashboard/client/index.html']);
    expect(dashboardFolder(pathToFileURL(join(src, 'admin/dashboard/dashboard-assets.js')).href)).toBe(join(src, 'admin/dashboard/client/'));
    const dist = layout(['dist/dashboard/index.html']);
    expect(dashboardFolder(pathToFileURL(join(dist, 'dist/cassanova.js')).href)).toBe(join(dist, 'dist/dashboard/'));
    expect(dashboardFolder(pathToFileURL(join(dist, 'dist/chunks/main-abc.js')).href)).toBe(join(dist, 'dist/dashboard/'));
  });

  it('fails loudly when they are missing', () => {
    const empty = layout(['dist/cassanova.js']);
    expect(() => dashboardFolder(pathToFileURL(join(empty, 'dist/cassanova.js')).href)).toThrow(/the dashboard's files are missing: looked in /);
  });
});

describe('the shipped page', () => {
  const folder = dashboardFolder();
  const files = new Set(readdirSync(folder));

  it('names only scripts and stylesheets that exist, and its modules import only each other', () => {
    const html = readFileSync(join(folder, 'index.html'), 'utf8');
    const named = [...html.matchAll(/(?:src|href)="\/dashboard\/([^"]+)"/g)].map((m) => m[1]!);
    expect(named).toEqual(expect.arrayContaining(['main.js', 'dashboard.css']));
    for (const module of [...files].filter((f) => f.endsWith('.js'))) {
      const text = readFileSync(join(folder, module), 'utf8');
      expect(text.startsWith('// @ts-check'), `${module} is type-checked`).toBe(true);
      for (const [, imported] of text.matchAll(/from '\.\/([^']+)'/g)) named.push(imported!);
    }
    expect(named.filter((f) => !files.has(f))).toEqual([]);
  });

  it('loads nothing from elsewhere (no CDN, no web fonts)', () => {
    for (const file of files) expect(readFileSync(join(folder, file), 'utf8'), file).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });
});
