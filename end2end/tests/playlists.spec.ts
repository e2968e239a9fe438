import { test, expect, type Browser, type Page } from '@playwright/test';
import {
  apiAlbum,
  apiAlbums,
  captureConsole,
  expectAudioPast,
  open,
  openQueue,
  playerBar,
  signedUp,
} from './helpers';

// Playlists in the browser: made from an album's Add to playlist, reordered
// by keyboard and by drag, played; tracks added from a track row; the queue
// saved as a playlist. Each test signs up a fresh listener.
captureConsole(test);

/** A new browser context with a signed-up listener. */
async function listener(browser: Browser, baseURL: string | undefined, name = 'Pat'): Promise<Page> {
  return (await signedUp(browser, baseURL, name)).page;
}

const rows = (page: Page) => page.getByRole('list', { name: 'Tracks' }).getByRole('listitem');

/** The playlist's track titles as the page shows them. */
async function shownTitles(page: Page): Promise<string[]> {
  return rows(page).locator('.track-title').allTextContents();
}

/** The playlist's track titles as the server has them. */
async function storedTitles(page: Page): Promise<string[]> {
  const id = new URL(page.url()).pathname.split('/').pop();
  const response = await page.request.get(`/api/playlists/${id}`);
  expect(response.status()).toBe(200);
  const detail = await response.json();
  return detail.entries.map((e: { track: { title: string } }) => e.track.title);
}

test.describe('Playlists', () => {
  test('an album becomes a playlist, reordered by keyboard and by drag, and played', async ({ browser, baseURL }) => {
    const page = await listener(browser, baseURL);
    const [album] = await apiAlbums(page.request);
    const detail = await apiAlbum(page.request, album.id);
    const titles = detail.tracks.map((t) => t.title);
    expect(titles.length).toBeGreaterThanOrEqual(3);

    await open(page, `/albums/${album.id}`);
    await page.getByRole('link', { name: 'Add album to a playlist' }).click();
    await expect(page.getByRole('heading', { name: `Add ${titles.length} tracks to a playlist` })).toBeVisible();
    await page.getByLabel('New playlist').fill('Evening');
    await page.getByRole('button', { name: 'Create' }).click();
    await expect(page).toHaveURL(/\/playlists\/\d+$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Evening' })).toBeVisible();
    await expect.poll(() => shownTitles(page)).toEqual(titles);

    // Keyboard: the second track up, with Enter on its Move up button.
    await page.getByRole('button', { name: `Move ${titles[1]} up` }).focus();
    await page.keyboard.press('Enter');
    const moved = [titles[1], titles[0], ...titles.slice(2)];
    await expect.poll(() => shownTitles(page)).toEqual(moved);
    await expect(page.getByRole('status').filter({ hasText: `Moved ${titles[1]} up` })).toHaveCount(1);
    expect(await storedTitles(page)).toEqual(moved);

    // Drag: the first row onto the third.
    await rows(page).nth(0).dragTo(rows(page).nth(2));
    const dragged = [moved[1], moved[2], moved[0], ...moved.slice(3)];
    await expect.poll(() => shownTitles(page)).toEqual(dragged);
    expect(await storedTitles(page)).toEqual(dragged);

    await page.getByRole('button', { name: `Remove ${dragged[0]} from the playlist` }).click();
    await expect.poll(() => shownTitles(page)).toEqual(dragged.slice(1));

    await page.getByRole('button', { name: 'Play playlist' }).click();
    await expect(playerBar(page).nowPlaying).toHaveText(dragged[1]);
    await expectAudioPast(page, 0.3);
  });

  test('a track row adds to a chosen playlist, and the queue is saved as one', async ({ browser, baseURL }) => {
    const page = await listener(browser, baseURL);
    const [album] = await apiAlbums(page.request);
    const detail = await apiAlbum(page.request, album.id);
    const [first, second] = detail.tracks;
    const made = await page.request.post('/api/playlists', { data: { name: 'Keepers', visibility: 'private' } });
    expect(made.status()).toBe(201);
    const playlistId = (await made.json()).playlist.id;

    await open(page, `/albums/${album.id}`);
    await page.getByRole('link', { name: `Add ${second.title} to a playlist` }).click();
    await page.getByRole('button', { name: 'Add to Keepers' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Added to Keepers' })).toHaveCount(1);
    await page.getByRole('button', { name: 'Go back' }).click();
    await expect(page).toHaveURL(new RegExp(`/albums/${album.id}$`));
    const keepers = await (await page.request.get(`/api/playlists/${playlistId}`)).json();
    expect(keepers.entries.map((e: { track: { id: number } }) => e.track.id)).toEqual([second.id]);

    // The queue: the album from its first track, saved under a new name.
    await page.getByRole('button', { name: 'Play album' }).click();
    await expect(playerBar(page).nowPlaying).toHaveText(first.title);
    const queue = await openQueue(page);
    await queue.getByRole('link', { name: 'Save as playlist' }).click();
    await page.getByLabel('New playlist').fill('From the queue');
    await page.getByRole('button', { name: 'Create' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'From the queue' })).toBeVisible();
    await expect.poll(() => shownTitles(page)).toEqual(detail.tracks.map((t) => t.title));
    await expect(playerBar(page).nowPlaying).toHaveText(first.title);

    await open(page, '/playlists');
    const mine = page.getByRole('list', { name: 'Your playlists' });
    await expect(mine.getByRole('link')).toHaveText(['From the queue', 'Keepers']);
  });

  test("two friends edit one collaborative playlist, and each sees the other's additions live", async ({
    browser,
    baseURL,
  }) => {
    const ada = await signedUp(browser, baseURL, 'Ada');
    const bob = await signedUp(browser, baseURL, 'Bob');
    expect((await ada.page.request.post(`/api/friends/${bob.username}`)).status()).toBe(200);
    expect((await bob.page.request.post(`/api/friends/${ada.username}`)).status()).toBe(200);
    const [album] = await apiAlbums(ada.page.request);
    const tracks = (await apiAlbum(ada.page.request, album.id)).tracks;
    const made = await ada.page.request.post('/api/playlists', { data: { name: 'Road trip', visibility: 'private' } });
    const id = (await made.json()).playlist.id;
    const invite = await ada.page.request.put(`/api/playlists/${id}/collaborators/${bob.username}`);
    expect(invite.status()).toBe(200);

    for (const { page } of [ada, bob]) {
      await open(page, `/playlists/${id}`);
      await expect(page.getByRole('heading', { level: 1, name: 'Road trip' })).toBeVisible();
      const sidebar = page.getByRole('complementary', { name: 'Friend activity' });
      await expect(sidebar.locator('.live-status')).toHaveAttribute('data-status', 'live');
    }
    await expect(ada.page.getByText('No tracks yet.')).toBeVisible();

    // Each adds from their own browser; the other's page shows it without a reload.
    const add = (page: Page, trackId: number) =>
      page.request.post(`/api/playlists/${id}/tracks`, { data: { track_ids: [trackId] } });
    expect((await add(ada.page, tracks[0].id)).status()).toBe(200);
    await expect.poll(() => shownTitles(bob.page), { timeout: 5_000 }).toEqual([tracks[0].title]);
    expect((await add(bob.page, tracks[1].id)).status()).toBe(200);
    await expect.poll(() => shownTitles(ada.page), { timeout: 5_000 }).toEqual([tracks[0].title, tracks[1].title]);
    await expect(ada.page.getByText('added by Bob')).toBeVisible();
  });

  test("a friend's new public playlist shows in the live activity, linking to it, and in search", async ({ browser, baseURL }) => {
    const ada = await signedUp(browser, baseURL, 'Ada');
    const bob = await signedUp(browser, baseURL, 'Bob');
    expect((await ada.page.request.post(`/api/friends/${bob.username}`)).status()).toBe(200);
    expect((await bob.page.request.post(`/api/friends/${ada.username}`)).status()).toBe(200);
    await open(bob.page, '/');
    const sidebar = bob.page.getByRole('complementary', { name: 'Friend activity' });
    await expect(sidebar.locator('.live-status')).toHaveAttribute('data-status', 'live');

    const made = await ada.page.request.post('/api/playlists', { data: { name: 'Sunday', visibility: 'public' } });
    expect(made.status()).toBe(201);
    const id = (await made.json()).playlist.id;
    const line = sidebar.locator('.activity-item[data-kind="created_playlist"]');
    await expect(line).toContainText('Ada made the playlist Sunday', { timeout: 5_000 });
    await line.getByRole('link', { name: 'Sunday' }).click();
    await expect(bob.page).toHaveURL(new RegExp(`/playlists/${id}$`));
    await expect(bob.page.getByRole('heading', { level: 1, name: 'Sunday' })).toBeVisible();

    // Public, it is found by search too.
    await open(bob.page, '/search?q=sund');
    const found = bob.page.getByRole('region', { name: 'Playlists' });
    await expect(found.getByRole('link', { name: 'Sunday' }).first()).toHaveAttribute('href', `/playlists/${id}`);
  });
});
