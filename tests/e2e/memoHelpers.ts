/**
 * Helpers for the memo end-to-end tests: what the database holds (memos and what they are
 * attached to), ids by name, and whether the memo pane shows a memo.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { MarginaliaDatabase } from '../../renderer/db/database.ts';
import type { Memo } from '../../shared/model/index.ts';

/** Every stored memo. */
export function storedMemos(page: Page): Promise<Memo[]> {
  return page.evaluate(async () => {
    const db = (window as unknown as { marginaliaDb: MarginaliaDatabase }).marginaliaDb;
    return db.memos.toArray();
  });
}

/** Waits until exactly `count` memos are stored and returns them. */
export async function expectMemoCount(page: Page, count: number): Promise<Memo[]> {
  await expect.poll(async () => (await storedMemos(page)).length).toBe(count);
  return storedMemos(page);
}

export function documentIdNamed(page: Page, namePart: string): Promise<string> {
  return page.evaluate(async (part) => {
    const db = (window as unknown as { marginaliaDb: MarginaliaDatabase }).marginaliaDb;
    const found = (await db.documents.toArray()).find((d) => d.name.includes(part));
    if (!found) throw new Error(`No document named like “${part}”.`);
    return found.id;
  }, namePart);
}

export function codeIdNamed(page: Page, name: string): Promise<string> {
  return page.evaluate(async (n) => {
    const db = (window as unknown as { marginaliaDb: MarginaliaDatabase }).marginaliaDb;
    const found = (await db.codes.toArray()).find((c) => c.name === n);
    if (!found) throw new Error(`No code named “${n}”.`);
    return found.id;
  }, name);
}

/** The current coder's stored segments (not the demo's example coders'), with the text each covers. */
export function storedSegments(page: Page): Promise<{ id: string; documentId: string; codeId: string; start: number; end: number; text: string }[]> {
  return page.evaluate(async () => {
    const db = (window as unknown as { marginaliaDb: MarginaliaDatabase }).marginaliaDb;
    const coderId = (await db.settings.get('currentCoderId'))!.value as string;
    const segments = (await db.segments.toArray()).filter((s) => s.coderId === coderId);
    return Promise.all(segments.map(async (s) => ({ id: s.id, documentId: s.documentId, codeId: s.codeId, start: s.start, end: s.end, text: (await db.documentTexts.get(s.documentId))!.text.slice(s.start, s.end) })));
  });
}

/** Where `phrase` starts in the stored text of the document that holds it. */
export function offsetOfPhrase(page: Page, phrase: string): Promise<{ documentId: string; start: number; end: number }> {
  return page.evaluate(async (p) => {
    const db = (window as unknown as { marginaliaDb: MarginaliaDatabase }).marginaliaDb;
    const text = (await db.documentTexts.toArray()).find((t) => t.text.includes(p))!;
    const start = text.text.indexOf(p);
    return { documentId: text.documentId, start, end: start + p.length };
  }, phrase);
}

/** The memo pane shows the memo (its title field is on screen, beside the document). */
export async function expectMemoPaneOpen(page: Page): Promise<void> {
  await expect.poll(() => page.getByLabel('Memo title').isVisible()).toBe(true);
}

/** Stores a memo straight into the database (for tests about showing memos, not writing them). */
export function putMemo(page: Page, memo: Omit<Memo, 'id' | 'projectId' | 'createdAt' | 'modifiedAt' | 'coderId' | 'content'>): Promise<string> {
  return page.evaluate(async (m) => {
    const db = (window as unknown as { marginaliaDb: MarginaliaDatabase }).marginaliaDb;
    const projectId = (await db.settings.get('currentProjectId'))!.value as string;
    const id = crypto.randomUUID();
    const at = new Date().toISOString();
    await db.memos.put({ ...m, id, projectId, content: '', coderId: null, createdAt: at, modifiedAt: at } as never);
    return id;
  }, memo);
}

/** Where `phrase` is on screen in the open document (scrolled into view): its first line's box. */
export function phraseBox(page: Page, phrase: string): Promise<{ x: number; y: number; top: number; bottom: number }> {
  return page.evaluate((text) => {
    const root = document.querySelector('[data-testid="document-text"]')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(text);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + text.length);
      const rect = range.getClientRects()[0]!;
      return { x: rect.left + Math.min(rect.width / 2, 20), y: rect.top + rect.height / 2, top: rect.top, bottom: rect.bottom };
    }
    throw new Error(`“${text}” is not in the open document.`);
  }, phrase);
}

/** Clicks inside `phrase` in the open document (opens the inspector on a coding there). */
export async function clickPhrase(page: Page, phrase: string): Promise<void> {
  const box = await phraseBox(page, phrase);
  await page.mouse.click(box.x, box.y);
}
