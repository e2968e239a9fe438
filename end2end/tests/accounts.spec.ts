import { test, expect, type Page } from '@playwright/test';
import { captureConsole, open } from './helpers';

// Accounts in the browser: sign up, see yourself in the header, change
// settings, log out, log in. Runs hydrated only (the forms need JavaScript).
captureConsole(test);

const PASSWORD = 'correct horse battery';

/** A username no earlier run used (the data folder is shared within a run). */
function freshUsername(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`.slice(0, 30);
}

const accountMenu = (page: Page) => page.getByTestId('account-menu');

async function signUp(page: Page, username: string, displayName: string) {
  await open(page, '/signup');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Display name').fill(displayName);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page).toHaveURL(/\/$/);
}

test.describe('accounts', () => {
  test('a visitor sees Log in and Sign up, and no session cookie', async ({ page, context }) => {
    await open(page, '/');
    await expect(accountMenu(page).getByRole('link', { name: 'Log in' })).toBeVisible();
    await expect(accountMenu(page).getByRole('link', { name: 'Sign up' })).toBeVisible();
    const cookies = await context.cookies();
    expect(cookies.map((c) => c.name)).not.toContain('chorus_session');
  });

  test('sign up, see yourself in the header, log out and log back in', async ({ page, context }) => {
    const username = freshUsername('ada');
    await signUp(page, username, 'Ada Lovelace');
    await expect(accountMenu(page).getByRole('link', { name: 'Settings for Ada Lovelace' })).toBeVisible();
    const session = (await context.cookies()).find((c) => c.name === 'chorus_session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Lax');
    // The hint the page reads to know it should ask who is signed in.
    const hint = (await context.cookies()).find((c) => c.name === 'chorus_signed_in');
    expect(hint?.value).toBe('1');
    expect(hint?.httpOnly).toBe(false);

    // The header is filled after hydration, so it survives a reload too.
    await open(page, '/');
    await expect(accountMenu(page).getByRole('link', { name: 'Settings for Ada Lovelace' })).toBeVisible();

    await accountMenu(page).getByRole('link', { name: 'Settings for Ada Lovelace' }).click();
    await expect(page).toHaveURL(/\/settings$/);
    await expect(page.locator('dl.facts')).toContainText(username);
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(accountMenu(page).getByRole('link', { name: 'Log in' })).toBeVisible();

    await accountMenu(page).getByRole('link', { name: 'Log in' }).click();
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(accountMenu(page).getByRole('link', { name: 'Settings for Ada Lovelace' })).toBeVisible();
  });

  test('a wrong password is refused with a message', async ({ page }) => {
    const username = freshUsername('bob');
    await signUp(page, username, 'Bob');
    await page.context().clearCookies();
    await open(page, '/login');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByRole('alert')).toHaveText('wrong username or password');
    await expect(page).toHaveURL(/\/login$/);
  });

  test('a taken username is explained on the sign-up form', async ({ page }) => {
    const username = freshUsername('cy');
    await signUp(page, username, 'Cy');
    await page.context().clearCookies();
    await open(page, '/signup');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Display name').fill('Another Cy');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await expect(page.getByRole('alert')).toHaveText('that username is taken');
  });

  test('settings change privacy and the password', async ({ page, request }) => {
    const username = freshUsername('dee');
    await signUp(page, username, 'Dee');
    await open(page, '/settings');
    // What is typed in the password form stays while the privacy is saved.
    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByLabel('Only me (private)').check();
    const privacy = page.getByRole('group', { name: 'Who sees what you play and like' });
    await expect(privacy.getByRole('status')).toHaveText('Saved.');
    expect(await (await page.request.get('/api/me')).json().then((me) => me.privacy)).toBe('private');
    await expect(page.getByLabel('Only me (private)')).toBeChecked();
    await expect(page.getByLabel('Current password')).toHaveValue(PASSWORD);

    await page.getByLabel('New password').fill('a whole new secret');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Password changed' })).toBeVisible();

    const old = await request.post('/api/auth/login', { data: { username, password: PASSWORD } });
    expect(old.status()).toBe(401);
    const fresh = await request.post('/api/auth/login', { data: { username, password: 'a whole new secret' } });
    expect(fresh.status()).toBe(200);
  });
});

test.describe('listening with friends', () => {
  test("a signed-in listener's playback reaches a friend's feed", async ({ page, playwright, baseURL }) => {
    const bobName = freshUsername('bob');
    const adaName = freshUsername('ada');
    await signUp(page, bobName, 'Bob');

    // Ada uses the API from her own session.
    const ada = await playwright.request.newContext({ baseURL });
    const signup = await ada.post('/api/auth/signup', {
      data: { username: adaName, display_name: 'Ada', password: PASSWORD },
    });
    expect(signup.status()).toBe(201);
    expect((await ada.post(`/api/friends/${bobName}`)).status()).toBe(200);
    const accept = await page.request.post(`/api/friends/${adaName}`);
    expect(await accept.json()).toEqual({ status: 'friends' });

    // Bob plays the first fresh track in the browser.
    const tracks = await (await page.request.get('/api/tracks?limit=1')).json();
    const track = tracks.items[0];
    await open(page, '/');
    await page
      .locator('main section')
      .filter({ has: page.getByRole('heading', { name: 'Fresh tracks', exact: true }) })
      .getByRole('button', { name: `Play ${track.title}`, exact: true })
      .click();

    await expect
      .poll(async () => {
        const feed = await (await ada.get('/api/feed')).json();
        return feed.items.find((i: any) => i.kind === 'now_playing' && i.user.username === bobName)?.track?.id;
      })
      .toBe(track.id);
    await ada.dispose();
  });
});
