import type { BrowserContext } from '@playwright/test';
import { expect, test } from './fixtures';
import { account, header, register, signIn, uniqueSuffix } from './support';

const customer = account('Ren Ito', 'ren', uniqueSuffix());

/**
 * Signs in in a tab, revokes its refresh token behind the browser's back (as an expiry or a
 * sign-out elsewhere does) and closes the tab: the next tab holds only a dead refresh token.
 */
async function leaveARevokedSession(context: BrowserContext) {
  const page = await context.newPage();
  await signIn(page, customer.email, customer.password);
  const refreshToken = await page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const opened = indexedDB.open('miyabi', 1);
        opened.onerror = () => reject(new Error('IndexedDB cannot be opened'));
        opened.onsuccess = () => {
          const read = opened.result.transaction('session').objectStore('session').get('miyabi.refreshToken');
          read.onsuccess = () => resolve(read.result as string);
          read.onerror = () => reject(new Error('The refresh token cannot be read'));
        };
      }),
  );
  expect(refreshToken).toBeTruthy();
  const logout = await page.request.post('/api/auth/logout', { data: { refreshToken } });
  expect(logout.status()).toBe(204);
  await page.close();
}

test('a session whose refresh token was revoked ends at once: public pages signed out, private ones at sign-in', async ({
  context,
  page,
  expectConsoleError,
}) => {
  await register(page.request, customer);
  await page.close();
  expectConsoleError(/status of 401 .*\/api\/auth\/refresh\)$/);

  await test.step('a new tab on the catalog shows the products, signed out', async () => {
    await leaveARevokedSession(context);
    const tab = await context.newPage();
    await tab.goto('/catalog');
    await expect(tab.getByRole('heading', { level: 1, name: 'Catalog' })).toBeVisible();
    await expect(tab.getByText(/^\d+ products?$/)).toBeVisible({ timeout: 5_000 });
    await expect(header(tab).getByRole('link', { name: 'Sign in' })).toBeVisible();
    await expect(header(tab).getByTestId('current-user')).toHaveCount(0);
    await expect(tab.getByText('Loading…')).toHaveCount(0);
    await tab.close();
  });

  await test.step('a new tab on a private page goes to sign-in, keeping the address', async () => {
    await leaveARevokedSession(context);
    const tab = await context.newPage();
    await tab.goto('/orders');
    await expect(tab).toHaveURL(/\/sign-in\?next=%2Forders$/, { timeout: 5_000 });
    await expect(tab.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await expect(header(tab).getByTestId('current-user')).toHaveCount(0);
  });
});
