import { test, expect, type Page } from '@playwright/test';
import { apiAlbums, signedUp, waitForHydration } from './helpers';

// The app hydrates in parts (app/src/hydration_break.rs): before the routed
// page, the friend activity and the player bar it yields to the browser
// with `scheduler.yield()`, so the start is several short tasks. These tests
// hold those breaks open (an init script makes `scheduler.yield()` wait for
// the test) to see what the browser does in them.

/** Makes `scheduler.yield()` wait until the page calls `releaseBreaks()`. */
async function holdBreaks(page: Page) {
  await page.addInitScript(() => {
    const w = window as any;
    const waiting: Array<() => void> = [];
    const yieldToBrowser = w.scheduler.yield.bind(w.scheduler);
    w.breaks = 0;
    w.breaksHeld = true;
    w.releaseBreaks = () => {
      w.breaksHeld = false;
      waiting.splice(0).forEach((go) => go());
    };
    w.scheduler.yield = () => {
      w.breaks += 1;
      return w.breaksHeld ? new Promise<void>((go) => waiting.push(go)) : yieldToBrowser();
    };
  });
}

test.describe('hydration in parts', () => {
  test.beforeEach(async ({ page }) => holdBreaks(page));

  async function openAtFirstBreak(page: Page) {
    const [album] = await apiAlbums(page.request);
    await page.goto(`/albums/${album.id}`);
    await page.waitForFunction(() => (window as any).breaks >= 1);
    await expect(page.locator('html')).not.toHaveAttribute('data-hydrated', /.*/);
    // Marks this document: a page loaded anew has no mark.
    await page.evaluate(() => ((window as any).sameDocument = true));
    return album;
  }

  const charts = (page: Page) =>
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Charts', exact: true });

  test('the page hydrates in three parts and then navigates in the app', async ({ page }) => {
    await openAtFirstBreak(page);
    await page.evaluate(() => (window as any).releaseBreaks());
    await waitForHydration(page);
    expect(await page.evaluate(() => (window as any).breaks)).toBe(3);

    await charts(page).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Charts');
    expect(await page.evaluate(() => (window as any).sameDocument), 'the router navigated in the page').toBe(true);
  });

  test('a link followed while the page hydrates opens as it would before the app started', async ({ page }) => {
    await openAtFirstBreak(page);
    // The router already listens, but nothing of the app may see input
    // until all of the page is hydrated: the browser follows the link.
    await charts(page).click();
    await expect(page).toHaveURL(/\/charts$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Charts');
    expect(await page.evaluate(() => (window as any).sameDocument), 'a new document').toBeUndefined();
  });

  test('nothing the app spawned starts before all of the page is hydrated', async ({ browser, baseURL }) => {
    // Signed in, the account check asks `/api/me` from an effect.
    const { page } = await signedUp(browser, baseURL, 'Held');
    await holdBreaks(page);
    await page.addInitScript(() => {
      const w = window as any;
      const fetch = w.fetch.bind(w);
      w.asked = [];
      w.fetch = (input: any, init: any) => {
        w.asked.push(new URL(input.url ?? input, location.href).pathname);
        return fetch(input, init);
      };
    });
    await openAtFirstBreak(page);
    // Three rounds of browser tasks: an effect started by one may spawn a
    // task that starts in the next.
    for (let round = 0; round < 3; round++) {
      await page.evaluate(
        () => new Promise((done) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = done;
          channel.port2.postMessage(null);
        }),
      );
    }
    expect(await page.evaluate(() => (window as any).asked), 'asked in a break').not.toContain('/api/me');
    await page.evaluate(() => (window as any).releaseBreaks());
    await waitForHydration(page);
    await expect.poll(() => page.evaluate(() => (window as any).asked)).toContain('/api/me');
    await page.context().close();
  });
});
