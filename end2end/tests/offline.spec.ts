import { test, expect, devices, type BrowserContext, type Page, type Response } from '@playwright/test';
import {
  activeAudio,
  apiAlbum,
  apiAlbums,
  blurFocus,
  captureConsole,
  expectAudioPast,
  open,
  playerBar,
  type AlbumDetail,
} from './helpers';

// Chorus in the pocket (issue 14): on an emulated phone (Pixel 7), the app is
// installable, a downloaded album plays and seeks with the network off, and
// what is played offline reaches the server once the network returns.
captureConsole(test);

// The device's viewport, touch and user agent; the browser stays the
// config's Chromium.
const { defaultBrowserType: _browser, ...pixel7 } = devices['Pixel 7'];
test.use({ ...pixel7 });

const DOWNLOADS_CACHE = 'chorus-downloads-v1';
const OUTBOX = 'chorus.outbox.v1';

/** Waits until the service worker controls the page (reloading once if it
 * activated after the page loaded). */
async function underServiceWorker(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const claimed = await page
    .waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 5_000 })
    .then(
      () => true,
      () => false,
    );
  if (!claimed) {
    await page.reload();
    await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
  }
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), {
      message: 'page controlled by the service worker',
    })
    .toBe(true);
}

/** Downloads the album open on `page` and checks what the device holds. */
async function download(page: Page, detail: AlbumDetail) {
  await page.getByRole('button', { name: 'Download album' }).click();
  await expect(page.getByRole('button', { name: 'Remove download' })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.download-status')).toContainText('Downloaded: plays offline.');
  await expect(page.locator('.download-status')).toContainText(/Chorus uses [\d.]+ \w?B of [\d.]+ \w?B on this device/);
  const stored = await page.evaluate(async (name) => {
    const cache = await caches.open(name);
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  }, DOWNLOADS_CACHE);
  for (const track of detail.tracks) expect(stored, 'each track is stored').toContain(track.stream_url);
  if (detail.album.cover_url) expect(stored, 'the cover is stored').toContain(detail.album.cover_url);
}

/** Records every /media response from now on. */
function mediaResponses(page: Page): Response[] {
  const seen: Response[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/media/')) seen.push(response);
  });
  return seen;
}

async function goOffline(context: BrowserContext) {
  await context.setOffline(true);
}

test('the app is installable on a phone', async ({ page }) => {
  await open(page, '/');
  await underServiceWorker(page);
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  // Playwright's contexts are incognito, where Chromium installs nothing;
  // any other reason is Chorus's.
  const reasons = installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito');
  expect(reasons, 'Chromium finds nothing in Chorus that stops installing it').toEqual([]);
  const manifest = await cdp.send('Page.getAppManifest');
  expect(manifest.errors).toEqual([]);
});

test("a new build's worker drops the old build's caches, keeps downloads, precaches the start and the chunks once asked", async ({
  page,
  request,
}) => {
  // Before any worker: what an older build left, and a download.
  await page.goto('/offline.html');
  await page.evaluate(async (downloads) => {
    await (await caches.open('chorus-shell-0123456789abcdef')).put('/pkg/chorus.old.wasm', new Response('old'));
    await (await caches.open(downloads)).put('/media/kept.ogg', new Response('music'));
  }, DOWNLOADS_CACHE);

  const script = await (await request.get('/sw.js')).text();
  const build = /const BUILD = "([^"]+)";/.exec(script)?.[1];
  const bundle = JSON.parse(/const PKG = (\[[^\]]*\]);/.exec(script)?.[1] ?? 'null') as string[];
  const chunks = JSON.parse(/const CHUNKS = (\[[^\]]*\]);/.exec(script)?.[1] ?? 'null') as string[];
  expect(build, 'the worker names its build').toBeTruthy();
  expect(bundle.some((p) => p.endsWith('.wasm')), 'the bundle lists the WASM').toBe(true);
  expect(chunks.length, 'the bundle has lazy chunks').toBeGreaterThan(0);
  for (const chunk of chunks) expect(bundle, `${chunk} is in the bundle`).toContain(chunk);
  const start = bundle.filter((p) => !chunks.includes(p));

  // Installed from a page without the app (the offline page has no
  // script), so nothing asks the worker for more than its install caches.
  await page.evaluate(async () => {
    await navigator.serviceWorker.register('/sw.js');
    const registration = await navigator.serviceWorker.ready;
    const worker = registration.active!;
    if (worker.state !== 'activated') {
      await new Promise((resolve) => worker.addEventListener('statechange', () => worker.state === 'activated' && resolve(null)));
    }
  });
  const held = () =>
    page.evaluate(async () => {
      const names = (await caches.keys()).sort();
      const shell = names.find((n) => n.startsWith('chorus-shell-'));
      const paths = shell ? (await (await caches.open(shell)).keys()).map((r) => new URL(r.url).pathname) : [];
      return { names, paths };
    });
  const installed = await held();
  expect(installed.names).toEqual([DOWNLOADS_CACHE, `chorus-shell-${build}`]);
  for (const path of [...start, '/downloads', '/offline.html']) {
    expect(installed.paths, `${path} precached at install`).toContain(path);
  }
  const early = chunks.filter((chunk) => installed.paths.includes(chunk));
  expect(early, 'no chunk fetched at install (they wait for the page to ask)').toEqual([]);

  // The app asks a few seconds after it starts; then every chunk is cached.
  await open(page, '/');
  await expect
    .poll(async () => {
      const { paths } = await held();
      return chunks.filter((chunk) => !paths.includes(chunk));
    }, { message: 'every chunk cached once the app asked', timeout: 30_000 })
    .toEqual([]);
});

test('a downloaded album plays offline, and seeking works', async ({ page, context, request }) => {
  test.setTimeout(120_000);
  const albums = await apiAlbums(request);
  const smallest = [...albums].sort((a, b) => a.track_count - b.track_count)[0];
  const detail = await apiAlbum(request, smallest.id);
  const first = detail.tracks[0];

  await open(page, `/albums/${detail.album.id}`);
  await underServiceWorker(page);
  // A visit through the worker, so the page and its bundle are cached.
  await open(page, `/albums/${detail.album.id}`);
  await download(page, detail);

  await goOffline(context);
  const media = mediaResponses(page);
  // The Downloads page opens without a network (the worker keeps it).
  await open(page, '/downloads');
  const list = page.getByRole('list', { name: 'Downloaded albums' });
  await expect(list.getByRole('link', { name: detail.album.title })).toBeVisible();
  await list.getByRole('button', { name: `Play ${detail.album.title}`, exact: true }).click();

  const { nowPlaying } = playerBar(page);
  await expect(nowPlaying).toHaveText(first.title);
  await expectAudioPast(page, 1, 'downloaded audio, offline');

  // Seek ahead (the player's shortcut, 5 s a press): a Range request the
  // worker answers from the cache.
  const before = (await activeAudio(page))!.currentTime;
  await blurFocus(page);
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expectAudioPast(page, before + 12, 'after seeking offline');
  const audio = await activeAudio(page);
  expect(audio?.error, 'no media error').toBeNull();

  expect(media.length, '/media requests made offline').toBeGreaterThan(0);
  for (const response of media) {
    expect(response.fromServiceWorker(), `${response.url()} answered by the worker`).toBe(true);
    expect([200, 206]).toContain(response.status());
  }
  const ranged = media.filter((r) => r.status() === 206);
  expect(ranged.length, 'partial answers').toBeGreaterThan(0);
  for (const response of ranged) {
    expect(response.headers()['content-range']).toMatch(/^bytes \d+-\d+\/\d+$/);
  }

  // Removed from the Downloads page: the files leave the device.
  await context.setOffline(false);
  await list.getByRole('button', { name: `Remove ${detail.album.title}`, exact: true }).click();
  await expect(page.getByText('Nothing downloaded yet.')).toBeVisible();
  const left = await page.evaluate(async (name) => (await (await caches.open(name)).keys()).length, DOWNLOADS_CACHE);
  expect(left, 'files left in the downloads cache').toBe(0);
});

test('plays made offline reach the server after reconnecting, at the time they happened', async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(150_000);
  // The album whose opening track is the shortest that can count as a play
  // (half of it heard, tracks of at least 30 s).
  const details = await Promise.all((await apiAlbums(request)).map((a) => apiAlbum(request, a.id)));
  const eligible = details.filter((d) => d.tracks.length > 0 && d.tracks[0].duration_ms >= 30_000);
  eligible.sort((a, b) => a.tracks[0].duration_ms - b.tracks[0].duration_ms);
  const detail = eligible[0];
  expect(detail, 'an album opening with a track of 30 s or more').toBeTruthy();
  const track = detail.tracks[0];
  expect(track.duration_ms, 'short enough to hear half of it within the test').toBeLessThan(50_000);

  const username = `pocket_${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`.slice(0, 30);
  const signup = await page.request.post('/api/auth/signup', {
    data: { username, display_name: 'Pocket', password: 'correct horse battery' },
  });
  expect(signup.status()).toBe(201);
  const plays = async () => {
    // The API client runs outside the browser: the offline emulation does
    // not stop it.
    const response = await page.request.get(`/api/users/${username}/plays`);
    expect(response.status()).toBe(200);
    return (await response.json()).items as { at: string; track: { id: number } | null }[];
  };

  await open(page, `/albums/${detail.album.id}`);
  await underServiceWorker(page);
  await open(page, `/albums/${detail.album.id}`);
  await download(page, detail);

  await goOffline(context);
  const startedAt = Date.now();
  await page.getByRole('button', { name: 'Play album' }).click();
  const { playPause } = playerBar(page);
  await expectAudioPast(page, track.duration_ms / 2000 + 1, 'half the track heard offline');
  await playPause.click();
  await expect(playPause).toHaveAccessibleName('Play');

  // Queued on the device, not on the server.
  const queued = () =>
    page.evaluate((key) => {
      const raw = localStorage.getItem(key);
      return raw ? (JSON.parse(raw).entries as unknown[]).length : 0;
    }, OUTBOX);
  await expect.poll(queued, { message: 'reports queued offline' }).toBeGreaterThan(1);
  expect(await plays(), 'no play reached the server while offline').toEqual([]);

  const reconnectedAt = Date.now();
  await context.setOffline(false);
  await expect.poll(queued, { message: 'the outbox empties once online' }).toBe(0);
  await expect
    .poll(async () => (await plays()).filter((p) => p.track?.id === track.id).length, {
      message: 'the offline play on the server',
    })
    .toBe(1);
  const [play] = await plays();
  const at = Date.parse(play.at);
  expect(at, 'counted when it was heard, not when it was sent').toBeLessThan(reconnectedAt);
  expect(at).toBeGreaterThanOrEqual(startedAt - 1_000);
});
