import { test, expect, type Page } from '@playwright/test';
import {
  activeAudio,
  apiAlbums,
  apiTracks,
  blurFocus,
  captureConsole,
  expectAudioPast,
  open,
  openQueue,
  playerBar,
  queueTitles,
  savedPlayer,
  section,
  type Track,
} from './helpers';

// The player needs JavaScript: these tests run in the `hydrated` project only
// (they carry no @nojs tag).
captureConsole(test);

/** Opens the home page and plays "Fresh tracks" from its first row. */
async function playFreshTracks(page: Page, tracks: Track[]) {
  await open(page, '/');
  const fresh = section(page, 'Fresh tracks');
  await fresh.getByRole('button', { name: `Play ${tracks[0].title}`, exact: true }).click();
  await expectAudioPast(page, 0.2, `"${tracks[0].title}"`);
}

test.describe('player', () => {
  test('plays a track from the home page', async ({ page, request }) => {
    const tracks = await apiTracks(request, 12);
    const first = tracks[0];
    await open(page, '/');
    const player = playerBar(page);
    await expect(player.playPause).toHaveAccessibleName('Play');

    const row = section(page, 'Fresh tracks').getByRole('button', { name: `Play ${first.title}`, exact: true });
    await expect(row).toHaveCount(1);
    // Media events do not bubble, but a capturing listener on the document sees them.
    await page.evaluate(() => {
      (window as any).__firstPlaying = new Promise<number>((resolve) =>
        document.addEventListener('playing', () => resolve(performance.now()), { capture: true, once: true }),
      );
      // When Playwright starts to click (it first scrolls and waits for the
      // button to be stable), and when the click reaches the page.
      (window as any).__actionAt = performance.now();
      document.addEventListener('click', () => ((window as any).__clickAt = performance.now()), {
        capture: true,
        once: true,
      });
    });
    await row.click();

    await expectAudioPast(page, 1.0, `"${first.title}"`);
    await expect(player.nowPlaying).toHaveText(first.title);
    await expect(player.nowPlaying).toHaveAttribute('href', `/tracks/${first.id}`);
    await expect(player.playPause).toHaveAccessibleName('Pause');
    const audio = await activeAudio(page);
    expect(audio?.count, 'exactly one active audio element').toBe(1);
    expect(audio?.src).toBe(first.stream_url);
    await expect(player.elapsed).not.toHaveText('0:00');

    // A measurement for docs/benchmarks.md, not a pass/fail threshold.
    const [playingAt, actionAt, clickAt] = await page.evaluate(async () => [
      await (window as any).__firstPlaying,
      (window as any).__actionAt,
      (window as any).__clickAt,
    ]);
    const hydratedAt = await page.evaluate(() => performance.getEntriesByType('navigation')[0].toJSON().loadEventEnd);
    const ms = (t: number) => Math.round(t);
    const figure = `time to first audio: navigation start → playing ${ms(playingAt)} ms; click event → playing ${ms(playingAt - clickAt)} ms; click action → playing ${ms(playingAt - actionAt)} ms (load event at ${ms(hydratedAt)} ms)`;
    console.log(figure);
    test.info().annotations.push({ type: 'measurement', description: figure });
  });

  test('the next track is fetched only once the current one plays', async ({ page, request }) => {
    const tracks = await apiTracks(request, 12);
    const [first, next] = tracks;
    await open(page, '/');
    // When the first `playing` comes, and when each audio request starts
    // (resource timing; media requests are in it), on the page's clock.
    await page.evaluate(() => {
      (window as any).__firstPlaying = new Promise<number>((resolve) =>
        document.addEventListener('playing', () => resolve(performance.now()), { capture: true, once: true }),
      );
    });
    await section(page, 'Fresh tracks').getByRole('button', { name: `Play ${first.title}`, exact: true }).click();
    await expectAudioPast(page, 0.2, `"${first.title}"`);
    const startOf = (url: string) =>
      page.evaluate(
        (url) =>
          performance
            .getEntriesByType('resource')
            .filter((entry) => new URL(entry.name).pathname === url)
            .map((entry) => entry.startTime)[0] ?? null,
        url,
      );
    // The next track is preloaded (the standby element)...
    await expect.poll(() => startOf(next.stream_url), { message: `a request for ${next.stream_url}` }).not.toBeNull();
    // ...but only after the first one played: until then the first track
    // had the network to itself.
    const playingAt = await page.evaluate(() => (window as any).__firstPlaying);
    expect(await startOf(first.stream_url)).toBeLessThan(playingAt);
    expect(await startOf(next.stream_url)).toBeGreaterThanOrEqual(playingAt);
  });

  test('keeps playing across client-side navigation', async ({ page, request }) => {
    const tracks = await apiTracks(request, 12);
    const albums = await apiAlbums(request);
    await playFreshTracks(page, tracks);
    const player = playerBar(page);
    await page.evaluate(() => ((window as any).__marker = 1));

    // 1. An album card on the home page.
    const album = albums[0];
    const before = (await activeAudio(page))!.currentTime;
    await page.locator(`main a[href="/albums/${album.id}"]`).first().click();
    await expect(page).toHaveURL(new RegExp(`/albums/${album.id}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(album.title);
    expect(await page.evaluate(() => (window as any).__marker), 'no document reload').toBe(1);
    await expectAudioPast(page, before + 0.5, 'audio after navigating to the album');
    await expect(player.nowPlaying).toHaveText(tracks[0].title);
    await expect(player.playPause).toHaveAccessibleName('Pause');

    // 2. The now-playing artist link in the player bar.
    const artistLink = player.bar.locator(`a[href="/artists/${tracks[0].artist.id}"]`);
    await expect(artistLink).toHaveText(tracks[0].artist.name);
    const middle = (await activeAudio(page))!.currentTime;
    await artistLink.click();
    await expect(page).toHaveURL(new RegExp(`/artists/${tracks[0].artist.id}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(tracks[0].artist.name);
    expect(await page.evaluate(() => (window as any).__marker), 'no document reload').toBe(1);
    await expectAudioPast(page, middle + 0.5, 'audio after navigating to the artist');
    const audio = await activeAudio(page);
    expect(audio?.paused).toBe(false);
    await expect(player.nowPlaying).toHaveText(tracks[0].title);
  });

  test('Next track plays the following row', async ({ page, request }) => {
    const tracks = await apiTracks(request, 12);
    expect(tracks.length).toBeGreaterThan(1);
    await playFreshTracks(page, tracks);
    const player = playerBar(page);

    await player.next.click();
    await expect(player.nowPlaying).toHaveText(tracks[1].title);
    await expect.poll(async () => (await activeAudio(page))?.src).toBe(tracks[1].stream_url);
    await expectAudioPast(page, 0.5, `"${tracks[1].title}" after Next`);
    await expect(player.playPause).toHaveAccessibleName('Pause');
    // The previous track's element is no longer playing.
    const playing = await page.evaluate(() =>
      Array.from(document.querySelectorAll('section[aria-label="Player"] audio')).filter(
        (a) => !(a as HTMLAudioElement).paused,
      ).length,
    );
    expect(playing, 'one audio element plays at a time').toBe(1);
  });

  test('edits the queue', async ({ page, request }) => {
    const many = await apiTracks(request, 100);
    const fresh = many.slice(0, 12);
    const freshTitles = new Set(fresh.map((t) => t.title));
    // A track that is not on the home page, added from its album's page.
    const extra = many.slice(12).find((t) => !freshTitles.has(t.title));
    expect(extra, 'the demo catalog has more than 12 tracks').toBeTruthy();

    await playFreshTracks(page, fresh);
    const panel = await openQueue(page);
    expect(await queueTitles(page)).toEqual(fresh.map((t) => t.title));
    await expect(panel).toContainText(`${fresh.length} tracks`);

    // Add (from the album page, reached by a client-side link). The panel is
    // closed meanwhile: on wide screens it covers the right of the page.
    await playerBar(page).queue.click();
    await expect(panel).toBeHidden();
    await page.locator(`main a[href="/albums/${extra!.album.id}"]`).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(extra!.album.title);
    await page.locator('main').getByRole('button', { name: `Add ${extra!.title} to queue`, exact: true }).first().click();
    await openQueue(page);
    await expect.poll(() => queueTitles(page)).toEqual([...fresh.map((t) => t.title), extra!.title]);
    await expect(panel).toContainText(`${fresh.length + 1} tracks`);

    // Move up: it swaps places with the entry before it.
    await panel.getByRole('button', { name: `Move ${extra!.title} up`, exact: true }).click();
    const moved = [...fresh.slice(0, -1).map((t) => t.title), extra!.title, fresh[fresh.length - 1].title];
    await expect.poll(() => queueTitles(page)).toEqual(moved);

    // Move down: back again.
    await panel.getByRole('button', { name: `Move ${extra!.title} down`, exact: true }).click();
    await expect.poll(() => queueTitles(page)).toEqual([...fresh.map((t) => t.title), extra!.title]);

    // Remove.
    await panel.getByRole('button', { name: `Remove ${extra!.title} from the queue`, exact: true }).click();
    await expect.poll(() => queueTitles(page)).toEqual(fresh.map((t) => t.title));

    // The current track is unaffected by the edits.
    await expect(playerBar(page).nowPlaying).toHaveText(fresh[0].title);

    // Clear.
    await panel.getByRole('button', { name: 'Clear queue', exact: true }).click();
    await expect.poll(() => queueTitles(page)).toEqual([]);
    await expect(panel).toContainText('0 tracks');
    await expect(playerBar(page).nowPlaying).toHaveCount(0);
    await expect(playerBar(page).playPause).toHaveAccessibleName('Play');
  });

  test('a reload restores the queue, paused', async ({ page, request }) => {
    const tracks = await apiTracks(request, 12);
    await playFreshTracks(page, tracks);
    const player = playerBar(page);
    await expectAudioPast(page, 2.5, 'playback before the reload');
    // The position is saved every few seconds while playing.
    await expect
      .poll(async () => (await savedPlayer(page))?.position ?? 0, { message: 'saved position', timeout: 15_000 })
      .toBeGreaterThan(1.5);
    await openQueue(page);
    const before = await queueTitles(page);
    expect(before).toEqual(tracks.map((t) => t.title));

    await page.reload();
    await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });

    await expect(player.nowPlaying).toHaveText(tracks[0].title);
    await expect(player.playPause).toHaveAccessibleName('Play');
    await openQueue(page);
    await expect.poll(() => queueTitles(page)).toEqual(before);
    const audio = await activeAudio(page);
    expect(audio?.paused, 'the restored player is paused').toBe(true);
    // The position comes back too.
    await expect(player.elapsed).not.toHaveText('0:00');
    await expect
      .poll(async () => (await activeAudio(page))?.currentTime ?? 0, { message: 'restored position' })
      .toBeGreaterThan(1);
  });

  test('shuffle, repeat and keyboard shortcuts', async ({ page, request }) => {
    const tracks = await apiTracks(request, 12);
    await playFreshTracks(page, tracks);
    const player = playerBar(page);

    // Shuffle toggles.
    await expect(player.shuffle).toHaveAttribute('aria-pressed', 'false');
    await player.shuffle.click();
    await expect(player.shuffle).toHaveAttribute('aria-pressed', 'true');
    await player.shuffle.click();
    await expect(player.shuffle).toHaveAttribute('aria-pressed', 'false');
    // Shuffle off restores the list order.
    await openQueue(page);
    await expect.poll(() => queueTitles(page)).toEqual(tracks.map((t) => t.title));

    // Repeat cycles off → all → one → off.
    await expect(player.repeat).toHaveAttribute('data-mode', 'off');
    await expect(player.repeat).toHaveAttribute('aria-pressed', 'false');
    for (const mode of ['all', 'one', 'off']) {
      await player.repeat.click();
      await expect(player.repeat).toHaveAttribute('data-mode', mode);
      await expect(player.repeat).toHaveAttribute('aria-pressed', mode === 'off' ? 'false' : 'true');
    }

    // Keyboard: keys go to the page, not to a focused control.
    await blurFocus(page);

    await page.keyboard.press('Space');
    await expect(player.playPause).toHaveAccessibleName('Play');
    await expect.poll(async () => (await activeAudio(page))?.paused).toBe(true);

    await page.keyboard.press('Space');
    await expect(player.playPause).toHaveAccessibleName('Pause');
    await expect.poll(async () => (await activeAudio(page))?.paused).toBe(false);

    const t0 = (await activeAudio(page))!.currentTime;
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(async () => (await activeAudio(page))!.currentTime, { message: 'ArrowRight seeks +5 s' })
      .toBeGreaterThanOrEqual(t0 + 4.5);

    await page.keyboard.press('m');
    await expect(player.mute).toHaveAccessibleName('Unmute');
    await expect.poll(async () => (await activeAudio(page))?.muted).toBe(true);
    await page.keyboard.press('m');
    await expect(player.mute).toHaveAccessibleName('Mute');
    await expect.poll(async () => (await activeAudio(page))?.muted).toBe(false);

    await page.keyboard.press('Shift+ArrowRight');
    await expect(player.nowPlaying).toHaveText(tracks[1].title);
    await expectAudioPast(page, 0.3, `"${tracks[1].title}" after Shift+ArrowRight`);
  });
});
