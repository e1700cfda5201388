import { expect, test } from './fixtures';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './settings.mjs';
import { account, header, registerApprover, signIn, submitSignUp, uniqueSuffix } from './support';

/**
 * The whole journey of issue 7, in three browsers at once: a new customer orders the 2 500 USD course,
 * an approver approves it in the inbox while the customer's page updates by itself, the customer pays
 * (a declined card first), follows the generation to the end and reads the course; an admin then sees
 * the dashboard with data. Everything through the UI, except creating the approver account.
 */
const unique = uniqueSuffix();
const customer = account('Mei Tanaka', 'mei', unique, 'a long customer passphrase');
const approver = account('Sora Approver', 'sora', unique, 'a long approver passphrase');
const PRODUCT = 'AI Course: Enterprise Cloud Architecture';
const TOPIC = `Cloud landing zones for platform teams ${unique}`;

test('order to course: sign up, order 2 500 USD, approval live, decline then pay, watch the job, read the course; the admin dashboard has data', async ({
  page,
  request,
  openContext,
  shot,
  expectConsoleError,
}) => {
  test.setTimeout(300_000);
  await registerApprover(request, approver);

  await test.step('a new customer signs up', async () => {
    await page.goto('/sign-up');
    await submitSignUp(page, customer);
    await expect(header(page).getByTestId('current-user')).toHaveText(customer.name);
    await expect(header(page).getByRole('status')).toHaveText('Live');
  });

  await test.step('finds the course in the catalog and orders it with a generation request', async () => {
    await header(page).getByRole('link', { name: 'Catalog' }).click();
    await page.getByRole('searchbox', { name: 'Search', exact: true }).fill('Enterprise Cloud');
    await page.getByRole('link', { name: PRODUCT }).click();
    await expect(page.getByRole('heading', { level: 1, name: PRODUCT })).toBeVisible();
    await expect(page.getByText('$2,500.00').first()).toBeVisible();
    await page.getByRole('link', { name: 'Order', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Order ${PRODUCT}` })).toBeVisible();

    await page.getByLabel('Topic').fill(TOPIC);
    await page.getByLabel('Audience').fill('Platform engineers');
    await page.getByLabel('Level').selectOption('advanced');
    await page.getByLabel('Length in hours').fill('4');
    await page.getByLabel('Objective 1').fill('Design a landing zone');
    await page.getByLabel('Objective 2').fill('Plan failover across regions');
    await page.getByLabel('Objective 3').fill('Keep cloud costs under control');
    await shot(page, 'journey-order-form');
    await page.getByRole('button', { name: 'Place order' }).click();
  });

  const status = page.getByTestId('order-status');
  const timeline = page.getByRole('list', { name: 'Timeline' });
  let orderId = '';
  await test.step('the order waits for approval', async () => {
    await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
    orderId = new URL(page.url()).pathname.split('/').pop()!;
    await expect(status).toContainText('Awaiting approval');
    await expect(page.getByRole('region', { name: 'Approval' })).toContainText('Default order approval');
    await shot(page, 'journey-awaiting-approval');
  });

  await test.step('an approver, in another browser, approves it from the inbox', async () => {
    const approverContext = await openContext();
    const inbox = await approverContext.newPage();
    await signIn(inbox, approver.email, approver.password);
    await header(inbox).getByRole('link', { name: 'Approvals' }).click();
    const item = inbox.getByRole('listitem').filter({ hasText: orderId.slice(0, 8) });
    await expect(item).toContainText('$2,500.00');
    await shot(inbox, 'journey-approvals-inbox');
    await item.getByRole('link').first().click();
    await expect(inbox.getByRole('heading', { level: 1, name: 'Approval request' })).toBeVisible();
    await inbox.getByRole('textbox', { name: 'Comment' }).fill('Training budget confirmed.');
    await inbox.getByRole('button', { name: 'Approve' }).click();
    await expect(inbox.getByText('You approved the request.')).toBeVisible();
    await shot(inbox, 'journey-approval-approved');
  });

  await test.step('the customer sees the approval arrive without reloading', async () => {
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations.push(frame.url());
    });
    await expect(status).toContainText('Awaiting payment');
    await expect(timeline).toContainText('Awaiting payment');
    await expect(page.getByRole('region', { name: 'Approval' })).toContainText(`${approver.name}: approved`);
    await expect(page.getByRole('region', { name: 'Checkout' })).toBeVisible();
    expect(navigations, 'no reload').toEqual([]);
  });

  const checkout = page.getByRole('region', { name: 'Checkout' });
  await test.step('a declined card is explained and the order stays payable', async () => {
    expectConsoleError(/status of 402 .*\/api\/orders\/[0-9a-f-]+\/payments\)$/);
    await checkout.getByLabel('Payment method').selectOption('pm_card_chargeDeclined');
    await checkout.getByRole('button', { name: 'Pay $2,500.00' }).click();
    await expect(checkout.getByRole('alert')).toContainText('Payment declined');
    await expect(status).toContainText('Awaiting payment');
    await shot(page, 'journey-checkout-declined');
  });

  await test.step('pm_card_visa pays it and the generation runs to the end, live', async () => {
    await checkout.getByLabel('Payment method').selectOption('pm_card_visa');
    await checkout.getByRole('button', { name: 'Pay $2,500.00' }).click();
    await expect(page.getByText('Payment received. Thank you!')).toBeVisible();
    await expect(timeline).toContainText('Paid');
    const progress = page.getByRole('progressbar', { name: 'Generation progress' });
    await expect(progress).toBeVisible({ timeout: 30_000 });
    await shot(page, 'journey-generating');
    await expect(progress).toHaveAttribute('aria-valuenow', '100', { timeout: 120_000 });
    await expect(status).toContainText('Completed', { timeout: 30_000 });
    await expect(timeline.getByRole('listitem').last()).toContainText('Completed');
    await shot(page, 'journey-order-completed');
  });

  await test.step('opens the course: modules, lessons and quizzes', async () => {
    await page.getByRole('link', { name: 'Open in the AI studio' }).click();
    await expect(page.getByRole('heading', { level: 1, name: TOPIC })).toBeVisible();
    await expect(page.getByRole('heading', { level: 3, name: /^Module 1: / })).toBeVisible();
    await expect(page.getByRole('heading', { level: 4, name: /^Lesson 1\.1: / })).toBeVisible();
    await expect(page.getByRole('heading', { level: 4, name: /^Quiz: / }).first()).toBeVisible();
    await shot(page, 'journey-course');
  });

  await test.step('an admin sees the dashboard charts with data', async () => {
    const adminContext = await openContext();
    const admin = await adminContext.newPage();
    await signIn(admin, ADMIN_EMAIL, ADMIN_PASSWORD);
    await header(admin).getByRole('link', { name: 'Admin', exact: true }).click();
    await expect(admin.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
    for (const name of ['Success rates per hour', 'Activity per hour', 'Job queue now', 'API latency (p95) per hour']) {
      await expect(admin.getByRole('figure', { name }).locator('.recharts-wrapper > svg.recharts-surface')).toBeVisible();
    }
    await expect(admin.getByRole('figure', { name: 'Activity per hour' }).getByRole('img')).toHaveAccessibleName(
      /In the last 24 hours: [1-9]\d* orders? placed/,
    );
    const figures = admin.getByTestId('key-figures');
    await expect(figures.getByText('Payment success').locator('xpath=following-sibling::dd')).toHaveText(/^\d+(\.\d)?%$/);
    await expect(admin.getByTestId('counts-orders').getByRole('row', { name: /Completed/ })).not.toHaveText(/\b0$/);
    await shot(admin, 'journey-admin-dashboard');
  });
});
