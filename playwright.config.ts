import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

/**
 * E2E tests run the production build in Chromium. Where Playwright's own browser is installed it is
 * used; otherwise Debian's /usr/bin/chromium (these machines cannot download browsers), with the flags
 * a closed network needs.
 */
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const useSystem = process.env.KUBESIM_SYSTEM_CHROMIUM === '1' || (systemChromium !== undefined && process.env.KUBESIM_PLAYWRIGHT_BROWSER !== '1');

// Another port lets two checkouts run their e2e tests side by side (KUBESIM_E2E_PORT).
const port = Number(process.env.KUBESIM_E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: 'only-on-failure',
    launchOptions: useSystem
      ? {
          executablePath: systemChromium,
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
        }
      : {},
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
