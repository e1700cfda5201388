import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './settings.mjs';
import { account, apiAs, header, login, productId, register, signIn, uniqueSuffix } from './support';

const unique = uniqueSuffix();
const customer = account('Kenji Mori', 'kenji', unique);
const productName = `E2E Workshop ${unique}`;

/**
 * What a chart cuts off: axis labels reaching past the edge of their chart (an SVG shows nothing
 * outside itself), points reaching past the plot area, and key figures that wrap ("160 / ms").
 */
function chartFaults(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const faults: string[] = [];
    for (const svg of document.querySelectorAll('svg.recharts-surface')) {
      const box = svg.getBoundingClientRect();
      for (const tick of svg.querySelectorAll('.recharts-cartesian-axis-tick-value')) {
        const rect = tick.getBoundingClientRect();
        if (rect.left < box.left - 0.5 || rect.right > box.right + 0.5) faults.push(`axis label "${tick.textContent}" is cut`);
      }
      const plot = svg.querySelector('.recharts-cartesian-grid-horizontal')?.getBoundingClientRect();
      if (plot) {
        for (const dot of svg.querySelectorAll('.recharts-dot')) {
          const rect = dot.getBoundingClientRect();
          if (rect.left < plot.left - 0.5 || rect.right > plot.right + 0.5)
            faults.push(`a point at x=${Math.round(rect.left)} is cut`);
        }
      }
    }
    for (const figure of document.querySelectorAll('[data-testid="key-figures"] dd')) {
      const range = document.createRange();
      range.selectNodeContents(figure);
      const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
      if (lines.size > 1) faults.push(`"${figure.textContent}" wraps`);
    }
    return faults;
  });
}

test('an admin manages products, meets a version conflict, and watches the dashboard; a customer gets a toast', async ({
  page,
  request,
  openContext,
  shot,
  expectConsoleError,
}) => {
  const admin = apiAs(request, await login(request, ADMIN_EMAIL, ADMIN_PASSWORD));
  let createdId = '';

  await test.step('the product manager lists every product, drafts and archived ones too', async () => {
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await header(page).getByRole('link', { name: 'Admin', exact: true }).click();
    await expect(page).toHaveURL(/\/admin\/dashboard$/);
    await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Products' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Products' })).toBeVisible();
    await expect(page.getByRole('row', { name: /AI Course: Japanese for Engineers/ })).toContainText('Draft');
    await page.getByLabel('Status').selectOption('draft');
    await expect(page.getByText(/^\d+ products?$/)).toBeVisible();
    await expect(page.getByRole('row', { name: /AI Course: Enterprise Cloud Architecture/ })).toHaveCount(0);
    await page.getByLabel('Status').selectOption('');
    await page.getByRole('searchbox', { name: 'Search name or description' }).fill('Enterprise');
    await expect(page.getByRole('row', { name: /AI Course: Enterprise Cloud Architecture/ })).toContainText('$2,500.00');
    await page.getByRole('searchbox', { name: 'Search name or description' }).fill('');
    await expect(page.getByRole('row', { name: /AI Course: Japanese for Engineers/ })).toBeVisible();
    await shot(page, 'admin-products');
  });

  await test.step('create a product: the server rules are checked in the form', async () => {
    await page.getByRole('link', { name: 'New product' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'New product' })).toBeVisible();
    await page.getByLabel('Amount').fill('120.505');
    await page.getByRole('button', { name: 'Create product' }).click();
    await expect(page.getByText('Enter a name.')).toBeVisible();
    await expect(page.getByText('This currency has at most 2 decimal places.')).toBeVisible();
    await expect(page.getByText('Choose a category.')).toBeVisible();
    await expect(page.getByLabel('Name')).toBeFocused();

    await page.getByLabel('Name').fill(productName);
    await page.getByLabel('Description').fill('A half-day workshop, created by the browser test.');
    await page.getByLabel('Amount').fill('120.50');
    await page.getByLabel('Category').selectOption({ label: 'Consulting' });
    await page.getByLabel('Status').selectOption({ label: 'Draft' });
    await shot(page, 'admin-product-form');
    await page.getByRole('button', { name: 'Create product' }).click();

    await expect(page.getByText(`“${productName}” was created.`)).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: `Edit “${productName}”` })).toBeVisible();
    createdId = page.url().split('/').pop() ?? '';
    expect(createdId).toMatch(/^[0-9a-f-]{36}$/);
  });

  await test.step('edit it', async () => {
    await page.getByLabel('Amount').fill('150');
    await page.getByLabel('Status').selectOption({ label: 'Active' });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByText(/^Saved as version \d+\.$/)).toBeVisible();
    await expect(page.getByLabel('Amount')).toHaveValue('150.00');
    const saved = await admin.get(`/api/products/${createdId}`);
    expect(saved.price).toEqual({ amount: '150.00', currency: 'USD' });
    expect(saved.status).toBe('active');
  });

  await test.step('someone else saves meanwhile: the conflict is explained and their version can be loaded', async () => {
    const current = await admin.get(`/api/products/${createdId}`);
    await admin.put(
      `/api/products/${createdId}`,
      { ...current, name: `${productName} (their edit)`, price: { amount: '175.00', currency: 'USD' } },
      { 'If-Match': `"${current.version}"` },
    );
    // The page hears of it live…
    await expect(page.getByText(/was saved by someone else while you are editing/)).toBeVisible();

    // …and a save on top of the old version is refused and explained.
    expectConsoleError(/status of 409 .*\/api\/products\/[0-9a-f-]+\)$/);
    await page.getByLabel('Description').fill('My own description.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'Not saved: someone else changed this product' });
    await expect(conflict).toBeVisible();
    await expect(conflict).toContainText('someone else has saved version');
    const differences = conflict.getByRole('table', { name: 'What differs' });
    await expect(differences.getByRole('row', { name: /Name/ })).toContainText(`${productName} (their edit)`);
    await expect(differences.getByRole('row', { name: /Price/ })).toContainText('$175.00');
    await expect(page.getByLabel('Description')).toHaveValue('My own description.');
    await shot(page, 'admin-product-conflict');

    await conflict.getByRole('button', { name: 'Load their version' }).click();
    await expect(page.getByText(/^Their version \d+ is loaded/)).toBeVisible();
    await expect(page.getByLabel('Name')).toHaveValue(`${productName} (their edit)`);
    await expect(page.getByLabel('Amount')).toHaveValue('175.00');
  });

  await test.step('archive it after confirming', async () => {
    await page.getByRole('button', { name: `Archive ${productName} (their edit)` }).click();
    const dialog = page.getByRole('dialog', { name: `Archive “${productName} (their edit)”?` });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Keep it' })).toBeFocused();
    await dialog.getByRole('button', { name: 'Archive product' }).click();
    await expect(page).toHaveURL(/\/admin\/products$/);
    await expect(page.getByText(`“${productName} (their edit)” was archived.`)).toBeVisible();
    await page.getByLabel('Status').selectOption('archived');
    await expect(page.getByRole('row', { name: new RegExp(`${productName} \\(their edit\\)`) })).toContainText('Archived');
    expect((await admin.get(`/api/products/${createdId}`)).status).toBe('archived');
  });

  // Business for the dashboard: a fresh customer orders support (paid, completed by the admin), a
  // document (declined once, then paid; an AI job writes it) and a workshop (left awaiting payment).
  const buyer = apiAs(request, await register(request, customer));
  const pay = (orderId: string, method: string) =>
    request.post(`/api/orders/${orderId}/payments`, {
      headers: buyer.headers({ 'Idempotency-Key': `${orderId}-${method}` }),
      data: { paymentMethod: method },
    });
  let workshopOrder = '';

  await test.step('activity through the API', async () => {
    const support = await buyer.post('/api/orders', {
      productId: await productId(request, 'Technical Support: Priority'),
      quantity: 1,
    });
    expect((await pay(support.id, 'pm_card_visa')).status()).toBe(201);
    await admin.post(`/api/orders/${support.id}/complete`, { note: 'Solved on the first call' });

    const document = await buyer.post('/api/orders', {
      productId: await productId(request, 'AI Document: Business Proposal'),
      quantity: 1,
      input: { documentType: 'proposal', title: 'Proposal for the dashboard test', audience: 'The board' },
    });
    expect((await pay(document.id, 'pm_card_chargeDeclined')).status()).toBe(402);
    expect((await pay(document.id, 'pm_card_visa')).status()).toBe(201);

    const workshop = await buyer.post('/api/orders', {
      productId: await productId(request, 'Business Consulting: AI Adoption Workshop'),
      quantity: 1,
    });
    expect(workshop.status).toBe('awaiting_payment');
    workshopOrder = workshop.id;
  });

  await test.step('the customer gets a toast when an admin cancels their order', async () => {
    const customerContext = await openContext();
    const customerPage = await customerContext.newPage();
    await signIn(customerPage, customer.email, customer.password);
    await expect(header(customerPage).getByRole('status')).toHaveText('Live');
    await admin.post(`/api/orders/${workshopOrder}/cancel`, { reason: 'The workshop dates are full' });
    const toasts = customerPage.getByRole('region', { name: 'Notifications' });
    const toast = toasts
      .getByRole('listitem')
      .filter({ hasText: 'Your order “Business Consulting: AI Adoption Workshop” was cancelled.' });
    await expect(toast).toBeVisible();
    await expect(toast.getByRole('link', { name: 'View order' })).toHaveAttribute('href', `/orders/${workshopOrder}`);
    await shot(customerPage, 'toast');
    await toast.getByRole('button', { name: 'Dismiss notification' }).click();
    await expect(toast).toHaveCount(0);
    // The admin who cancelled it gets no toast about someone else's order.
    await expect(page.getByRole('region', { name: 'Notifications' }).getByRole('listitem')).toHaveCount(0);
  });

  await test.step('the dashboard shows the charts with data and the live state', async () => {
    await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Dashboard' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
    for (const name of ['Success rates per hour', 'Activity per hour', 'Job queue now', 'API latency (p95) per hour']) {
      const figure = page.getByRole('figure', { name });
      await expect(figure).toBeVisible();
      await expect(figure.locator('.recharts-wrapper > svg.recharts-surface')).toBeVisible();
    }
    const activity = page.getByRole('figure', { name: 'Activity per hour' });
    await expect(activity.getByRole('img')).toHaveAccessibleName(/In the last 24 hours: [1-9]\d* orders placed/);
    const figures = page.getByTestId('key-figures');
    await expect(figures.getByText('Payment success').locator('xpath=following-sibling::dd')).toHaveText(/^\d+(\.\d)?%$/);
    await expect(figures.getByText('Order completion').locator('xpath=following-sibling::dd')).toHaveText(/^\d+(\.\d)?%$/);
    // Latency histograms are saved once a minute: a young server may not have one yet.
    await expect(figures.getByText('p95 latency').locator('xpath=following-sibling::dd')).toHaveText(/^(—|[\d,.]+\u00a0ms)$/);

    const rates = page.getByRole('figure', { name: 'Success rates per hour' });
    await rates.getByText('Show the numbers').click();
    const currentHour = rates.getByRole('table').getByRole('row').nth(1); // newest first
    await expect(currentHour).toContainText('%');

    const agents = page.getByRole('table', { name: 'Agents' });
    await expect(agents.getByRole('row')).toHaveCount(6);
    for (const agent of ['Course generator', 'Document generator', 'Content search', 'Payment processor', 'Approval workflow']) {
      await expect(agents.getByRole('row', { name: new RegExp(agent) })).toBeVisible();
    }
    await expect(page.getByTestId('state-version')).toHaveText(/State version [\d,]+/);
    await expect(page.getByTestId('counts-orders').getByRole('row', { name: /Cancelled/ })).not.toHaveText(/\b0$/);
    await shot(page, 'admin-dashboard');
  });

  await test.step('the charts are drawn whole, in English and in Japanese', async () => {
    expect(await chartFaults(page)).toEqual([]);
    await header(page).getByLabel('Language').selectOption('ja');
    await expect(page.getByRole('heading', { level: 1, name: 'ダッシュボード' })).toBeVisible();
    await expect(page.getByRole('figure', { name: '1時間ごとの件数' }).getByRole('img')).toHaveAccessibleName(
      /過去24時間：注文[1-9]\d*件/,
    );
    expect(await chartFaults(page)).toEqual([]);
    await shot(page, 'admin-dashboard-ja');
    await header(page).getByLabel('言語').selectOption('en');
  });

  await test.step('the live state follows new business without a reload', async () => {
    const awaiting = page.getByTestId('counts-orders').getByRole('row', { name: /Awaiting payment/ });
    const before = Number((await awaiting.getByRole('cell').textContent())?.replace(/\D/g, ''));
    const version = await page.getByTestId('state-version').textContent();
    await buyer.post('/api/orders', { productId: await productId(request, 'Technical Support: Priority'), quantity: 1 });
    await expect(awaiting.getByRole('cell')).toHaveText(String(before + 1));
    await expect(page.getByTestId('state-version')).not.toHaveText(version ?? '');
  });

  await test.step('at 360 px the admin pages fit the screen', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of ['/admin/dashboard', '/admin/products', `/admin/products/${createdId}`]) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
  });
});
