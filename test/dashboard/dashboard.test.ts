/**
 * The web dashboard in a real browser (Debian's Chromium) against a three-node cluster, with a connected
 * Node.js driver: the page shows the nodes as gossip sees them, its buttons stop and start nodes (the driver
 * sees it), its key lookup agrees with the driver's replicas, it partitions and heals the network, tails
 * the activity with filters, shows the schema, shows the admin API's refusals, and works from the keyboard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import cassandra from 'cassandra-driver';
import type { Browser, Page } from 'playwright-core';
import { startCluster } from '../../src/index.js';
import { browserMissing, launchBrowser, screenshot } from './browser.js';

type Cluster = Awaited<ReturnType<typeof startCluster>>;

const missing = browserMissing();
if (missing !== null) console.warn(`Skipping the dashboard's browser tests: ${missing}`);

const KEYSPACE = 'shop';
let cluster: Cluster;
let client: cassandra.Client;
let browser: Browser;
let page: Page;

async function until(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const badge = (id: number) => page.locator(`article[data-node="${id}"] .badge`);
const focusedLabel = () => page.evaluate("document.activeElement?.getAttribute('aria-label') ?? null");
const partitionOfCluster = async () => ((await (await fetch(`${cluster.adminUrl}/network`)).json()) as { partition: number[][] | null }).partition;
const hostUp = (address: string) => client.hosts.values().find((h) => h.address.startsWith(`${address}:`))?.isUp();

describe.skipIf(missing !== null)('the web dashboard', () => {
  beforeAll(async () => {
    cluster = await startCluster({ port: 0, nodes: 3, adminPort: 0, gossipIntervalMs: 100, seed: 20261207 });
    client = new cassandra.Client({ ...cluster.driverOptions(), pooling: { heartBeatInterval: 500 } });
    await client.connect();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(cluster.adminUrl!);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await client?.shutdown();
    await cluster?.close();
  });

  it('loads with the three nodes on the ring and as cards, all up', async () => {
    await page.locator('article[data-node]').nth(2).waitFor();
    expect(await page.locator('article[data-node]').count()).toBe(3);
    expect(await page.locator('#ring .token').count()).toBe(3 * 16);
    await until('every node shows up', async () => (await badge(1).textContent()) === 'up' && (await badge(3).textContent()) === 'up');
    expect(await page.locator('#ring-legend li').allTextContents()).toEqual(['node 1 · datacenter1 · up', 'node 2 · datacenter1 · up', 'node 3 · datacenter1 · up']);
    await screenshot(page, 'loaded');
  });

  it('lists a table the driver creates, with its columns', async () => {
    await client.execute(`CREATE KEYSPACE ${KEYSPACE} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 2}`);
    await client.execute(`CREATE TABLE ${KEYSPACE}.orders (customer text, placed timestamp, total decimal, items map<text, int>, PRIMARY KEY (customer, placed))`);
    const table = page.locator(`#schema details[data-name="${KEYSPACE}.orders"]`);
    await table.waitFor();
    await table.locator('summary').click();
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
    expect(rows).toEqual([
      ['customer', 'text', 'partition key'], ['placed', 'timestamp', 'clustering'], ['items', 'map<text, int>', ''], ['total', 'decimal', ''],
    ]);
    await screenshot(page, 'schema');
  });

  it('stops node 2 with its button: the driver and the page see it down; starts it again', async () => {
    await page.getByRole('button', { name: 'Stop node 2' }).click();
    await until('the driver sees node 2 down', () => hostUp(cluster.node(2).address) === false);
    await until('the page shows node 2 down', async () => (await badge(2).textContent()) === 'down');
    expect(await page.locator('#ring .token.state-down[data-node="2"]').count()).toBe(16);
    await screenshot(page, 'node-2-down');
    await page.getByRole('button', { name: 'Start node 2' }).click();
    await until('the page shows node 2 up', async () => (await badge(2).textContent()) === 'up');
    await until('the driver sees node 2 up', () => hostUp(cluster.node(2).address) === true, 30_000);
  }, 60_000);

  it('pauses node 3: the page shows it paused on its card and on the ring; resumes it', async () => {
    await page.getByRole('button', { name: 'Pause node 3' }).click();
    await until('the page shows node 3 paused', async () => (await badge(3).textContent()) === 'paused');
    expect(await page.locator('#ring .token.state-paused[data-node="3"]').count()).toBe(16);
    expect(await page.getByRole('button', { name: 'Resume node 3' }).isEnabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Pause node 3' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Resume node 3' }).click();
    await until('the page shows node 3 up', async () => (await badge(3).textContent()) === 'up');
  });

  it("shows the replicas of a key as the driver's metadata computes them", async () => {
    await page.selectOption('#lookup-keyspace', KEYSPACE);
    await page.selectOption('#lookup-table', 'orders');
    await page.fill('#lookup-key', "'alice'");
    await page.getByRole('button', { name: 'Find replicas' }).click();
    await page.locator('#lookup-result li').first().waitFor();
    const shown = (await page.locator('#lookup-result li').evaluateAll((lis) => lis.map((li) => Number(li.getAttribute('data-node'))))).sort();
    const driver = client.metadata.getReplicas(KEYSPACE, Buffer.from('alice')).map((h) => cluster.nodes.find((n) => h.address.startsWith(`${n.address}:`))!.id).sort();
    expect(shown).toHaveLength(2);
    expect(shown).toEqual(driver);
    const ringed = await page.locator('#ring .token.replica').evaluateAll((gs) => [...new Set(gs.map((g) => Number(g.getAttribute('data-node'))))].sort());
    expect(ringed).toEqual(driver);
    await screenshot(page, 'key-lookup');
  });

  it('shows what the admin API refuses', async () => {
    await page.fill('#lookup-key', "'unterminated");
    await page.getByRole('button', { name: 'Find replicas' }).click();
    const error = page.locator('#errors li').last();
    await error.waitFor();
    expect(await error.textContent()).toMatch(/^GET \/replicas\?.*: 400 /);
    await screenshot(page, 'error');
    await error.getByRole('button').click();
    expect(await page.locator('#errors li').count()).toBe(0);
  });

  it('moves a node to the other side by dragging it', async () => {
    await page.dragAndDrop('#zone-a .chip[data-node="3"]', '#zone-b');
    expect(await page.inputValue('#side-3')).toBe('B');
    expect(await page.locator('#zone-b .chip').allTextContents()).toEqual(['node 3']);
    await page.dragAndDrop('#zone-b .chip[data-node="3"]', '#zone-a');
    expect(await page.inputValue('#side-3')).toBe('A');
  });

  it('partitions the network by choosing sides, and heals it', async () => {
    await page.selectOption('#side-1', 'A');
    await page.selectOption('#side-2', 'B');
    await page.selectOption('#side-3', 'B');
    await page.getByRole('button', { name: 'Partition A | B' }).click();
    await until('the page shows the partition', async () => (await page.textContent('#partition-status')) === 'Partitioned: {1} | {2, 3}');
    expect(await partitionOfCluster()).toEqual([[1], [2, 3]]);
    expect(await page.locator('#zone-b .chip').allTextContents()).toEqual(['node 2', 'node 3']);
    await screenshot(page, 'partitioned');
    await page.getByRole('button', { name: 'Heal' }).click();
    await until('the page shows no partition', async () => (await page.textContent('#partition-status'))!.startsWith('No partition'));
    expect(await partitionOfCluster()).toBeNull();
  });

  it('sets the latency of a link', async () => {
    await page.selectOption('#link-from', '1');
    await page.selectOption('#link-to', '3');
    await page.fill('#link-latency', '25');
    await page.getByRole('button', { name: 'Apply to link' }).click();
    await until('the page lists the link', async () => (await page.textContent('#links'))!.includes('node 1 → node 3: 25 ms'));
    expect(cluster.network.linkSettings(1, 3).latencyMs).toBe(25);
  });

  it('tails the activity, and its filters narrow it', async () => {
    await client.execute(`INSERT INTO ${KEYSPACE}.orders (customer, placed, total) VALUES ('bob', 0, 12.5)`);
    await client.execute(`SELECT total FROM ${KEYSPACE}.orders WHERE customer = 'bob'`);
    const rows = page.locator('#activity-list li');
    await until('the query is in the tail', async () => (await rows.allTextContents()).some((t) => t.includes("WHERE customer = 'bob'")));
    const before = await rows.count();
    await page.fill('#activity-text', "customer = 'bob'");
    await until('the text filter applies', async () => (await rows.count()) < before);
    const shown = await rows.locator('.what').allTextContents();
    expect(shown).toHaveLength(1);
    expect(shown[0]).toContain("SELECT total FROM shop.orders WHERE customer = 'bob'");
    const node = await rows.first().getAttribute('data-node');
    const other = ['1', '2', '3'].find((n) => n !== node)!;
    await page.selectOption('#activity-node', other);
    await until('the node filter applies', async () => (await rows.count()) === 0);
    await page.selectOption('#activity-node', node!);
    await until('the record is back', async () => (await rows.count()) === 1);
    await screenshot(page, 'activity');
    // Each card's rate comes from its node's request counter between two polls.
    const rates = async () => (await page.locator('dd[data-field="rate"]').allTextContents()).map(Number);
    for (let i = 0; i < 40; i++) await client.execute(`SELECT total FROM ${KEYSPACE}.orders WHERE customer = 'carol'`);
    await until('a card shows the burst of requests', async () => (await rates()).some((r) => r >= 5));
    await page.fill('#activity-text', '');
    await page.selectOption('#activity-node', '');
  });

  it('works from the keyboard: Tab to the stop button of node 2, Enter stops it', async () => {
    // From the top of the page, as a keyboard user arrives (the test's own code has no DOM types: a string runs in the page).
    await page.evaluate('document.activeElement?.blur()');
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await focusedLabel()) === 'Stop node 2';
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await until('node 2 is down', async () => cluster.node(2).status === 'down' && (await badge(2).textContent()) === 'down');
    // The stop button is disabled now; the focus moved to the card's first enabled button: Start.
    expect(await focusedLabel()).toBe('Start node 2');
    await screenshot(page, 'keyboard');
    await page.keyboard.press('Enter');
    await until('node 2 is up again', async () => cluster.node(2).status === 'up' && (await badge(2).textContent()) === 'up');
  }, 60_000);
});
