import { expect, type Page } from '@playwright/test';

/** Opens the app with its URL field set to `path` on the test server (method left as is). */
export async function openWithUrl(page: Page, path: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('URL').fill(new URL(path, page.url()).toString());
}

/** Loads one of the example requests from the Examples menu. */
export async function loadExample(page: Page, label: string): Promise<void> {
  await page.goto('/');
  await page.getByTestId('example-menu').selectOption(label);
}

/** Waits until the run has ended and returns its close reason (the kebab-case kind). */
export async function closeReason(page: Page): Promise<string | null> {
  const entry = page.getByTestId('close-entry');
  await expect(entry).toBeVisible();
  return entry.getAttribute('data-close-reason');
}

/** The event types of the rows, top (newest) first. */
export async function rowTypes(page: Page): Promise<string[]> {
  return page.getByTestId('event-row-type').allTextContents();
}
