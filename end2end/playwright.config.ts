import { defineConfig } from '@playwright/test';

// `cargo xtask test` starts the server on a free port and passes its URL here.
const baseURL = process.env.SSE_STUDIO_URL;
if (!baseURL) {
  throw new Error('SSE_STUDIO_URL is not set: run the end-to-end tests with `cargo xtask test`');
}

export default defineConfig({
  testDir: './tests',
  forbidOnly: true,
  retries: 0,
  workers: 2,
  reporter: [['list']],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's Chromium: Playwright cannot download its own browser here.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium', viewport: { width: 1200, height: 900 } } }],
});
