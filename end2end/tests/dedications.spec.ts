import { test, expect } from '@playwright/test';
import { apiAlbum, apiAlbums, captureConsole, open, signedUp } from './helpers';

// Sending a friend a song (iLike's dedication): one friend sends a track
// with a message from its page; the other, on another page in another
// browser context, sees the header's unread count go up live, reads the
// song and the message in Notifications and marks them read.
captureConsole(test);

test.describe('Send to a friend', () => {
  test('a song sent with a message arrives as a live notification', async ({ browser, baseURL }) => {
    const ada = await signedUp(browser, baseURL, 'Ada');
    const bob = await signedUp(browser, baseURL, 'Bob');
    expect((await ada.page.request.post(`/api/friends/${bob.username}`)).status()).toBe(200);
    expect((await bob.page.request.post(`/api/friends/${ada.username}`)).status()).toBe(200);
    const [album] = await apiAlbums(ada.page.request);
    const track = (await apiAlbum(ada.page.request, album.id)).tracks[0];

    // Bob is on the home page, live; Ada's friend request is his one unread.
    await open(bob.page, '/');
    const sidebar = bob.page.getByRole('complementary', { name: 'Friend activity' });
    await expect(sidebar.locator('.live-status')).toHaveAttribute('data-status', 'live');
    const bell = bob.page.getByRole('banner').getByRole('link', { name: /^Notifications/ });
    await expect(bell).toHaveAccessibleName('Notifications, 1 unread');

    // Ada sends the track from its page.
    await open(ada.page, `/tracks/${track.id}`);
    await ada.page.getByRole('link', { name: 'Send to a friend' }).click();
    await expect(ada.page.getByRole('heading', { level: 1, name: 'Send to a friend' })).toBeVisible();
    await expect(ada.page.getByText(track.title, { exact: true })).toBeVisible();
    await ada.page.getByLabel('Friend', { exact: true }).selectOption({ label: 'Bob' });
    await ada.page.getByLabel('Message', { exact: true }).fill('This one is for you');
    await ada.page.getByRole('button', { name: 'Send' }).click();
    await expect(ada.page.getByRole('status')).toHaveText(`Sent ${track.title} to Bob.`);

    // Bob's count goes up without a reload; the notification names the song and the message.
    await expect(bell).toHaveAccessibleName('Notifications, 2 unread', { timeout: 5_000 });
    await bell.click();
    await expect(bob.page).toHaveURL(/\/notifications$/);
    const list = bob.page.getByRole('list', { name: 'Your notifications' });
    const first = list.getByRole('listitem').first();
    await expect(first).toContainText(`Ada sent you ${track.title}`);
    await expect(first).toContainText('This one is for you');
    await expect(first.getByRole('link', { name: track.title })).toHaveAttribute('href', `/tracks/${track.id}`);
    await expect(list.getByRole('listitem').nth(1)).toContainText('Ada wants to be friends.');

    await bob.page.getByRole('button', { name: 'Mark all as read' }).click();
    await expect(bell).toHaveAccessibleName('Notifications', { timeout: 5_000 });
    await expect(bob.page.getByRole('button', { name: 'Mark all as read' })).toBeDisabled();

    // A stranger's name is not among Ada's choices: only friends are.
    const options = await ada.page.getByLabel('Friend', { exact: true }).locator('option').allTextContents();
    expect(options).toEqual(['Bob']);
  });
});
