import { mkdirSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevServer, startDevServer } from './dev-server.ts';

// Debian's Chromium (`apt-get install chromium`): Playwright cannot download its own here.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Without the background-networking flags Chromium phones home at start, which would both
// fail on a closed network and pollute the record of requests.
const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let server: DevServer;
let browser: Browser;
let page: Page;
const foreign: string[] = [];
const problems: string[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startDevServer(90_000),
    chromium.launch({ executablePath, args }),
  ]);
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  // Every request the page or its workers make passes here: another origin is recorded and
  // refused, so the test also proves the page works without it.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === server.origin || url.startsWith('data:')) return route.continue();
    foreign.push(url);
    return route.abort();
  });
  page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the playground in a browser', () => {
  it('runs the first example and highlights the article spans behind its result', async () => {
    const response = await page.goto(`${server.origin}/graphql`);
    expect(response?.status()).toBe(200);

    // Monaco is ready when the operation editor shows the first example.
    const editor = page.locator('.graphiql-query-editor');
    await expect
      .poll(() => editor.textContent(), { timeout: 30_000 })
      .toContain('CeasefireStatements');
    const tabs = page.locator('.graphiql-tab');
    await expect.poll(() => tabs.count()).toBeGreaterThanOrEqual(5);

    await page.locator('.graphiql-execute-button').click();

    const result = page.locator('.graphiql-response');
    await expect.poll(() => result.textContent(), { timeout: 30_000 }).toContain('"speaker"');
    await expect
      .poll(() => page.getByTestId('excerpt-count').textContent(), { timeout: 10_000 })
      .toMatch(/^\d+ excerpts? from the result highlighted$/);

    // The result quotes the article's own typography, and Monaco leaves it unboxed: no
    // "ambiguous character" decoration in the operation or the result pane.
    expect(await result.textContent()).toMatch(/[’“”]/);
    const boxed = page.locator(
      '.graphiql-query-editor .unicode-highlight, .graphiql-response .unicode-highlight',
    );
    expect(await boxed.count()).toBe(0);

    const marks = page.locator('.article-panel mark');
    expect(await marks.count()).toBeGreaterThan(0);
    // Every highlighted span is words of the article that the result cites.
    const marked = await marks.allTextContents();
    expect(marked.join(' ')).toMatch(/ceasefire/i);

    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/playground.png' });

    expect(foreign).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('opens the doc explorer from the schema the API serves', async () => {
    await page.getByRole('button', { name: /documentation explorer/i }).click();
    await expect
      .poll(() => page.locator('.graphiql-doc-explorer').textContent(), { timeout: 10_000 })
      .toContain('Query');
    expect(foreign).toEqual([]);
  });

  it('the REST reference at /rest lists the operations and its "try it" call returns data', async () => {
    const response = await page.goto(`${server.origin}/rest`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");

    const operations = page.locator('.opblock-summary-path');
    await expect.poll(() => operations.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(15);
    const paths = await operations.allTextContents();
    expect(paths.join(' ')).toContain('/rest/actor/{slug}');
    expect(paths.join(' ')).toContain('/rest/statements');

    const actor = page.locator('.opblock').filter({
      has: page.locator('.opblock-summary-path', { hasText: /^\/rest\/actor\/\{slug\}$/ }),
    });
    await actor.locator('.opblock-summary').click();
    await actor.locator('input[placeholder="slug"]').fill('sergei-markov');
    await actor.locator('button.execute').click();
    await expect
      .poll(() => actor.locator('.live-responses-table').textContent(), { timeout: 20_000 })
      .toContain('Sergei Markov');

    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/rest-reference.png' });
    expect(foreign).toEqual([]);
    expect(problems).toEqual([]);
  });
});
