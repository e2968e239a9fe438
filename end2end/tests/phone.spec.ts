import { test, expect, devices, type Browser, type Page } from '@playwright/test';
import {
  activeAudio,
  apiAlbums,
  apiTracks,
  captureConsole,
  expectAudioPast,
  open,
  playerBar,
  section,
  type Track,
} from './helpers';

// Chorus on a phone: friend activity one tap away (a sheet opened from the
// player bar), no page scrolling sideways, touch-sized controls and the
// full-screen now-playing view. Pixel 7 emulation (touch, mobile user
// agent, device pixel ratio) in Chromium; the config's launch options
// (Debian's chromium) still apply. Hydrated only (no @nojs tag).
captureConsole(test);

// Top level: a device's defaultBrowserType may not be set in a describe group.
test.use({ ...devices['Pixel 7'], viewport: { width: 390, height: 844 } });

const PASSWORD = 'correct horse battery';
/** Smallest side of a control on a phone (CSS px), less rounding. */
const MIN_TARGET = 47.9;

function freshUsername(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`.slice(0, 30);
}

/** Signs a new listener up in `page`'s context (the session cookie is the context's). */
async function signUp(page: Page, prefix: string, name: string): Promise<string> {
  const username = freshUsername(prefix);
  const response = await page.request.post('/api/auth/signup', {
    data: { username, display_name: name, password: PASSWORD },
  });
  expect(response.status()).toBe(201);
  return username;
}

async function befriend(a: Page, aName: string, b: Page, bName: string) {
  expect((await a.request.post(`/api/friends/${bName}`)).status()).toBe(200);
  const accepted = await b.request.post(`/api/friends/${aName}`);
  expect(await accepted.json()).toEqual({ status: 'friends' });
}

/** A second listener at desktop size, in a context of their own. */
async function desktopListener(browser: Browser, baseURL: string | undefined): Promise<{ page: Page; username: string }> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  return { page, username: await signUp(page, 'ada', 'Ada') };
}

/** Visible controls (button, input, select, [role=button]) smaller than 48 x 48 px. */
async function smallControls(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const controls = Array.from(
      document.querySelectorAll<HTMLElement>('button, input:not([type="hidden"]), select, [role="button"]'),
    );
    return controls
      .filter((el) => el.checkVisibility({ checkVisibilityCSS: true }))
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width < min || box.height < min)
      .map(({ el, box }) => {
        const name = el.getAttribute('aria-label') ?? el.textContent?.trim() ?? el.tagName;
        return `${el.tagName.toLowerCase()} "${name}" ${box.width.toFixed(1)}x${box.height.toFixed(1)}`;
      });
  }, MIN_TARGET);
}

/** Plays "Fresh tracks" from its first row on the home page. */
async function playFromHome(page: Page, track: Track) {
  await open(page, '/');
  await section(page, 'Fresh tracks').getByRole('button', { name: `Play ${track.title}`, exact: true }).click();
  await expectAudioPast(page, 0.2, `"${track.title}"`);
}

test.describe('phone', () => {
  test('friend activity is one tap away at 390 px and updates live', async ({ page, browser, baseURL }) => {
    const ada = await desktopListener(browser, baseURL);
    const bob = await signUp(page, 'bob', 'Bob');
    await befriend(ada.page, ada.username, page, bob);
    const [track] = await apiTracks(page.request, 1);

    // Bob, on a phone, on a page that is not /feed: the sidebar is hidden,
    // the player bar's button opens the same live panel as a sheet.
    await open(page, '/charts');
    await expect(page.getByRole('complementary', { name: 'Friend activity' })).toBeHidden();
    const button = playerBar(page).bar.getByRole('button', { name: 'Friend activity', exact: true });
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await button.click();
    const sheet = page.getByRole('dialog', { name: 'Friend activity' });
    await expect(sheet).toBeVisible();
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await expect(sheet.locator('.live-status')).toHaveAttribute('data-status', 'live');

    // Ada plays; Bob's open sheet shows it without a reload.
    await open(ada.page, '/');
    await section(ada.page, 'Fresh tracks').getByRole('button', { name: `Play ${track.title}`, exact: true }).click();
    const card = sheet.getByRole('listitem', { name: `Ada is playing ${track.title}` });
    await expect(card).toBeVisible({ timeout: 5_000 });
    const listenAlong = card.getByRole('button', { name: 'Listen along' });
    await expect(listenAlong).toBeVisible();
    const box = await listenAlong.boundingBox();
    expect(box!.height, 'Listen along is tall enough to tap').toBeGreaterThanOrEqual(MIN_TARGET);

    // Escape closes it and gives the focus back; so does Close.
    await page.keyboard.press('Escape');
    await expect(sheet).toHaveCount(0);
    await expect(button).toBeFocused();
    await button.click();
    await expect(sheet.getByRole('listitem', { name: `Ada is playing ${track.title}` })).toBeVisible();
    await sheet.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(sheet).toHaveCount(0);

    // Listen along from the sheet plays the friend's track here.
    await button.click();
    await sheet.getByRole('listitem', { name: `Ada is playing ${track.title}` }).getByRole('button', { name: 'Listen along' }).click();
    await expect(playerBar(page).nowPlaying).toHaveText(track.title);
    await expectAudioPast(page, 0.5, "Bob's audio after Listen along");
    await ada.page.context().close();
  });

  test('no page scrolls sideways at 360 px', async ({ page, request }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    const username = await signUp(page, 'wide', 'A rather long display name for a phone');
    const [track] = await apiTracks(request, 1);
    const [album] = await apiAlbums(request);
    const made = await page.request.post('/api/playlists', {
      data: { name: 'A playlist with a rather long name for a phone', track_ids: [track.id, track.id] },
    });
    expect(made.status()).toBe(201);
    const playlist = (await made.json()).playlist.id;
    const urls = [
      '/',
      `/albums/${album.id}`,
      `/artists/${track.artist.id}`,
      `/tracks/${track.id}`,
      `/users/${username}`,
      '/charts',
      '/search?q=a',
      '/feed',
      '/friends',
      '/downloads',
      '/settings',
      '/login',
      '/playlists',
      `/playlists/${playlist}`,
      `/playlists/add?tracks=${track.id}`,
    ];
    const overflowing: string[] = [];
    for (const url of urls) {
      await open(page, url);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const [scrollWidth, innerWidth] = await page.evaluate(() => [
        document.documentElement.scrollWidth,
        window.innerWidth,
      ]);
      if (scrollWidth > innerWidth) overflowing.push(`${url}: ${scrollWidth} > ${innerWidth}`);
    }
    expect(overflowing, 'pages wider than the screen').toEqual([]);
  });

  test('every visible control is at least 48 x 48 px at 390 px', async ({ page, request }) => {
    const tracks = await apiTracks(request, 12);
    const [album] = await apiAlbums(request);

    await open(page, '/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await smallControls(page), 'small controls on /').toEqual([]);

    await open(page, `/albums/${album.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(album.title);
    expect(await smallControls(page), 'small controls on the album page').toEqual([]);

    // With a track playing, and with the full-screen view open.
    await playFromHome(page, tracks[0]);
    expect(await smallControls(page), 'small controls on / while playing').toEqual([]);
    await playerBar(page).bar.getByRole('button', { name: 'Open now playing', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'Now playing' })).toBeVisible();
    expect(await smallControls(page), 'small controls in the now-playing view').toEqual([]);

    // A playlist, as its owner sees it: reorder, remove, details, invitations.
    await page.keyboard.press('Escape');
    await signUp(page, 'owner', 'Owner');
    const made = await page.request.post('/api/playlists', {
      data: { name: 'Pocket mix', track_ids: [tracks[0].id, tracks[1].id] },
    });
    expect(made.status()).toBe(201);
    await open(page, `/playlists/${(await made.json()).playlist.id}`);
    await expect(page.getByRole('button', { name: `Move ${tracks[1].title} up` })).toBeVisible();
    expect(await smallControls(page), 'small controls on a playlist page').toEqual([]);
  });

  test('the full-screen now-playing view shows the track and plays and pauses', async ({ page, request }) => {
    const tracks = await apiTracks(request, 12);
    const track = tracks[0];
    await playFromHome(page, track);
    const bar = playerBar(page);
    // Closed, it is not in the page: the bar's locators stay unambiguous.
    await expect(page.getByRole('dialog', { name: 'Now playing' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^(Play|Pause)$/ })).toHaveCount(1);

    const opener = bar.bar.getByRole('button', { name: 'Open now playing', exact: true });
    await opener.click();
    const view = page.getByRole('dialog', { name: 'Now playing' });
    await expect(view).toBeVisible();
    await expect(view.getByRole('link', { name: track.title, exact: true })).toBeVisible();
    await expect(view.getByRole('link', { name: track.artist.name, exact: true })).toBeVisible();
    await expect(view.getByRole('slider', { name: 'Seek' })).toBeVisible();
    const cover = await view.locator('img').first().boundingBox();
    expect(cover!.width, 'a large cover').toBeGreaterThanOrEqual(240);
    // The view covers the screen.
    const viewBox = await view.boundingBox();
    expect(viewBox!.width).toBeGreaterThanOrEqual(389);
    expect(viewBox!.height).toBeGreaterThanOrEqual(843);
    // The bar's own controls are still one each.
    // (On a phone the bar's slider is hidden: the view has the one to use.)
    await expect(bar.playPause).toHaveCount(1);
    await expect(bar.bar.locator('input[aria-label="Seek"]')).toHaveCount(1);

    const playPause = view.getByRole('button', { name: /^(Play|Pause)$/ });
    await expect(playPause).toHaveAccessibleName('Pause');
    await playPause.click();
    await expect(playPause).toHaveAccessibleName('Play');
    await expect.poll(async () => (await activeAudio(page))?.paused).toBe(true);
    await expect(bar.playPause).toHaveAccessibleName('Play');
    await playPause.click();
    await expect(playPause).toHaveAccessibleName('Pause');
    await expect.poll(async () => (await activeAudio(page))?.paused).toBe(false);

    // Escape closes it; the focus goes back to the cover button.
    await page.keyboard.press('Escape');
    await expect(view).toHaveCount(0);
    await expect(opener).toBeFocused();

    // Next track from the view, then Close.
    await opener.click();
    await view.getByRole('button', { name: 'Next track', exact: true }).click();
    await expect(view.getByRole('link', { name: tracks[1].title, exact: true })).toBeVisible();
    await expect(bar.nowPlaying).toHaveText(tracks[1].title);
    await view.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(view).toHaveCount(0);
  });
});
