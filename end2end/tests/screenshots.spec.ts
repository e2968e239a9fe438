import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { ARTIFACTS_DIR, apiAlbums, captureConsole, open } from './helpers';

// Full-page screenshots at desktop and phone widths, kept under
// end2end/artifacts/ (and attached to the report), plus layout checks on
// phones: the player is docked at the bottom and nothing scrolls sideways.
captureConsole(test);

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 360, height: 740 },
] as const;

const PAGES = ['home', 'album'] as const;

test.describe('screenshots', { tag: '@nojs' }, () => {
  for (const name of PAGES) {
    for (const viewport of VIEWPORTS) {
      test(`${name} at ${viewport.width}px`, async ({ page, request }, testInfo) => {
        const url = name === 'home' ? '/' : `/albums/${(await apiAlbums(request))[0].id}`;
        await page.setViewportSize(viewport);
        const response = await open(page, url, testInfo);
        expect(response?.status()).toBe(200);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        // Covers are part of the picture: wait for the images in view.
        await page.waitForLoadState('load');
        await page.evaluate(() => document.fonts.ready.then(() => undefined));

        fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
        const file = path.join(ARTIFACTS_DIR, `${name}-${viewport.width}-${testInfo.project.name}.png`);
        const body = await page.screenshot({ path: file, fullPage: true });
        await testInfo.attach(path.basename(file), { body, contentType: 'image/png' });

        const player = page.getByRole('region', { name: 'Player' });
        await expect(player).toBeVisible();
        if (viewport.width === 360) {
          const box = await player.boundingBox();
          expect(box, 'player has a box').not.toBeNull();
          expect(Math.abs(box!.y + box!.height - viewport.height), 'player bottom at the viewport bottom').toBeLessThanOrEqual(2);
          expect(box!.width, 'player spans the width').toBeGreaterThanOrEqual(viewport.width - 2);
          const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
          expect(scrollWidth, 'no horizontal scrollbar').toBeLessThanOrEqual(viewport.width);
        }
      });
    }
  }
});
