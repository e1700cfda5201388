import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { ADMIN_EMAIL, ADMIN_PASSWORD, SERVER_LOG } from './settings.mjs';
import { account, apiAs, header, productId, register, signIn, uniqueSuffix } from './support';

const unique = uniqueSuffix();

/** The reset link the server logged for `email` (no SMTP server in the zero-setup mode), as a path. */
function loggedResetLink(email: string): string | null {
  const pattern = new RegExp(
    `Password reset requested for ${email.replace(/[.+]/g, '\\$&')} .*?(/reset-password#token=[A-Za-z0-9_-]+)`,
  );
  return pattern.exec(readFileSync(SERVER_LOG, 'utf8'))?.[1] ?? null;
}

test('a customer who forgot the password resets it by the link and signs in with the new one', async ({
  page,
  request,
  shot,
}) => {
  const customer = account('Ren Mori', 'ren', unique);
  const newPassword = 'a completely new passphrase';
  await register(request, customer);

  await test.step('ask for a link from the sign-in page', async () => {
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await expect(page).toHaveURL(/\/forgot-password$/);
    await page.getByLabel('Email').fill(customer.email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await expect(page.getByText('Check your email')).toBeVisible();
    await shot(page, 'forgot-password-sent');
  });

  let link = '';
  await test.step('the link arrives (in the server log: no SMTP server is configured)', async () => {
    await expect.poll(() => loggedResetLink(customer.email), { timeout: 15_000 }).not.toBeNull();
    link = loggedResetLink(customer.email)!;
  });

  await test.step('choose a new password', async () => {
    await page.goto(link);
    await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible();
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('New password, again').fill(newPassword);
    await shot(page, 'reset-password');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await expect(page.getByText('Password changed')).toBeVisible();
  });

  await test.step('the link works once', async () => {
    const again = await request.post('/api/auth/password-reset/confirm', {
      data: { token: link.split('token=')[1], password: 'yet another passphrase' },
    });
    expect(again.status()).toBe(400);
    expect(
      (await request.post('/api/auth/login', { data: { email: customer.email, password: customer.password } })).status(),
    ).toBe(401);
  });

  await test.step('sign in with the new password', async () => {
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await signIn(page, customer.email, newPassword);
    await expect(header(page).getByTestId('current-user')).toHaveText(customer.name);
  });
});

test('an admin finds a customer’s order among all orders and refunds part of its payment', async ({ page, request, shot }) => {
  const customer = account('Sora Kato', 'sora', unique);
  const registered = await register(request, customer);
  const buyer = apiAs(request, registered);
  const order = await buyer.post('/api/orders', {
    productId: await productId(request, 'Technical Support: Priority'),
    quantity: 1,
  });
  const paid = await request.post(`/api/orders/${order.id}/payments`, {
    headers: buyer.headers({ 'Idempotency-Key': `${order.id}-visa` }),
    data: { paymentMethod: 'pm_card_visa' },
  });
  expect(paid.status()).toBe(201);

  await test.step('the admin’s own orders are theirs; all orders are under Admin → Orders', async () => {
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto('/orders');
    await expect(page.getByTestId(`order-row-${order.id}`)).toHaveCount(0);
    await page.goto('/admin');
    await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Orders' }).click();
    await expect(page).toHaveURL(/\/admin\/orders$/);
    await expect(page.getByRole('heading', { level: 1, name: 'All orders' })).toBeVisible();
    const row = page.getByTestId(`admin-order-row-${order.id}`);
    await expect(row).toBeVisible();
    await row.getByRole('button', { name: /^Customer / }).click();
    await expect(page).toHaveURL(new RegExp(`userId=${registered.user.id}`));
    await expect(page.getByTestId(`admin-order-row-${order.id}`)).toBeVisible();
    await shot(page, 'admin-orders');
    await page.getByTestId(`admin-order-row-${order.id}`).getByRole('link', { name: 'Technical Support: Priority' }).click();
  });

  await test.step('the order offers the way back to all orders and a refund', async () => {
    await expect(page.getByRole('link', { name: '← Back to all orders' })).toHaveAttribute('href', '/admin/orders');
    await page.getByRole('button', { name: 'Refund this payment…' }).click();
    await expect(page.getByText('Refundable: $99.00 of $99.00')).toBeVisible();
    await page.getByLabel('Amount (USD)').fill('30.00');
    await page.getByLabel('Reason (optional)').fill('Goodwill for the late answer');
    await shot(page, 'admin-refund-form');
    await page.getByRole('button', { name: 'Refund', exact: true }).click();
    await expect(page.getByText('Refunded $30.00.')).toBeVisible();
    await expect(page.getByText('Partially refunded')).toBeVisible();
    const refund = page.locator('[data-testid^="refund-"]');
    await expect(refund).toHaveCount(1);
    await expect(refund).toContainText('Refunded');
    await expect(refund).toContainText('$30.00 on');
    await expect(refund).toContainText('Goodwill for the late answer');
  });

  await test.step('the customer sees the refund on the order', async () => {
    const payments = await buyer.get(`/api/orders/${order.id}/payments`);
    expect(payments.items[0].status).toBe('partially_refunded');
    expect(payments.items[0].refundedAmount).toEqual({ amount: '30.00', currency: 'USD' });
  });
});
