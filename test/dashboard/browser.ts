/**
 * Debian's headless Chromium (`apt-get install chromium`), driven by playwright-core: nothing is downloaded,
 * the browser is the system's. The flags keep it from reaching anywhere but the page (without the
 * background-networking ones its own connections are refused here and it stalls).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Why the browser tests cannot run here, or null: in CI they must run, so a missing Chromium fails them there. */
export function browserMissing(): string | null {
  if (existsSync(CHROMIUM) || process.env['CI'] !== undefined) return null;
  return `${CHROMIUM} is missing: apt-get install chromium to run the dashboard's browser tests`;
}

const FLAGS = [
  '--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-extensions',
  // A container's /dev/shm may be too small for the renderer's shared memory: use /tmp instead.
  '--disable-dev-shm-usage',
];

/** Playwright gives every launch a fresh profile (its own --user-data-dir) and passes --no-sandbox (chromiumSandbox false). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, chromiumSandbox: false, args: FLAGS, timeout: 60_000 });
}

/** Where each state's screenshot is kept (gitignored; CI keeps it as an artifact). */
export const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'dashboard');

export async function screenshot(page: Page, state: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${state}.png`), fullPage: true });
}
