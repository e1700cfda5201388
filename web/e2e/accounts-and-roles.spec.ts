import type { Page, Route } from '@playwright/test';
import { expect, test } from './fixtures';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './settings.mjs';
import { account, header, signIn, submitSignIn, submitSignUp, uniqueSuffix } from './support';

const customer = account('Hana Sato', 'hana', uniqueSuffix());

async function signOut(page: Page) {
  await header(page).getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(header(page).getByRole('link', { name: 'Sign in' })).toBeVisible();
}

test('a customer signs up, keeps the session across reloads, and becomes an approver', async ({
  page,
  context,
  openContext,
  shot,
  expectConsoleError,
}) => {
  await test.step('the landing page leads to the catalog, which works signed out', async () => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: /^AI services for your business/ })).toBeVisible();
    await shot(page, 'landing');
    await page.getByRole('main').getByRole('link', { name: 'Browse the catalog' }).click();
    await expect(page).toHaveURL(/\/catalog$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Catalog' })).toBeVisible();
    await expect(page.getByRole('searchbox', { name: 'Search', exact: true })).toBeVisible();
    await expect(page.getByLabel('Category')).toBeVisible();
    await expect(page.getByText(/products|No products yet/).first()).toBeVisible();
    await shot(page, 'catalog');
  });

  await test.step('sign-up checks the fields before asking the server', async () => {
    await header(page).getByRole('link', { name: 'Sign up' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Create your account' })).toBeVisible();
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByText('Enter your name.')).toBeVisible();
    await expect(page.getByText('Enter an email address like name@example.com.')).toBeVisible();
    await expect(page.getByText('The password needs at least 8 characters.')).toBeVisible();
    await expect(page.getByLabel('Name')).toBeFocused();
    await shot(page, 'sign-up-errors');
  });

  await test.step('sign up and see my name', async () => {
    await submitSignUp(page, customer);
    await expect(page).toHaveURL(/\/me$/);
    await expect(page.getByTestId('profile-name')).toHaveText(customer.name);
    await expect(header(page).getByTestId('current-user')).toHaveText(customer.name);
    await expect(header(page).getByRole('link', { name: 'My orders' })).toBeVisible();
    await expect(header(page).getByRole('link', { name: 'Approvals' })).toHaveCount(0);
    await expect(header(page).getByRole('link', { name: 'Admin', exact: true })).toHaveCount(0);
    await expect(header(page).getByRole('status')).toHaveText(/Live|Connecting…|Reconnecting…|Offline/);
    await shot(page, 'profile');
  });

  await test.step('sign out, then sign in again', async () => {
    await signOut(page);
    await shot(page, 'sign-in');
    expectConsoleError(/status of 401 .*\/api\/auth\/login\)$/);
    await submitSignIn(page, customer.email, 'a wrong password');
    await expect(page.getByRole('alert')).toHaveText('The email or password is not right.');
    await page.getByLabel('Password').fill(customer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/catalog$/);
    await expect(header(page).getByTestId('current-user')).toHaveText(customer.name);
  });

  await test.step('a reload and a deep link keep the session', async () => {
    await page.reload();
    await expect(header(page).getByTestId('current-user')).toHaveText(customer.name);
    await page.goto('/me');
    await expect(page.getByTestId('profile-name')).toHaveText(customer.name);
  });

  await test.step('tabs opened at once share the rotating refresh token', async () => {
    // A new tab has no access token yet and spends the shared refresh token. Holding every refresh
    // for a moment makes the tabs' refreshes overlap: without the cross-tab lock and a store that
    // every tab reads consistently, two tabs would present the same token and the server's reuse
    // detection would end the session.
    const slowRefresh = async (route: Route) => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await route.continue();
    };
    await context.route('**/api/auth/refresh', slowRefresh);
    for (let round = 0; round < 2; round += 1) {
      const tabs = await Promise.all([context.newPage(), context.newPage(), context.newPage()]);
      await Promise.all(tabs.map((tab) => tab.goto('/me')));
      for (const tab of tabs) {
        await expect(tab.getByTestId('profile-name')).toHaveText(customer.name);
      }
      await Promise.all(tabs.map((tab) => tab.close()));
    }
    await context.unroute('**/api/auth/refresh', slowRefresh);
    await page.reload();
    await expect(header(page).getByTestId('current-user')).toHaveText(customer.name);
  });

  await test.step('an admin makes the customer an approver', async () => {
    const adminContext = await openContext();
    const admin = await adminContext.newPage();
    await signIn(admin, ADMIN_EMAIL, ADMIN_PASSWORD);
    await header(admin).getByRole('link', { name: 'Admin', exact: true }).click();
    await admin.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Users and roles' }).click();
    await expect(admin.getByRole('heading', { level: 1, name: 'Users and roles' })).toBeVisible();
    await admin.getByRole('searchbox', { name: 'Search by email or name' }).fill(customer.email);
    const row = admin.getByTestId(`user-row-${customer.email}`);
    await expect(row).toBeVisible();
    await expect(admin.getByRole('row')).toHaveCount(2); // the header and the one match
    await row.getByRole('button', { name: `Edit roles of ${customer.name}` }).click();
    await row.getByRole('checkbox', { name: 'Approver' }).check();
    await shot(admin, 'admin-users-editing');
    await row.getByRole('button', { name: 'Save' }).click();
    await expect(row.getByRole('list', { name: 'Roles' })).toContainText('Approver');
    await shot(admin, 'admin-users');
  });

  await test.step('after signing in again the customer has the approvals inbox', async () => {
    await signOut(page);
    await submitSignIn(page, customer.email, customer.password);
    await expect(header(page).getByTestId('current-user')).toHaveText(customer.name);
    await header(page).getByRole('link', { name: 'Approvals' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Approvals' })).toBeVisible();
    await expect(header(page).getByRole('link', { name: 'Admin', exact: true })).toHaveCount(0);
    await shot(page, 'approvals');
  });

  await test.step('the UI speaks Japanese, and keeps the choice', async () => {
    await page.goto('/me');
    await header(page).getByLabel('Language').selectOption('ja');
    await expect(page.getByRole('heading', { level: 1, name: 'プロフィール' })).toBeVisible();
    await page.reload();
    await expect(header(page).getByRole('link', { name: 'カタログ' })).toBeVisible();
    await expect(header(page).getByRole('link', { name: '承認' })).toBeVisible();
    await expect(page.getByTestId('profile-name')).toHaveText(customer.name);
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    await shot(page, 'profile-ja');
    await header(page).getByLabel('言語').selectOption('en');
  });

  await test.step('at 360 px the navigation folds into a menu and nothing overflows', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/catalog');
    const menu = header(page).getByRole('button', { name: 'Menu' });
    await expect(menu).toBeVisible();
    await expect(header(page).getByRole('link', { name: 'My orders' })).toBeHidden();
    await menu.click();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await expect(header(page).getByRole('link', { name: 'My orders' })).toBeVisible();
    await shot(page, 'mobile-menu');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
