import path from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * Browser end-to-end tests of Chorus.
 *
 * By default this starts the release binary (built by `cargo leptos build
 * --release`) from the repo root on a fresh, empty data folder (it renders
 * the demo catalog first) on port 3100 (`CHORUS_E2E_PORT`). Set
 * `CHORUS_E2E_BASE_URL` to test an already running server instead.
 *
 * The config is evaluated by the runner and again in each worker; the data
 * folder is chosen once (by the runner) and handed on through the
 * environment, so the workers see the same one.
 */
const REPO_ROOT = path.resolve(__dirname, '..');
const PORT = Number(process.env.CHORUS_E2E_PORT ?? 3100);
const EXTERNAL_BASE_URL = process.env.CHORUS_E2E_BASE_URL;
const BASE_URL = EXTERNAL_BASE_URL ?? `http://127.0.0.1:${PORT}`;

if (!EXTERNAL_BASE_URL && !process.env.CHORUS_E2E_DATA_DIR) {
  // Emptied and filled anew (demo catalog) by every run.
  process.env.CHORUS_E2E_DATA_DIR = path.join(__dirname, '.data', 'run');
}
process.env.CHORUS_E2E_REPO_ROOT = REPO_ROOT;
const DATA_DIR = process.env.CHORUS_E2E_DATA_DIR ?? '';

/** Quotes a value for the POSIX shell that runs the webServer command. */
const sh = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results/output',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  forbidOnly: !!process.env.CI,
  reporter: [
    ['list'],
    ['json', { outputFile: 'test-results/results.json' }],
    ['./summary-reporter.ts'],
  ],
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    launchOptions: {
      executablePath: process.env.CHORUS_E2E_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--autoplay-policy=no-user-gesture-required',
      ],
    },
  },
  projects: [
    {
      name: 'hydrated',
      use: { viewport: { width: 1280, height: 800 }, javaScriptEnabled: true },
    },
    {
      // Server-rendered HTML only: just the tests tagged @nojs.
      name: 'no-js',
      grep: /@nojs/,
      use: { viewport: { width: 1280, height: 800 }, javaScriptEnabled: false },
    },
  ],
  webServer: EXTERNAL_BASE_URL
    ? undefined
    : {
        command:
          `rm -rf ${sh(DATA_DIR)} && mkdir -p ${sh(DATA_DIR)} && ` +
          `exec target/release/chorus serve --addr 127.0.0.1:${PORT} --data-dir ${sh(DATA_DIR)} ` +
          // Every spec signs listeners up from one address; the limits themselves are tested in cargo tests.
          `--auth-per-ip-per-minute 1000`,
        cwd: REPO_ROOT,
        // Demo progress and warnings only, not a log line per request. The
        // charts are recomputed every 2 s, so a play shows on /charts within
        // a test (discover.spec.ts).
        env: {
          ...(process.env as Record<string, string>),
          RUST_LOG: process.env.RUST_LOG ?? 'warn',
          CHORUS_CHARTS_EVERY: process.env.CHORUS_CHARTS_EVERY ?? '2',
        },
        url: `${BASE_URL}/healthz`,
        timeout: 240_000,
        reuseExistingServer: false,
        stdout: 'ignore',
        stderr: 'pipe',
        gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
      },
});
