import { expect, test } from '@playwright/test';
import { apiAlbum, apiAlbums } from './helpers';

// Another site embedding Chorus, found through oEmbed as a site would: a
// page of another origin — the same loopback server by another host name
// (a public origin may not frame a loopback one: Private Network Access) —
// whose iframe is Chorus's embed page.
test('an album embed plays inside an iframe on another origin', async ({ page, request, baseURL }) => {
  const album = (await apiAlbums(request))[0];
  const detail = await apiAlbum(request, album.id);
  const link = `${baseURL}/albums/${album.id}`;
  const oembed = await request.get(`/api/oembed?url=${encodeURIComponent(link)}&format=json`);
  expect(oembed.status()).toBe(200);
  const { html } = await oembed.json();
  const other = new URL(baseURL!);
  other.hostname = other.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  await page.goto(`${other.origin}/healthz`);
  await page.setContent(`<!DOCTYPE html><html lang="en"><title>A blog</title><h1>Listen</h1>${html}</html>`);
  expect(await page.evaluate(() => location.origin)).toBe(other.origin);
  expect(html).toContain(new URL(baseURL!).origin);

  const embed = page.frameLocator('iframe');
  await expect(embed.getByRole('link', { name: album.title })).toBeVisible();
  // The second track of the list, clicked in the frame.
  const second = detail.tracks[1];
  await embed.getByRole('button', { name: `2. ${second.title}` }).click();
  const audio = embed.locator('audio');
  await expect
    .poll(async () => audio.evaluate((a: HTMLAudioElement) => (a.paused ? -1 : a.currentTime)), {
      message: 'the embed plays',
    })
    .toBeGreaterThan(0.5);
  expect(await audio.evaluate((a: HTMLAudioElement) => a.currentSrc)).toContain(second.stream_url);
  // And seeks.
  await audio.evaluate((a: HTMLAudioElement) => {
    a.currentTime = 10;
  });
  await expect.poll(async () => audio.evaluate((a: HTMLAudioElement) => a.currentTime)).toBeGreaterThan(10.2);
});
