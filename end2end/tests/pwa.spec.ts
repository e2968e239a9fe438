import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { REPO_ROOT, captureConsole, waitForHydration } from './helpers';

// Installability and the offline page (hydrated project only: the service
// worker is registered after hydration).
captureConsole(test);

const OFFLINE_PORT = Number(process.env.CHORUS_E2E_OFFLINE_PORT ?? 3199);

test('the web app manifest is valid', async ({ request }) => {
  const response = await request.get('/manifest.webmanifest');
  expect(response.status()).toBe(200);
  const manifest = JSON.parse(await response.text());
  expect(manifest.name).toBe('Chorus');
  expect(manifest.start_url).toBeTruthy();
  expect(manifest.display).toBeTruthy();
  expect(Array.isArray(manifest.icons)).toBe(true);
  expect(manifest.icons.length).toBeGreaterThan(0);
  for (const icon of manifest.icons) {
    expect(typeof icon.src).toBe('string');
    expect(typeof icon.sizes).toBe('string');
    const file = await request.get(icon.src);
    expect(file.status(), `icon ${icon.src}`).toBe(200);
  }
  // Shortcuts to the feed, search and downloads, each a page that answers.
  expect(manifest.shortcuts.map((s: { url: string }) => s.url)).toEqual(['/feed', '/search', '/downloads']);
  for (const shortcut of manifest.shortcuts) {
    expect((await request.get(shortcut.url)).status(), shortcut.url).toBe(200);
  }
  // Screenshots for the install dialog, narrow and wide, served.
  expect(manifest.screenshots.map((s: { form_factor: string }) => s.form_factor).sort()).toEqual(['narrow', 'wide']);
  for (const shot of manifest.screenshots) {
    expect((await request.get(shot.src)).status(), shot.src).toBe(200);
  }
  // A shared Chorus link opens its page.
  expect(manifest.share_target).toEqual({
    action: '/share',
    method: 'GET',
    enctype: 'application/x-www-form-urlencoded',
    params: { title: 'title', text: 'text', url: 'url' },
  });
  const shared = await request.get('/share?url=' + encodeURIComponent('https://chorus.example/albums/1'), {
    maxRedirects: 0,
  });
  expect(shared.status()).toBe(303);
  expect(shared.headers()['location']).toBe('/albums/1');
  const sw = await request.get('/sw.js');
  expect(sw.status()).toBe(200);
  expect(sw.headers()['content-type']).toMatch(/javascript/);
});

/** Starts a second server on the main server's data folder (no new demo). */
async function startServer(dataDir: string, port: number) {
  const binary = path.join(REPO_ROOT, 'target', 'release', 'chorus');
  const child = spawn(binary, ['serve', '--addr', `127.0.0.1:${port}`, '--data-dir', dataDir], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk.toString()));
  let exit: string | null = null;
  const exited = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      exit = `code ${code} signal ${signal}`;
      resolve();
    });
    child.on('error', (error) => {
      exit = `spawn error ${error.message}`;
      resolve();
    });
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exit) throw new Error(`second server exited (${exit}):\n${stderr}`);
    if (Date.now() > deadline) throw new Error(`second server did not answer /healthz:\n${stderr}`);
    try {
      const response = await fetch(`${base}/healthz`);
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200)); // polling interval
  }
  return { child, base, exited, stderr: () => stderr };
}

async function stopServer(child: ChildProcess, exited: Promise<void>) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

test('shows the offline page when the server is gone', async ({ page }) => {
  const dataDir = process.env.CHORUS_E2E_DATA_DIR;
  test.skip(!dataDir || !fs.existsSync(path.join(dataDir, 'chorus.db')), 'needs the data folder of a server this run started');
  test.setTimeout(120_000);

  const server = await startServer(dataDir!, OFFLINE_PORT);
  try {
    await page.goto(`${server.base}/`);
    await waitForHydration(page);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    const controlled = () => page.evaluate(() => navigator.serviceWorker.controller !== null);
    // The worker claims open pages when it activates; reload once if not.
    const claimed = await page
      .waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 5_000 })
      .then(() => true, () => false);
    if (!claimed) {
      await page.reload();
      await waitForHydration(page);
    }
    await expect.poll(controlled, { message: 'page controlled by the service worker' }).toBe(true);
    // A navigation through the worker: the home page is now cached.
    await page.reload();
    await waitForHydration(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Listen now');

    await stopServer(server.child, server.exited);
    await expect
      .poll(async () => fetch(`${server.base}/healthz`).then(() => 'up', () => 'down'), { message: 'server is down' })
      .toBe('down');

    // A page never visited: the offline page.
    await page.goto(`${server.base}/albums/1?offline-check`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText("You're offline");
    await expect(page).toHaveTitle(/Chorus/);

    // A page visited before: its cached copy.
    await page.goto(`${server.base}/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Listen now');
  } finally {
    await stopServer(server.child, server.exited);
  }
});
