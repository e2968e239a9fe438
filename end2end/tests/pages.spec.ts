import { test, expect, type Page } from '@playwright/test';
import { apiAlbum, apiAlbums, apiTracks, captureConsole, jsEnabled, open, section, signedUp } from './helpers';

// Server-rendered pages: complete HTML without JavaScript (project `no-js`)
// and still complete after hydration (project `hydrated`).
captureConsole(test);

async function expectPageMeta(page: Page) {
  await expect(page).toHaveTitle(/ · Chorus$/);
  const description = await page.locator('meta[name="description"]').getAttribute('content');
  expect(description?.trim(), 'meta description').toBeTruthy();
}

test.describe('pages', { tag: '@nojs' }, () => {
  test('home page lists albums, fresh tracks and artists', async ({ page, request }, testInfo) => {
    const tracks = await apiTracks(request, 12);
    const albums = await apiAlbums(request);
    const response = await open(page, '/', testInfo);
    expect(response?.status()).toBe(200);

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Listen now');
    await expectPageMeta(page);

    // Album cards link to their albums.
    const newAlbums = section(page, 'New albums');
    await expect(newAlbums).toHaveCount(1);
    await expect(newAlbums.locator(`a[href="/albums/${albums[0].id}"]`).first()).toBeVisible();
    await expect(newAlbums.getByText(albums[0].title, { exact: true }).first()).toBeVisible();
    expect(await newAlbums.locator('a[href^="/albums/"]').count()).toBeGreaterThanOrEqual(Math.min(albums.length, 2));

    // "Fresh tracks": one row per track, in API order.
    const fresh = section(page, 'Fresh tracks');
    for (const track of tracks) {
      await expect(fresh.getByRole('button', { name: `Play ${track.title}`, exact: true })).toHaveCount(1);
      await expect(fresh.getByRole('button', { name: `Play ${track.title} next`, exact: true })).toHaveCount(1);
      await expect(fresh.getByRole('button', { name: `Add ${track.title} to queue`, exact: true })).toHaveCount(1);
      await expect(fresh.locator(`a[href="/tracks/${track.id}"]`)).toHaveText(track.title);
    }
    const rowTitles = await fresh
      .getByRole('button', { name: /^Play .+/ })
      .evaluateAll((buttons) =>
        buttons
          .map((b) => b.getAttribute('aria-label') ?? '')
          .filter((l) => !l.endsWith(' next'))
          .map((l) => l.replace(/^Play /, '')),
      );
    expect(rowTitles).toEqual(tracks.map((t) => t.title));

    const artists = section(page, 'Artists');
    await expect(artists.locator(`a[href="/artists/${tracks[0].artist.id}"]`).first()).toBeVisible();

    // The player bar is part of every page.
    await expect(page.getByRole('region', { name: 'Player' })).toBeVisible();
  });

  test('album page shows the album and its tracks', async ({ page, request }, testInfo) => {
    const albums = await apiAlbums(request);
    const { album, tracks } = await apiAlbum(request, albums[0].id);
    expect(tracks.length).toBeGreaterThan(0);

    const response = await open(page, `/albums/${album.id}`, testInfo);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(album.title);
    await expect(page).toHaveTitle(`${album.title} by ${album.artist.name} · Chorus`);
    await expectPageMeta(page);
    const description = await page.locator('meta[name="description"]').getAttribute('content');
    expect(description).toContain(album.title);

    const main = page.locator('main');
    await expect(main.getByRole('button', { name: 'Play album', exact: true })).toBeVisible();
    await expect(main.getByRole('button', { name: 'Shuffle album', exact: true })).toBeVisible();
    await expect(main.locator(`a[href="/artists/${album.artist.id}"]`).first()).toHaveText(album.artist.name);
    for (const track of tracks) {
      await expect(main.locator(`a[href="/tracks/${track.id}"]`)).toHaveText(track.title);
      await expect(main.getByRole('button', { name: `Play ${track.title}`, exact: true })).toHaveCount(1);
    }
  });

  test('artist page shows the artist', async ({ page, request }, testInfo) => {
    const albums = await apiAlbums(request);
    const artist = albums[0].artist;
    const response = await open(page, `/artists/${artist.id}`, testInfo);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(artist.name);
    await expect(page).toHaveTitle(`${artist.name} · Chorus`);
    await expectPageMeta(page);
    await expect(page.locator(`main a[href="/albums/${albums[0].id}"]`).first()).toBeVisible();
  });

  test('track page shows the track', async ({ page, request }, testInfo) => {
    const [track] = await apiTracks(request, 1);
    const response = await open(page, `/tracks/${track.id}`, testInfo);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(track.title);
    await expect(page).toHaveTitle(`${track.title} by ${track.artist.name} · Chorus`);
    await expectPageMeta(page);
    const main = page.locator('main');
    await expect(main.locator(`a[href="/artists/${track.artist.id}"]`).first()).toHaveText(track.artist.name);
    await expect(main.locator(`a[href="/albums/${track.album.id}"]`).first()).toHaveText(track.album.title);
  });

  for (const url of ['/albums/999999', '/albums/abc', '/artists/999999', '/tracks/999999', '/no/such/page']) {
    test(`${url} is not found`, async ({ page }, testInfo) => {
      const response = await open(page, url, testInfo);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not found');
      await expect(page).toHaveTitle('Not found · Chorus');
    });
  }
});

test('a visitor loads only the main WASM module; what someone signed in sees comes in chunks', async ({
  page,
  browser,
  baseURL,
  request,
}, testInfo) => {
  test.skip(!jsEnabled(testInfo), 'the hydrated app loads the WASM');
  const wasmOf = (p: Page) => {
    const files: string[] = [];
    p.on('request', (req) => {
      const name = new URL(req.url()).pathname.split('/').pop() ?? '';
      if (name.endsWith('.wasm')) files.push(name);
    });
    return files;
  };
  const visitor = wasmOf(page);
  const albums = await apiAlbums(request);
  const [track] = await apiTracks(request, 1);
  const { page: listener, username } = await signedUp(browser, baseURL, 'Chunky');
  const paths = ['/', `/albums/${albums[0].id}`, `/artists/${track.artist.id}`, `/tracks/${track.id}`, `/users/${username}`];
  for (const path of paths) {
    await open(page, path, testInfo);
    await page.waitForLoadState('networkidle');
  }
  expect(new Set(visitor).size, `a visitor's WASM: ${[...new Set(visitor)].join(', ')}`).toBe(1);
  expect(visitor[0]).toMatch(/^chorus\./);

  // Signed in, the friend-activity panel and the feed socket arrive in
  // chunks (split_*/chunk_*), and the panel shows.
  const signedIn = wasmOf(listener);
  await open(listener, '/', testInfo);
  await expect(listener.locator('aside.friend-activity').getByRole('list', { name: 'Listening now' })).toBeAttached();
  expect(signedIn.filter((name) => !name.startsWith('chorus.')).length, `signed in: ${signedIn.join(', ')}`).toBeGreaterThan(0);
  await listener.context().close();
});

test('anonymous pages ask no one who is signed in and log no errors', async ({ page, request }, testInfo) => {
  test.skip(!jsEnabled(testInfo), 'the hydrated app makes the requests');
  const errors: string[] = [];
  const asked: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (req) => {
    if (new URL(req.url()).pathname.startsWith('/api/me')) asked.push(req.url());
  });
  const albums = await apiAlbums(request);
  const [track] = await apiTracks(request, 1);
  for (const path of ['/', `/albums/${albums[0].id}`, `/artists/${track.artist.id}`, `/tracks/${track.id}`, '/charts']) {
    await open(page, path, testInfo);
    await page.waitForLoadState('networkidle');
  }
  expect(asked, 'no /api/me without the signed-in hint').toEqual([]);
  expect(errors, 'console errors').toEqual([]);
});
