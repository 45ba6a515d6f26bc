import { test as base, expect, type Page } from '@playwright/test';

export { expect };

/**
 * Playwright's `test`, failing any test during which a page reported a Content-Security-Policy
 * violation (the app must run under its strict policy: no inline script or style, no eval).
 */
export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ context }, use) => {
      const violations: string[] = [];
      const watch = (page: Page) =>
        page.on('console', (message) => {
          if (message.text().includes('Content Security Policy')) violations.push(message.text());
        });
      context.pages().forEach(watch);
      context.on('page', watch);
      await use(violations);
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

/**
 * Opens the app with its URL field set to `path` on the test server (method left as is). Unless
 * `reconnect` is set, auto-reconnect is turned off, so that a run ends when its stream does.
 */
export async function openWithUrl(
  page: Page,
  path: string,
  { reconnect = false }: { reconnect?: boolean } = {},
): Promise<void> {
  await page.goto('/');
  await page.getByLabel('URL').fill(new URL(path, page.url()).toString());
  await page.getByTestId('details-tab-settings').click();
  await page.getByTestId('reconnect-switch').setChecked(reconnect);
}

/** Turns auto-reconnect off for the request in the editor: its run ends when its stream does. */
export async function oneConnection(page: Page): Promise<void> {
  await page.getByTestId('details-tab-settings').click();
  await page.getByTestId('reconnect-switch').uncheck();
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

/** Creates an environment with one variable and makes it active. */
export async function addVariable(page: Page, name: string, value: string, isSecret: boolean): Promise<void> {
  await page.getByTestId('environment-add').click();
  await page.getByTestId('variable-add').click();
  await page.getByTestId('variable-name').last().fill(name);
  await page.getByTestId('variable-name').last().press('Tab');
  await page.getByTestId('variable-value').last().fill(value);
  await page.getByTestId('variable-value').last().press('Tab');
  if (isSecret) await page.getByTestId('variable-secret').last().check();
}

/** The request `/demo/echo` saw, from its one event's data. */
export async function echoedRequest(page: Page): Promise<{ headers: Record<string, string>; uri: string }> {
  await page.getByTestId('event-row').click();
  await page.getByTestId('side-tab-inspector').click();
  await page.getByTestId('data-view-text').click();
  return JSON.parse((await page.getByTestId('data-text').textContent()) ?? '{}');
}
