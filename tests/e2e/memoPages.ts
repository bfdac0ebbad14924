/**
 * What the memo e2e tests share: opening a project memo through the File menu, reading the
 * stored memo rows from the page's database, and waiting for the pane's "Saved".
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { MarginaliaDatabase } from '../../renderer/db/database.ts';
import type { Memo } from '../../shared/model/index.ts';

export async function fileMenu(page: Page, item: string): Promise<void> {
  await page.getByRole('menubar').getByRole('menuitem', { name: 'File', exact: true }).click();
  await page.getByRole('menu', { name: 'File' }).getByRole('menuitem', { name: item }).click();
}

/** File → Write project memo…, with the mouse; resolves once the editor has focus-ready text. */
export async function writeProjectMemo(page: Page): Promise<void> {
  await fileMenu(page, 'Write project memo…');
  await page.getByRole('region', { name: 'Memo' }).getByRole('textbox', { name: 'Memo text' }).waitFor();
}

export function memoPane(page: Page) {
  return page.getByRole('region', { name: 'Memo' });
}

export function memoText(page: Page) {
  return memoPane(page).getByRole('textbox', { name: 'Memo text' });
}

/** Every stored memo, oldest first. */
export function storedMemos(page: Page): Promise<Memo[]> {
  return page.evaluate(async () => {
    const db = (window as unknown as { marginaliaDb: MarginaliaDatabase }).marginaliaDb;
    return (await db.memos.toArray()).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  });
}

/** Waits until the pane says everything typed is stored. */
export async function waitForSaved(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('memo-save-state').getAttribute('data-state')).toBe('saved');
}

interface JsonNode {
  type: string;
  children?: JsonNode[];
  [key: string]: unknown;
}

/** Every node of a stored memo's Lexical JSON, depth first. */
export function memoNodes(content: string): JsonNode[] {
  const out: JsonNode[] = [];
  const walk = (node: JsonNode) => {
    out.push(node);
    node.children?.forEach(walk);
  };
  walk((JSON.parse(content) as { root: JsonNode }).root);
  return out;
}

/** The top-level blocks of a stored memo as [type-or-tag, text] pairs. */
export function memoBlocks(content: string): [string, string][] {
  const root = (JSON.parse(content) as { root: JsonNode }).root;
  const text = (node: JsonNode): string => (node.type === 'text' ? String(node['text']) : (node.children ?? []).map(text).join(node.type === 'list' ? '|' : ''));
  return (root.children ?? []).map((block) => [block.type === 'heading' ? String(block['tag']) : block.type === 'list' ? `list-${String(block['listType'])}` : block.type, text(block)]);
}

/** View → Memos, then opens the memo titled `title` from the memo manager. */
export async function openMemoFromManager(page: Page, title: string): Promise<void> {
  await page.getByRole('menubar').getByRole('menuitem', { name: 'View', exact: true }).click();
  await page.getByRole('menu', { name: 'View' }).getByRole('menuitem', { name: 'Memos' }).click();
  // In the manager a click makes a row current; a double click (or Enter) opens it.
  await page.getByRole('region', { name: 'Memos' }).getByText(title, { exact: true }).first().dblclick();
  await memoText(page).waitFor();
}
