import path from 'node:path';
import {
  expect,
  type APIRequestContext,
  type Browser,
  type Locator,
  type Page,
  type TestInfo,
  type TestType,
} from '@playwright/test';

/* ------------------------------------------------------------------ */
/* Listeners                                                           */
/* ------------------------------------------------------------------ */

export const PASSWORD = 'correct horse battery';

/** A username no earlier run used (the data folder is shared within a run). */
export function freshUsername(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`.slice(0, 30);
}

/** A new browser context (desktop size) with a listener signed up as `name`. */
export async function signedUp(browser: Browser, baseURL: string | undefined, name: string) {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const username = freshUsername(name.toLowerCase());
  const signup = await page.request.post('/api/auth/signup', {
    data: { username, display_name: name, password: PASSWORD },
  });
  expect(signup.status()).toBe(201);
  return { page, username };
}

/* ------------------------------------------------------------------ */
/* JSON API look-ups (real titles instead of hard-coded ones)          */
/* ------------------------------------------------------------------ */

export interface Ref {
  id: number;
  name?: string;
  title?: string;
}

export interface Track {
  id: number;
  title: string;
  artist: { id: number; name: string };
  album: { id: number; title: string };
  duration_ms: number;
  stream_url: string;
  mime: string;
  cover_url: string | null;
}

export interface AlbumSummary {
  id: number;
  title: string;
  artist: { id: number; name: string };
  year: number | null;
  cover_url: string | null;
  track_count: number;
  duration_ms: number;
}

export interface AlbumDetail {
  album: AlbumSummary;
  tracks: Track[];
}

interface Page_<T> {
  items: T[];
  next: unknown;
}

async function getJson<T>(request: APIRequestContext, url: string): Promise<T> {
  const response = await request.get(url);
  expect(response.status(), `GET ${url}`).toBe(200);
  return (await response.json()) as T;
}

/** The newest tracks, in the order of the home page's "Fresh tracks". */
export async function apiTracks(request: APIRequestContext, limit = 12): Promise<Track[]> {
  const page = await getJson<Page_<Track>>(request, `/api/tracks?limit=${limit}`);
  expect(page.items.length, 'the demo catalog has tracks').toBeGreaterThan(0);
  return page.items;
}

export async function apiAlbums(request: APIRequestContext): Promise<AlbumSummary[]> {
  const page = await getJson<Page_<AlbumSummary>>(request, '/api/albums');
  expect(page.items.length, 'the demo catalog has albums').toBeGreaterThan(0);
  return page.items;
}

export async function apiAlbum(request: APIRequestContext, id: number): Promise<AlbumDetail> {
  return getJson<AlbumDetail>(request, `/api/albums/${id}`);
}

/* ------------------------------------------------------------------ */
/* Pages and hydration                                                 */
/* ------------------------------------------------------------------ */

/** Whether the test's project runs JavaScript (the `hydrated` project). */
export function jsEnabled(testInfo: TestInfo): boolean {
  return testInfo.project.use.javaScriptEnabled !== false;
}

/** Waits until the app has hydrated (clicks before that are lost). */
export async function waitForHydration(page: Page): Promise<void> {
  await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached', timeout: 30_000 });
}

/** Opens `url` and, where JavaScript runs, waits for hydration. */
export async function open(page: Page, url: string, testInfo?: TestInfo) {
  const response = await page.goto(url);
  if (!testInfo || jsEnabled(testInfo)) await waitForHydration(page);
  return response;
}

/** The section of the home page under the heading `name`. */
export function section(page: Page, name: string): Locator {
  return page.locator('main section').filter({ has: page.getByRole('heading', { name, exact: true }) });
}

/* ------------------------------------------------------------------ */
/* The player                                                          */
/* ------------------------------------------------------------------ */

export function playerBar(page: Page) {
  const bar = page.getByRole('region', { name: 'Player' });
  return {
    bar,
    playPause: bar.getByRole('button', { name: /^(Play|Pause)$/ }),
    previous: bar.getByRole('button', { name: 'Previous track', exact: true }),
    next: bar.getByRole('button', { name: 'Next track', exact: true }),
    shuffle: bar.getByRole('button', { name: 'Shuffle', exact: true }),
    repeat: bar.getByRole('button', { name: 'Repeat', exact: true }),
    mute: bar.getByRole('button', { name: /^(Mute|Unmute)$/ }),
    queue: bar.getByRole('button', { name: 'Queue', exact: true }),
    seek: bar.getByRole('slider', { name: 'Seek' }),
    volume: bar.getByRole('slider', { name: 'Volume' }),
    nowPlaying: bar.getByTestId('now-playing-title'),
    elapsed: bar.getByTestId('elapsed'),
    remaining: bar.getByTestId('remaining'),
  };
}

export interface AudioState {
  count: number;
  currentTime: number;
  paused: boolean;
  muted: boolean;
  src: string | null;
  error: number | null;
}

/** The state of the player's active `<audio>` element. */
export async function activeAudio(page: Page): Promise<AudioState | null> {
  return page.evaluate(() => {
    const player = document.querySelector('section[aria-label="Player"]');
    const all = player ? Array.from(player.querySelectorAll('audio')) : [];
    const active = all.filter((a) => a.getAttribute('data-active') === 'true');
    const el = active[0];
    if (!el) return null;
    return {
      count: active.length,
      currentTime: el.currentTime,
      paused: el.paused,
      muted: el.muted,
      src: el.getAttribute('src'),
      error: el.error ? el.error.code : null,
    };
  });
}

/** Waits until the active audio element plays past `seconds` (and is not paused). */
export async function expectAudioPast(page: Page, seconds: number, message = 'active audio plays') {
  await expect
    .poll(
      async () => {
        const audio = await activeAudio(page);
        return audio && !audio.paused ? audio.currentTime : -1;
      },
      { message: `${message} past ${seconds} s`, timeout: 30_000 },
    )
    .toBeGreaterThan(seconds);
}

/** The titles in the queue panel, in order. */
export async function queueTitles(page: Page): Promise<string[]> {
  const panel = page.locator('aside[aria-label="Play queue"]');
  const labels = await panel
    .getByRole('button', { name: /^Play .+ from the queue$/ })
    .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? ''));
  return labels.map((l) => l.replace(/^Play /, '').replace(/ from the queue$/, ''));
}

/** Opens the queue panel (if closed) and returns it. */
export async function openQueue(page: Page): Promise<Locator> {
  const { queue } = playerBar(page);
  const panel = page.locator('aside[aria-label="Play queue"]');
  if ((await queue.getAttribute('aria-expanded')) !== 'true') await queue.click();
  await expect(queue).toHaveAttribute('aria-expanded', 'true');
  await expect(panel).toBeVisible();
  return panel;
}

/** Takes keyboard focus away from any control (keys then go to the page). */
export async function blurFocus(page: Page) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

/** Reads the saved player state from localStorage. */
export async function savedPlayer(page: Page): Promise<{ position: number; queue: unknown } | null> {
  return page.evaluate(() => {
    const raw = localStorage.getItem('chorus.player.v1');
    return raw ? JSON.parse(raw) : null;
  });
}

/* ------------------------------------------------------------------ */
/* Diagnostics: console errors and page errors, attached to each test  */
/* ------------------------------------------------------------------ */

const logs = new WeakMap<Page, string[]>();

/**
 * Registers hooks that record the browser console's warnings and errors,
 * uncaught page errors and failed requests, and attach them to the test
 * (printed too when the test failed).
 */
export function captureConsole(test: TestType<any, any>) {
  test.beforeEach(async ({ page }: { page: Page }) => {
    const lines: string[] = [];
    logs.set(page, lines);
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') lines.push(`console.${msg.type()}: ${msg.text()}`);
    });
    page.on('pageerror', (error) => lines.push(`pageerror: ${error.message}`));
    page.on('requestfailed', (req) => {
      const failure = req.failure()?.errorText ?? '';
      // Media requests are aborted normally when a track changes; "csp" is
      // the blocked script of the no-js project.
      if (!/ERR_ABORTED/.test(failure) && failure !== 'csp') lines.push(`requestfailed: ${req.method()} ${req.url()} ${failure}`);
    });
  });
  test.afterEach(async ({ page }: { page: Page }, testInfo: TestInfo) => {
    const lines = logs.get(page) ?? [];
    if (lines.length === 0) return;
    await testInfo.attach('browser-console', { body: lines.join('\n'), contentType: 'text/plain' });
    if (testInfo.status !== testInfo.expectedStatus) {
      console.log(`[${testInfo.title}] browser console:\n  ${lines.join('\n  ')}`);
    }
  });
}

/* ------------------------------------------------------------------ */
/* Paths                                                               */
/* ------------------------------------------------------------------ */

export const END2END_DIR = path.resolve(__dirname, '..');
export const REPO_ROOT = path.resolve(END2END_DIR, '..');
export const ARTIFACTS_DIR = path.join(END2END_DIR, 'artifacts');
