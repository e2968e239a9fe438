import { test, expect, type Browser, type Page } from '@playwright/test';
import { activeAudio, apiAlbum, apiTracks, captureConsole, expectAudioPast, open, playerBar, section } from './helpers';

// Friends, live: two listeners in two browsers see each other's music as it
// plays, join in with "Listen along", like things, find each other, and keep
// their feed after the socket drops. Each test signs up fresh listeners.
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

const sidebar = (page: Page) => page.getByRole('complementary', { name: 'Friend activity' });

/** Opens `url` and waits until the feed socket is live. */
async function openLive(page: Page, url: string) {
  await open(page, url);
  await expect(sidebar(page).locator('.live-status')).toHaveAttribute('data-status', 'live');
}

test.describe('friends, live', () => {
  test("a friend's play shows in the sidebar within 2 s, and Listen along joins at their position", async ({
    browser,
    baseURL,
  }) => {
    const ada = await listener(browser, baseURL, 'ada', 'Ada');
    const bob = await listener(browser, baseURL, 'bob', 'Bob');
    await befriend(ada, bob);
    const [track] = await apiTracks(ada.page.request, 1);

    await openLive(bob.page, '/');
    await open(ada.page, '/');
    await section(ada.page, 'Fresh tracks').getByRole('button', { name: `Play ${track.title}`, exact: true }).click();

    const card = sidebar(bob.page).getByRole('listitem', { name: `Ada is playing ${track.title}` });
    await expect(card).toBeVisible({ timeout: 2_000 });

    // Ada moves into the track; Bob's card follows, and he listens along.
    await expectAudioPast(ada.page, 1);
    await playerBar(ada.page).seek.evaluate((el: HTMLInputElement) => {
      el.value = '20';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await expectAudioPast(ada.page, 20.5, "Ada's audio after the seek");
    await expect
      .poll(async () => Number(await card.getByRole('progressbar').getAttribute('aria-valuenow')))
      .toBeGreaterThanOrEqual(20);
    await card.getByRole('button', { name: 'Listen along' }).click();

    await expect(playerBar(bob.page).nowPlaying).toHaveText(track.title);
    await expectAudioPast(bob.page, 20, "Bob's audio");
    const [adaAudio, bobAudio] = await Promise.all([activeAudio(ada.page), activeAudio(bob.page)]);
    expect(Math.abs(adaAudio!.currentTime - bobAudio!.currentTime)).toBeLessThan(3);
    await ada.page.context().close();
    await bob.page.context().close();
  });

  test('a private session keeps what you play from your friends', async ({ browser, baseURL }) => {
    const ada = await listener(browser, baseURL, 'ada', 'Ada');
    const bob = await listener(browser, baseURL, 'bob', 'Bob');
    await befriend(ada, bob);
    const [secret, open_] = await apiTracks(ada.page.request, 2);

    await openLive(bob.page, '/');
    await open(ada.page, '/');
    const ghost = playerBar(ada.page).bar.getByRole('button', { name: 'Private session' });
    await ghost.click();
    await expect(ghost).toHaveAttribute('aria-pressed', 'true');
    await section(ada.page, 'Fresh tracks').getByRole('button', { name: `Play ${secret.title}`, exact: true }).click();
    await expectAudioPast(ada.page, 2);

    // Out of the private session, the next track reaches Bob; the first never did.
    await ghost.click();
    await expect(ghost).toHaveAttribute('aria-pressed', 'false');
    await section(ada.page, 'Fresh tracks').getByRole('button', { name: `Play ${open_.title}`, exact: true }).click();
    await expect(sidebar(bob.page).getByRole('listitem', { name: `Ada is playing ${open_.title}` })).toBeVisible();
    await expect(sidebar(bob.page).getByText(secret.title)).toHaveCount(0);
    const feed = await (await bob.page.request.get('/api/feed')).json();
    const adaTracks = feed.items.filter((i: any) => i.user.username === ada.username).map((i: any) => i.track?.id);
    expect(adaTracks).toContain(open_.id);
    expect(adaTracks).not.toContain(secret.id);
    await ada.page.context().close();
    await bob.page.context().close();
  });

  test('the feed socket reconnects after a drop and resumes without losing an event', async ({
    browser,
    baseURL,
  }) => {
    const ada = await listener(browser, baseURL, 'ada', 'Ada');
    const bob = await listener(browser, baseURL, 'bob', 'Bob');
    await befriend(ada, bob);
    const [first, second] = await apiTracks(ada.page.request, 2);

    // Bob's socket goes through the test, which can drop it and hold the
    // next one back until Ada has done something Bob missed.
    const sockets: { close: () => Promise<void> }[] = [];
    // The cursor each socket opened with (`/ws/feed?after=ID`).
    const resumes: number[] = [];
    let letReconnect = () => {};
    const reconnectAllowed = new Promise<void>((resolve) => (letReconnect = resolve));
    await bob.page.routeWebSocket(/\/ws\/feed(\?.*)?$/, async (ws) => {
      const index = sockets.length;
      resumes.push(Number(new URL(ws.url()).searchParams.get('after')));
      sockets.push({ close: () => ws.close({ code: 4000, reason: 'test drop' }) });
      const queued: string[] = [];
      let server: { send: (m: string) => void } | null = null;
      ws.onMessage((message) => {
        const text = String(message);
        if (server) server.send(text);
        else queued.push(text);
      });
      if (index > 0) await reconnectAllowed;
      const connected = ws.connectToServer();
      server = connected;
      for (const text of queued) connected.send(text);
    });
    await openLive(bob.page, '/');

    const like = (id: number) => ada.page.request.put(`/api/tracks/${id}/like`);
    expect((await like(first.id)).status()).toBe(200);
    const recent = sidebar(bob.page).locator('.activity-item[data-kind="liked_track"]');
    await expect(recent.filter({ hasText: first.title })).toHaveCount(1);
    const firstId = Number(await recent.filter({ hasText: first.title }).getAttribute('data-id'));

    // Drop the socket; the client reconnects (with backoff) while Ada likes
    // another track, which only the resume can bring.
    await sockets[0].close();
    await expect.poll(() => sockets.length, { message: 'the client reconnects' }).toBe(2);
    expect((await like(second.id)).status()).toBe(200);
    letReconnect();

    await expect(recent.filter({ hasText: second.title })).toHaveCount(1);
    await expect(recent.filter({ hasText: first.title })).toHaveCount(1);
    await expect(sidebar(bob.page).locator('.live-status')).toHaveAttribute('data-status', 'live');
    expect(sockets.length).toBe(2);
    expect(resumes.at(-1)).toBe(firstId);
    await ada.page.context().close();
    await bob.page.context().close();
  });

  test('logging out in one tab ends the feed socket of another, which then shows signed out', async ({
    browser,
    baseURL,
  }) => {
    const ada = await listener(browser, baseURL, 'ada', 'Ada');
    const other = await ada.page.context().newPage();
    await openLive(ada.page, '/');
    await openLive(other, '/');

    expect((await ada.page.request.post('/api/auth/logout')).status()).toBe(204);
    // The server closes the other tab's socket (4001); the client asks who
    // is signed in and stops, showing the signed-out sidebar.
    await expect(sidebar(other).locator('.live-status')).toHaveAttribute('data-status', 'off');
    await expect(sidebar(other).getByRole('link', { name: 'Log in' })).toBeVisible();
    await ada.page.context().close();
  });

  test('like a track and an artist; likes stay after a reload and show on the profile', async ({
    browser,
    baseURL,
  }) => {
    const ada = await listener(browser, baseURL, 'ada', 'Ada');
    const [track] = await apiTracks(ada.page.request, 1);
    await open(ada.page, `/tracks/${track.id}`);
    const likeTrack = ada.page.locator('.hero').getByRole('button', { name: `Like ${track.title}`, exact: true });
    await expect(likeTrack).toHaveAttribute('aria-pressed', 'false');
    await likeTrack.click();
    await expect(likeTrack).toHaveAttribute('aria-pressed', 'true');

    await open(ada.page, `/artists/${track.artist.id}`);
    const likeArtist = ada.page.locator('.hero').getByRole('button', { name: `Like ${track.artist.name}`, exact: true });
    await likeArtist.click();
    await expect(likeArtist).toHaveAttribute('aria-pressed', 'true');

    await open(ada.page, `/tracks/${track.id}`);
    await expect(likeTrack).toHaveAttribute('aria-pressed', 'true');
    await open(ada.page, `/users/${ada.username}`);
    await expect(ada.page.getByRole('heading', { level: 1, name: 'Ada' })).toBeVisible();
    await expect(ada.page.getByRole('link', { name: track.artist.name, exact: true })).toBeVisible();
    await ada.page.context().close();
  });

  test('a like made while the likes still load is not undone by their answer', async ({ browser, baseURL }) => {
    const ada = await listener(browser, baseURL, 'ada', 'Ada');
    const [track] = await apiTracks(ada.page.request, 1);
    const other = (await apiAlbum(ada.page.request, track.album.id)).tracks.find((t) => t.id !== track.id);
    expect(other, 'the album has a second track').toBeDefined();
    expect((await ada.page.request.put(`/api/tracks/${other!.id}/like`)).status()).toBe(200);

    // The likes' answer is taken from the server at once (it names the
    // other track only) and held until the like below has been saved.
    let asked!: () => void;
    const likesAsked = new Promise<void>((resolve) => (asked = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await ada.page.route('**/api/me/likes', async (route) => {
      const answer = await route.fetch();
      asked();
      await released;
      await route.fulfill({ response: answer });
    });
    await open(ada.page, `/tracks/${track.id}`);
    await likesAsked;
    const likeTrack = ada.page.locator('.hero').getByRole('button', { name: `Like ${track.title}`, exact: true });
    const saved = ada.page.waitForResponse((r) => r.url().endsWith(`/api/tracks/${track.id}/like`));
    await likeTrack.click();
    expect((await saved).status()).toBe(200);
    release();

    // The answer has arrived once the other track shows liked; the like
    // made meanwhile stands.
    const likeOther = ada.page.locator('main .section').getByRole('button', { name: `Like ${other!.title}`, exact: true });
    await expect(likeOther).toHaveAttribute('aria-pressed', 'true');
    await expect(likeTrack).toHaveAttribute('aria-pressed', 'true');
    await ada.page.context().close();
  });

  test('send, accept and suggest friends on the friends page', async ({ browser, baseURL }) => {
    const ada = await listener(browser, baseURL, 'ada', 'Ada');
    const bob = await listener(browser, baseURL, 'bob', 'Bob');
    const cyd = await listener(browser, baseURL, 'cyd', 'Cyd');
    await befriend(bob, cyd);

    await open(ada.page, '/friends');
    await ada.page.getByLabel('Add a friend by username').fill(bob.username);
    await ada.page.getByRole('button', { name: 'Send request' }).click();
    await expect(section(ada.page, 'Sent requests').getByText('Bob', { exact: true })).toBeVisible();

    await open(bob.page, '/friends');
    await section(bob.page, 'Friend requests').getByRole('button', { name: 'Accept Ada' }).click();
    await expect(section(bob.page, 'Your friends').getByText('Ada', { exact: true })).toBeVisible();

    // Ada and Cyd are both Bob's friends: Cyd is someone Ada may know.
    await open(ada.page, '/friends');
    const maybe = section(ada.page, 'People you may know');
    await expect(maybe.getByText('1 friend in common')).toBeVisible();
    await maybe.getByRole('button', { name: 'Add Cyd' }).click();
    await expect(section(ada.page, 'Sent requests').getByText('Cyd', { exact: true })).toBeVisible();
    for (const l of [ada, bob, cyd]) await l.page.context().close();
  });
});

test.describe('profiles', () => {
  test('a profile page is complete without JavaScript @nojs', async ({ page, playwright, baseURL }) => {
    const api = await playwright.request.newContext({ baseURL });
    const username = freshUsername('eve');
    expect((await api.post('/api/auth/signup', { data: { username, display_name: 'Eve Q', password: PASSWORD } })).status()).toBe(201);
    const [track] = await apiTracks(api, 1);
    expect((await api.put(`/api/artists/${track.artist.id}/like`)).status()).toBe(200);
    await api.dispose();

    const response = await page.goto(`/users/${username}`);
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle('Eve Q · Chorus');
    await expect(page.getByRole('heading', { level: 1, name: 'Eve Q' })).toBeVisible();
    await expect(page.getByTestId('friends-count')).toHaveText('0 friends');
    await expect(section(page, 'Liked artists').getByRole('link', { name: track.artist.name, exact: true })).toBeVisible();

    const missing = await page.goto('/users/nobody_here_at_all');
    expect(missing?.status()).toBe(404);
  });
});

test('pending friend requests show on the app badge, live', async ({ browser, baseURL }) => {
  const ada = await listener(browser, baseURL, 'badge', 'Ada Badge');
  const bob = await listener(browser, baseURL, 'asker', 'Bob Asker');
  // The Badging API, recorded (headless Chromium shows no icon).
  await ada.page.addInitScript(() => {
    const calls: number[] = [];
    (window as unknown as { badges: number[] }).badges = calls;
    Object.assign(navigator, {
      setAppBadge: (n: number) => Promise.resolve(void calls.push(n)),
      clearAppBadge: () => Promise.resolve(void calls.push(0)),
    });
  });
  const badges = () => ada.page.evaluate(() => (window as unknown as { badges: number[] }).badges);

  await open(ada.page, '/');
  await expect.poll(badges).toEqual([0]);
  // The request reaches the open page over the feed socket: no reload.
  expect((await bob.page.request.post(`/api/friends/${ada.username}`)).status()).toBe(200);
  await expect.poll(badges).toEqual([0, 1]);
  // Answered elsewhere (another device of Ada's), the badge clears here.
  expect((await ada.page.request.delete(`/api/friends/${bob.username}`)).status()).toBe(204);
  await expect.poll(badges).toEqual([0, 1, 0]);
});
