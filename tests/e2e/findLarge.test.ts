/**
 * Find in a 1 MB document: a common word's count stops at 10,000+ and a window of 2,000 hits is
 * painted; a rare word, F3 and Shift+F3 step through, Escape clears the paint. The times each step
 * took are printed for a reader, not asserted.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { catchFileChoosers, completeFirstRun, launchChromium, newPage } from './browser.ts';

let browser: Browser;
const baseUrl = inject('baseUrl');
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const PARAGRAPH = 'The café 🙂 owner told the police that the protest was peaceful, and Señora Núñez agreed with the others at the meeting.';

/** Milliseconds from `act` until `done` holds, measured in the page's clock after the next frame. */
async function timed(page: Page, act: () => Promise<void>, done: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  await act();
  await expect.poll(done, { interval: 10 }).toBe(true);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return Date.now() - start;
}

it('caps the count and the paint in a 1 MB document, and still steps and clears', async () => {
  const { context, page } = await newPage(browser);
  try {
    await completeFirstRun(page, baseUrl);
    const lines = ['Large interview'];
    while (lines.join('\n').length < 1_000_000) lines.push(`${lines.length}. ${PARAGRAPH}`);
    const choosers = await catchFileChoosers(page);
    await page.locator('.document-list').getByRole('button', { name: 'Import…' }).click();
    await (await choosers.next()).setFiles({ name: 'Large interview.txt', mimeType: 'text/plain', buffer: Buffer.from(lines.join('\n')) });
    await expect.poll(() => page.locator('.document-list .document-item', { hasText: 'Large interview' }).count(), { timeout: 30_000 }).toBe(1);
    await page.locator('.document-list .document-item', { hasText: 'Large interview' }).click();
    await expect.poll(() => page.locator('.document-title').textContent(), { timeout: 30_000 }).toBe('Large interview');
    await page.waitForSelector('[data-testid="document-text"] p');
    await page.keyboard.press('Control+f');
    const query = page.getByRole('searchbox', { name: 'Find', exact: true });
    const count = () => page.getByTestId('find-count').textContent();
    const typing = await timed(page, () => query.fill('the'), async () => (await count()) === '1 of 10,000+');
    const painted = await page.evaluate(() => CSS.highlights.get('marginalia-search-hits')?.size);
    expect(painted).toBe(2000);
    const rare = await timed(page, () => query.fill('Núñez'), async () => /^1 of \d/.test((await count()) ?? ''));
    const steps: number[] = [];
    for (let i = 0; i < 5; i++) steps.push(await timed(page, () => page.keyboard.press('F3'), async () => (await count())?.startsWith(`${i + 2} of`) ?? false));
    const last = await timed(page, () => page.keyboard.press('Shift+F3'), async () => (await count())?.startsWith('5 of') ?? false);
    const closing = await timed(page, () => query.press('Escape'), async () => (await page.evaluate(() => CSS.highlights.get('marginalia-search-hits')?.size)) === 0);
    console.log(`1 MB document: "the" (10,000+ hits) ${typing} ms, "Núñez" ${rare} ms, F3 ${steps.join('/')} ms, Shift+F3 ${last} ms, close ${closing} ms`);
    // The times are printed, not asserted: speed is measured by benchmarks, never by a test's clock.
  } finally {
    await context.close();
  }
});
