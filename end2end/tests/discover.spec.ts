import { test, expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import {
  activeAudio,
  apiAlbums,
  apiTracks,
  captureConsole,
  expectAudioPast,
  open,
  section,
  waitForHydration,
  type Track,
} from './helpers';

// Discover: the header's search box (a plain form without JavaScript, a
// combobox after hydration), the /search and /charts pages (complete
// without JavaScript; /charts CDN-cacheable), and the personal bits that
// only appear after hydration: recommendations on the home page, taste
// compatibility on profiles, listeners like you on the friends page and the
// friends' chart. Each test signs up fresh listeners; the data folder is
// shared by the whole run, so tests pick music other specs leave alone and
// assert what they caused rather than absolute numbers.
captureConsole(test);

const PASSWORD = 'correct horse battery';

function freshUsername(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`.slice(0, 30);
}

interface Listener {
  page: Page;
  username: string;
  name: string;
}

/** A new browser context with a signed-up listener (the session cookie is the context's). */
async function listener(browser: Browser, baseURL: string | undefined, prefix: string, name: string): Promise<Listener> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const username = freshUsername(prefix);
  const signup = await page.request.post('/api/auth/signup', {
    data: { username, display_name: name, password: PASSWORD },
  });
  expect(signup.status()).toBe(201);
  return { page, username, name };
}

async function befriend(a: Listener, b: Listener) {
  expect((await a.page.request.post(`/api/friends/${b.username}`)).status()).toBe(200);
  const accepted = await b.page.request.post(`/api/friends/${a.username}`);
  expect(await accepted.json()).toEqual({ status: 'friends' });
}

async function likeTrack(who: Listener, track: { id: number }) {
  expect((await who.page.request.put(`/api/tracks/${track.id}/like`)).status()).toBe(200);
}

async function likeArtist(who: Listener, artist: { id: number }) {
  expect((await who.page.request.put(`/api/artists/${artist.id}/like`)).status()).toBe(200);
}

async function closeAll(...listeners: Listener[]) {
  for (const l of listeners) await l.page.context().close();
}

/** Distinct artists of the demo catalog, last albums first (other specs like the first ones). */
async function quietArtists(request: APIRequestContext): Promise<{ id: number; name: string }[]> {
  const albums = await apiAlbums(request);
  const seen = new Map<number, { id: number; name: string }>();
  for (const album of [...albums].reverse()) seen.set(album.artist.id, album.artist);
  return [...seen.values()];
}

/** `prefix` as a listener might type it: upper case, with an accent on its first vowel. */
function accented(prefix: string): string {
  const accents: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú' };
  const index = [...prefix.toLowerCase()].findIndex((c) => c in accents);
  const chars = [...prefix.toLowerCase()];
  if (index >= 0) chars[index] = accents[chars[index]];
  return chars.join('').toUpperCase();
}

/** The word the profile shows for a compatibility score. */
function scoreWord(score: number): string {
  if (score >= 80) return 'Super';
  if (score >= 60) return 'Very high';
  if (score >= 40) return 'High';
  if (score >= 20) return 'Medium';
  return 'Low';
}

/** Reports listening to `track` from the start until it counts as a play (half its length). */
async function listenTo(request: APIRequestContext, track: Track) {
  const report = (position_ms: number) =>
    request.post('/api/now-playing', { data: { track_id: track.id, position_ms, paused: false } });
  expect((await report(0)).status()).toBe(204);
  const heard = Math.ceil(track.duration_ms / 2) + 1_000;
  await new Promise((resolve) => setTimeout(resolve, heard));
  expect((await report(heard)).status()).toBe(204);
  expect((await report(heard)).status()).toBe(204);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const searchBox = (page: Page) => page.getByRole('combobox', { name: 'Search' });
const suggestions = (page: Page) => page.getByRole('listbox', { name: 'Search suggestions' });

async function markDocument(page: Page) {
  await page.evaluate(() => ((window as any).__marker = 1));
}

async function expectSameDocument(page: Page) {
  expect(await page.evaluate(() => (window as any).__marker), 'no document reload').toBe(1);
}

test.describe('header search', () => {
  test('suggests an artist from a prefix in another case with an accent; ArrowDown + Enter opens it client-side and the music plays on', async ({
    page,
    request,
  }) => {
    const [artist] = await quietArtists(request);
    const [track] = await apiTracks(request, 1);
    await open(page, '/');
    await section(page, 'Fresh tracks').getByRole('button', { name: `Play ${track.title}`, exact: true }).click();
    await expectAudioPast(page, 1);
    await markDocument(page);

    const box = searchBox(page);
    await expect(box).toHaveAttribute('aria-expanded', 'false');
    await box.click();
    await box.pressSequentially(accented(artist.name.slice(0, 3)), { delay: 40 });
    const listbox = suggestions(page);
    await expect(listbox).toBeVisible();
    await expect(box).toHaveAttribute('aria-expanded', 'true');
    await expect(box).toHaveAttribute('aria-controls', (await listbox.getAttribute('id'))!);
    const option = listbox.getByRole('group', { name: 'Artists' }).getByRole('option', { name: artist.name, exact: true });
    await expect(option).toBeVisible();

    // ArrowDown from the top until the artist is the active option.
    const options = listbox.getByRole('option');
    const ids = await options.evaluateAll((els) => els.map((e) => e.id));
    const optionId = (await option.getAttribute('id'))!;
    for (let i = 0; i <= ids.indexOf(optionId); i++) await box.press('ArrowDown');
    await expect(box).toHaveAttribute('aria-activedescendant', optionId);
    await expect(option).toHaveAttribute('aria-selected', 'true');

    const before = (await activeAudio(page))!.currentTime;
    await box.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/artists/${artist.id}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(artist.name);
    await expectSameDocument(page);
    await expect(listbox).toBeHidden();
    await expect(box).toHaveValue('');
    await expectAudioPast(page, before + 0.5, 'audio after navigating from the search box');
  });

  test('ArrowUp wraps, Escape closes, a click opens an option, Enter with none active opens the search page', async ({
    page,
    request,
  }) => {
    const albums = await apiAlbums(request);
    const album = albums[albums.length - 1];
    const word = album.title.split(' ')[0];
    await open(page, '/');
    await markDocument(page);

    const box = searchBox(page);
    const listbox = suggestions(page);
    await box.fill(word);
    const albumOption = listbox.getByRole('group', { name: 'Albums' }).getByRole('option', { name: new RegExp(`^${escapeRegExp(album.title)}`) });
    await expect(albumOption.first()).toBeVisible();

    // ArrowUp from nothing active goes to the last option.
    const ids = await listbox.getByRole('option').evaluateAll((els) => els.map((e) => e.id));
    await box.press('ArrowUp');
    await expect(box).toHaveAttribute('aria-activedescendant', ids[ids.length - 1]);
    await box.press('ArrowDown');
    await expect(box).toHaveAttribute('aria-activedescendant', ids[0]);

    await box.press('Escape');
    await expect(listbox).toBeHidden();
    await expect(box).toHaveAttribute('aria-expanded', 'false');
    await expect(box).not.toHaveAttribute('aria-activedescendant', /.+/);
    await expect(box).toHaveValue(word);

    // Typing again reopens it; a click on an option opens its page.
    await box.press('End');
    await box.press('Backspace');
    await box.pressSequentially(word.slice(-1));
    await albumOption.first().click();
    await expect(page).toHaveURL(new RegExp(`/albums/${album.id}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(album.title);
    await expectSameDocument(page);

    // Enter with no active option: the /search page, client-side.
    await box.fill(word);
    await expect(listbox.getByRole('option').first()).toBeVisible();
    await box.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/search\\?q=${encodeURIComponent(word)}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Results for “${word}”`);
    await expect(page).toHaveTitle(`Search: ${word} · Chorus`);
    await expect(section(page, 'Albums').locator(`a[href="/albums/${album.id}"]`).first()).toBeVisible();
    await expect(box).toHaveValue(word);
    await expectSameDocument(page);

    // The popup closes when the box loses focus.
    await box.fill(word.slice(0, 2));
    await expect(listbox).toBeVisible();
    await box.press('Tab');
    await expect(box).not.toBeFocused();
    await expect(listbox).toBeHidden();
    await expect(box).toHaveAttribute('aria-expanded', 'false');
  });
});

test.describe('without JavaScript', { tag: '@nojs' }, () => {
  test.use({ javaScriptEnabled: false });

  test('/search lists grouped results, says when nothing is found, and refuses a too long query', async ({
    page,
    request,
    playwright,
    baseURL,
  }) => {
    // A listener whose name starts like the query, so every group has results.
    const api = await playwright.request.newContext({ baseURL });
    const username = freshUsername('cleo');
    expect((await api.post('/api/auth/signup', { data: { username, display_name: 'Cleo', password: PASSWORD } })).status()).toBe(201);
    await api.dispose();

    const q = 'c';
    const found = await (await request.get(`/api/search?q=${q}&limit=20`)).json();
    const response = await page.goto(`/search?q=${q}`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['cache-control']).not.toContain('public');
    expect(response?.headers()['surrogate-key']).toBeUndefined();
    await expect(page).toHaveTitle(`Search: ${q} · Chorus`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Results for “${q}”`);

    const groups: [string, { href: string }[]][] = [
      ['Artists', found.artists.map((a: any) => ({ href: `/artists/${a.id}` }))],
      ['Albums', found.albums.map((a: any) => ({ href: `/albums/${a.id}` }))],
      ['Tracks', found.tracks.map((t: any) => ({ href: `/tracks/${t.id}` }))],
      ['Listeners', found.users.map((u: any) => ({ href: `/users/${u.username}` }))],
    ];
    for (const [title, items] of groups) expect(items.length, `${title} found for "${q}"`).toBeGreaterThan(0);
    expect(await page.locator('main h2').allTextContents()).toEqual(groups.map(([title]) => title));
    for (const [title, items] of groups) {
      for (const { href } of items) await expect(section(page, title).locator(`a[href="${href}"]`).first()).toBeVisible();
    }
    await expect(section(page, 'Listeners').getByRole('link', { name: /Cleo/ }).first()).toBeVisible();

    const none = await page.goto('/search?q=zzqqxxyy');
    expect(none?.status()).toBe(200);
    await expect(page.locator('main').getByRole('status')).toContainText('Nothing found for “zzqqxxyy”');

    const empty = await page.goto('/search');
    expect(empty?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Search');
    await expect(page.locator('main')).toContainText('Type something in the search box');

    const long = await page.goto(`/search?q=${'a'.repeat(101)}`);
    expect(long?.status()).toBe(400);
    await expect(page.locator('main').getByRole('alert')).toHaveText('Searches are at most 100 characters');
  });

  test('the header search form submits to /search', async ({ page, request }) => {
    const [artist] = await quietArtists(request);
    await page.goto('/');
    const box = page.getByRole('searchbox', { name: 'Search' });
    await box.fill(artist.name);
    await box.press('Enter');
    await expect(page).toHaveURL(/\/search\?q=/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Results for “${artist.name}”`);
    await expect(section(page, 'Artists').locator(`a[href="/artists/${artist.id}"]`).first()).toBeVisible();
    await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue(artist.name);
  });

  test('/charts is complete, public and cacheable, with period links', async ({ page }) => {
    const response = await page.goto('/charts');
    expect(response?.status()).toBe(200);
    const headers = response!.headers();
    expect(headers['cache-control']).toContain('public');
    expect(headers['cache-control']).toContain('s-maxage');
    expect(headers['surrogate-key']?.split(' ')).toContain('charts');
    await expect(page).toHaveTitle('Charts · Chorus');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Charts');
    await expect(page.getByRole('heading', { level: 2, name: 'Top tracks' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Top artists' })).toBeVisible();
    await expect(page.locator('main')).toContainText('Computed at');

    const periods = page.getByRole('navigation', { name: 'Chart period' });
    await expect(periods.getByRole('link', { name: 'This week' })).toHaveAttribute('aria-current', 'page');
    await periods.getByRole('link', { name: 'This month' }).click();
    await expect(page).toHaveURL(/\/charts\?period=month$/);
    await expect(periods.getByRole('link', { name: 'This month' })).toHaveAttribute('aria-current', 'page');
    await expect(page).toHaveTitle('Charts: this month · Chorus');
    // Nothing personal on the public page.
    await expect(page.getByRole('group', { name: 'Whose plays' })).toHaveCount(0);
  });
});

test.describe('charts', () => {
  test('a new play reaches the charts after their recompute, and a friend sees it in the Friends chart', async ({
    browser,
    baseURL,
    request,
  }) => {
    test.setTimeout(150_000);
    const ada = await listener(browser, baseURL, 'ada', 'Ada');
    const bob = await listener(browser, baseURL, 'bob', 'Bob');
    await befriend(ada, bob);
    const tracks = await apiTracks(request, 100);
    const track = tracks.filter((t) => t.duration_ms >= 30_000).sort((a, b) => a.duration_ms - b.duration_ms)[0];
    const playsNow = async () => {
      const chart = await (await request.get('/api/charts?period=week')).json();
      return chart.tracks.find((t: any) => t.track.id === track.id)?.plays ?? 0;
    };
    const before = await playsNow();

    await listenTo(ada.page.request, track);

    // The page shows the new count once the charts are recomputed (every
    // CHORUS_CHARTS_EVERY seconds in this run).
    await open(bob.page, '/charts');
    const row = (page: Page, scope: 'global' | 'friends') =>
      page
        .locator(`.chart[data-scope="${scope}"] .track-row`)
        .filter({ has: page.locator(`a[href="/tracks/${track.id}"]`) });
    await expect
      .poll(
        async () => {
          await bob.page.reload();
          await waitForHydration(bob.page);
          const text = (await row(bob.page, 'global').count()) ? await row(bob.page, 'global').innerText() : '';
          return Number(/(\d+) plays?/.exec(text)?.[1] ?? 0);
        },
        { message: 'the global chart counts the new play', timeout: 60_000, intervals: [1_000, 2_000] },
      )
      .toBeGreaterThan(before);

    // Friends: only Ada's play, fetched in the browser.
    const scope = bob.page.getByRole('group', { name: 'Whose plays' });
    await scope.getByRole('button', { name: 'Friends' }).click();
    await expect(scope.getByRole('button', { name: 'Friends' })).toHaveAttribute('aria-pressed', 'true');
    const friends = bob.page.getByRole('region', { name: "Friends' chart" });
    await expect(friends).toBeVisible();
    await expect(row(bob.page, 'friends')).toContainText('1 play');
    await expect(friends.locator('.chart-artist').filter({ hasText: track.artist.name })).toContainText('1 play');
    await expect(bob.page.locator('.chart[data-scope="global"]')).toBeHidden();

    // This month (a plain link, followed client-side) still has it.
    await markDocument(bob.page);
    await bob.page.getByRole('navigation', { name: 'Chart period' }).getByRole('link', { name: 'This month' }).click();
    await expect(bob.page).toHaveURL(/\/charts\?period=month$/);
    await expect(row(bob.page, 'friends')).toContainText('1 play');
    await expectSameDocument(bob.page);
    await closeAll(ada, bob);
  });
});

test.describe('personal discovery', () => {
  test("a friend's profile shows taste compatibility after hydration, never in the server's HTML", async ({
    browser,
    baseURL,
    request,
  }) => {
    const ada = await listener(browser, baseURL, 'ada', 'Ada');
    const bob = await listener(browser, baseURL, 'bob', 'Bob');
    await befriend(ada, bob);
    const [shared] = await quietArtists(request);
    await likeArtist(ada, shared);
    await likeArtist(bob, shared);

    await open(bob.page, `/users/${ada.username}`);
    const block = bob.page.getByRole('region', { name: 'Taste compatibility' });
    await expect(block).toBeVisible();
    const meter = block.getByRole('meter', { name: 'Taste compatibility' });
    await expect(meter).toHaveAttribute('aria-valuenow', /^[1-9]\d*$/);
    const score = Number(await meter.getAttribute('aria-valuenow'));
    expect(score).toBeLessThanOrEqual(100);
    await expect(block.getByTestId('compatibility-score')).toHaveText(String(score));
    await expect(block).toContainText(scoreWord(score));
    await expect(block).toContainText('You both like');
    await expect(block.getByRole('link', { name: shared.name, exact: true })).toHaveAttribute('href', `/artists/${shared.id}`);
    await expect(block).toContainText('Based on likes and plays');

    // The page as served (and cached) has none of it, even for Bob.
    const raw = await bob.page.request.get(`/users/${ada.username}`);
    expect(raw.status()).toBe(200);
    expect(raw.headers()['cache-control']).toContain('public');
    const html = await raw.text();
    expect(html).toContain('Liked artists');
    expect(html).not.toContain('Taste compatibility');
    expect(html).not.toContain('data-testid="compatibility"');

    // Not on your own profile.
    await open(bob.page, `/users/${bob.username}`);
    await expect(bob.page.getByRole('link', { name: 'Edit settings' })).toBeVisible();
    await expect(bob.page.getByRole('region', { name: 'Taste compatibility' })).toHaveCount(0);
    await closeAll(ada, bob);
  });

  test('home recommends what listeners with the same taste like, after hydration', async ({ browser, baseURL, request }) => {
    const tracks = await apiTracks(request, 100);
    const [x, y] = tracks.slice(-2);
    const ada = await listener(browser, baseURL, 'ada', 'Ada');
    const bob = await listener(browser, baseURL, 'bob', 'Bob');
    const cyd = await listener(browser, baseURL, 'cyd', 'Cyd');
    await likeTrack(ada, x);
    await likeTrack(ada, y);
    await likeTrack(bob, x);

    await open(bob.page, '/');
    const recommended = section(bob.page, 'Recommended for you');
    await expect(recommended).toBeVisible();
    const rowY = recommended.locator('.track-row').filter({ has: bob.page.locator(`a[href="/tracks/${y.id}"]`) });
    await expect(rowY).toContainText(`Because you like ${x.title}`);
    await expect(rowY.getByRole('button', { name: `Play ${y.title}`, exact: true })).toBeVisible();
    await expect(rowY.locator(`a[href="/artists/${y.artist.id}"]`)).toHaveText(y.artist.name);
    // It comes first, above the catalog.
    const headings = await bob.page.locator('main h2').allTextContents();
    expect(headings[0]).toBe('Recommended for you');

    // Someone without likes gets a hint.
    await open(cyd.page, '/');
    await expect(section(cyd.page, 'Recommended for you')).toContainText("Like some tracks and we'll find more");

    // The cached home page is the same for everyone: no recommendations in it.
    const raw = await bob.page.request.get('/');
    expect(raw.headers()['cache-control']).toContain('public');
    expect(await raw.text()).not.toContain('Recommended for you');
    await closeAll(ada, bob, cyd);
  });

  test('the friends page lists listeners like you, and Add friend sends a request', async ({ browser, baseURL, request }) => {
    const ida = await listener(browser, baseURL, 'ida', 'Ida');
    const jon = await listener(browser, baseURL, 'jon', 'Jon');
    const [first, second] = await quietArtists(request);
    for (const who of [ida, jon]) {
      await likeArtist(who, first);
      await likeArtist(who, second);
    }

    await open(jon.page, '/friends');
    const like = section(jon.page, 'Listeners like you');
    const row = like.getByRole('listitem').filter({ has: jon.page.locator(`a[href="/users/${ida.username}"]`) });
    await expect(row).toBeVisible();
    await expect(row).toContainText(/\d+% match/);
    await expect(row).toContainText('You both like');
    await expect(row.locator(`a[href="/artists/${first.id}"]`)).toHaveText(first.name);
    await row.getByRole('button', { name: 'Add Ida as a friend' }).click();
    await expect(row).toContainText('Request sent');
    await expect(section(jon.page, 'Sent requests').getByText('Ida', { exact: true })).toBeVisible();
    await closeAll(ida, jon);
  });
});
