import { test, expect } from '@playwright/test';
import {
  apiAlbum,
  apiAlbums,
  captureConsole,
  expectAudioPast,
  freshUsername,
  open,
  PASSWORD,
  playerBar,
} from './helpers';

// The library: an album liked from its page and a liked track gather on
// /library, where Liked songs plays like a playlist.
captureConsole(test);

test.describe('Library', () => {
  test('liked songs and a liked album gather in the library, and liked songs play', async ({ page }) => {
    const signup = await page.request.post('/api/auth/signup', {
      data: { username: freshUsername('lib'), display_name: 'Lib', password: PASSWORD },
    });
    expect(signup.status()).toBe(201);
    const [album] = await apiAlbums(page.request);
    const detail = await apiAlbum(page.request, album.id);
    const track = detail.tracks[0];

    await open(page, `/albums/${album.id}`);
    const like = page.getByRole('button', { name: `Like ${album.title}`, exact: true });
    await like.click();
    await expect(like).toHaveAttribute('aria-pressed', 'true');
    expect((await page.request.put(`/api/tracks/${track.id}/like`)).status()).toBe(200);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your library' })).toBeVisible();
    const liked = page.getByRole('region', { name: 'Liked songs' });
    await expect(liked.getByRole('listitem')).toHaveCount(1);
    await expect(liked).toContainText(track.title);
    await expect(page.getByRole('link', { name: `${album.title} by ${album.artist.name}` })).toBeVisible();

    await page.getByRole('button', { name: 'Play liked songs' }).click();
    await expect(playerBar(page).bar).toContainText(track.title);
    await expectAudioPast(page, 0.5);
  });
});
