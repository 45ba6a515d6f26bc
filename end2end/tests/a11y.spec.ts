import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { addVariable, expect, loadExample, test } from './helpers';

/** The serious and critical WCAG 2.1 A/AA violations on the page, as "rule: where". */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`in the ${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    test('a run with the inspector, the answer and the checks open has no serious accessibility violation', async ({ page }) => {
      await loadExample(page, 'Demo: OpenAI tool calls');
      await page.getByRole('button', { name: 'Send' }).click();
      await expect(page.getByTestId('close-entry')).toBeVisible();
      expect(await violations(page), 'with the answer').toEqual([]);
      await page.getByTestId('event-row').first().click();
      await expect(page.getByTestId('event-inspector')).toBeVisible();
      // The timeline is a listbox that says how many events it holds and which one is selected.
      const timeline = page.getByRole('listbox', { name: 'Timeline, 11 events' });
      await expect(timeline).toHaveAttribute('aria-activedescendant', 'event-10');
      await expect(timeline.getByRole('option', { selected: true })).toHaveAttribute('aria-posinset', '11');
      expect(await violations(page), 'with the inspector').toEqual([]);
      await page.getByTestId('side-tab-checks').click();
      await page.getByTestId('save-as-test').click();
      await expect(page.getByTestId('check-results')).toBeVisible();
      expect(await violations(page), 'with the checks').toEqual([]);
    });

    test('the confirmation before secrets are spent has no serious accessibility violation', async ({ page }) => {
      await page.goto('/');
      await addVariable(page, 'api_key', 'sk-secret-1', true);
      await page.getByTestId('details-tab-share').click();
      await page.getByText('Import curl').click();
      const echo = new URL('/demo/echo', page.url());
      await page.getByTestId('curl-import-text').fill(`curl -H 'Authorization: Bearer {{api_key}}' ${echo}`);
      await page.getByTestId('curl-import-button').click();
      await page.getByRole('button', { name: 'Send' }).click();
      await expect(page.getByTestId('secret-confirm')).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });
  });
}

test('? lists the keyboard shortcuts in a dialog that Escape closes, and is text in a field', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('URL').fill('http://example.com/');
  await page.getByLabel('URL').press('?');
  await expect(page.getByLabel('URL')).toHaveValue('http://example.com/?');
  await expect(page.getByTestId('shortcut-sheet')).toHaveCount(0);
  await page.getByRole('heading', { name: 'SSE Studio' }).click();
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toContainText('Ctrl+Enter');
  await expect(page.getByTestId('shortcut-sheet-close')).toBeFocused();
  expect(await violations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);
  await page.getByTestId('shortcuts-open').click();
  await expect(sheet).toBeVisible();
});

test('Tab reaches every control of the workbench, each showing where the focus is', async ({ page }) => {
  await loadExample(page, 'Demo: OpenAI tool calls');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('close-entry')).toBeVisible();
  await page.getByTestId('details-tab-headers').click();
  await page.getByRole('heading', { name: 'SSE Studio' }).click();
  // Each stop as "name: indicator", until the focus comes round to the first one again.
  const stops: string[] = [];
  for (let i = 0; i < 150; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return null;
      // A hidden file input shows its focus on the label that looks like a button.
      const shown = element.classList.contains('visually-hidden') ? element.parentElement! : element;
      const style = getComputedStyle(shown);
      const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
      // A splitter is a bar that fills with the accent colour instead.
      const filled = shown.classList.contains('splitter') && style.backgroundColor !== 'rgba(0, 0, 0, 0)';
      const name = element.getAttribute('aria-label') ?? element.dataset.testid ?? element.textContent?.trim().slice(0, 24);
      return `${name}: ${ring || filled ? 'shown' : 'NOT SHOWN'}`;
    });
    if (stop === null) continue;
    if (stops.length > 0 && stop === stops[0]) break;
    stops.push(stop);
  }
  expect(stops.filter((stop) => stop.endsWith('NOT SHOWN'))).toEqual([]);
  for (const control of ['collections-import', 'URL', 'request-bar-send', 'details-tab-headers', 'Header value',
    'Request and stream', 'Search events', 'Timeline, 11 events', 'Timeline and side pane', 'side-tab-diagnostics']) {
    expect(stops, control).toContain(`${control}: shown`);
  }
});
