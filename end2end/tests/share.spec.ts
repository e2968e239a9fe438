import { expect, test } from '@playwright/test';
import { apiAlbums, jsEnabled, open } from './helpers';

test.describe('Share', () => {
  test('uses the Web Share API where the browser has it', async ({ page, request, baseURL }, testInfo) => {
    test.skip(!jsEnabled(testInfo), 'a script');
    await page.addInitScript(() => {
      const shared: ShareData[] = [];
      (window as unknown as { shared: ShareData[] }).shared = shared;
      Object.defineProperty(Navigator.prototype, 'share', {
        configurable: true,
        value: async (data: ShareData) => {
          shared.push(data);
        },
      });
    });
    const album = (await apiAlbums(request))[0];
    await open(page, `/albums/${album.id}`, testInfo);
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { shared: ShareData[] }).shared))
      .toEqual([{ title: `${album.title} by ${album.artist.name} · Chorus`, url: `${baseURL}/albums/${album.id}` }]);
  });

  test('copies the link where there is no Web Share API', async ({ page, context, request, baseURL }, testInfo) => {
    test.skip(!jsEnabled(testInfo), 'a script');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
    await page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'share', { configurable: true, value: undefined });
    });
    const album = (await apiAlbums(request))[0];
    await open(page, `/artists/${album.artist.id}`, testInfo);
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}/artists/${album.artist.id}`);
  });

  test('is not offered without script @nojs', async ({ page, request }, testInfo) => {
    test.skip(jsEnabled(testInfo), 'the page as served');
    const album = (await apiAlbums(request))[0];
    await open(page, `/albums/${album.id}`, testInfo);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(album.title);
    await expect(page.getByRole('button', { name: 'Share', exact: true })).toBeHidden();
  });
});
