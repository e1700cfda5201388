import { expect, test } from './fixtures';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './settings.mjs';
import {
  account,
  bearer,
  findProduct,
  header,
  login,
  register,
  registerApprover,
  signIn,
  uniqueSuffix,
  type Session,
} from './support';

const unique = uniqueSuffix();
const approver = account('Aki Approver', 'aki', unique, 'an approver passphrase');
const customer = account('Ken Customer', 'ken', unique, 'a customer passphrase');
const PRODUCT = 'AI Course: Enterprise Cloud Architecture';

test('an approver sees a new order in the inbox live and approves it; an admin edits approval policies', async ({
  page,
  request,
  openContext,
  shot,
  expectConsoleError,
}) => {
  let approvalId = '';
  let orderId = '';
  let customerSession: Session;

  await test.step('the admin makes a freshly signed-up user an approver', async () => {
    await registerApprover(request, approver);
    customerSession = await register(request, customer);
  });

  await test.step('the approver opens the inbox', async () => {
    await signIn(page, approver.email, approver.password);
    await header(page).getByRole('link', { name: 'Approvals' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Approvals' })).toBeVisible();
    await expect(
      page.getByRole('navigation', { name: 'Approval views' }).getByRole('link', { name: 'Waiting for me' }),
    ).toHaveAttribute('aria-current', 'page');
    await expect(header(page).getByRole('status')).toHaveText('Live');
  });

  await test.step('a customer orders the 2 500 USD course through the API, and it appears in the inbox without a reload', async () => {
    const product = await findProduct(request, PRODUCT);
    expect(product.price.amount).toBe('2500.00');
    const ordered = await request.post('/api/orders', {
      headers: bearer(customerSession),
      data: {
        productId: product.id,
        quantity: 1,
        input: {
          topic: 'Enterprise cloud architecture for platform teams',
          targetAudience: 'Platform engineers',
          difficulty: 'advanced',
          estimatedHours: 12,
          learningObjectives: ['Design landing zones', 'Plan multi-region failover', 'Govern cloud costs'],
          format: 'text',
          language: 'en',
        },
      },
    });
    expect(ordered.status(), await ordered.text()).toBe(201);
    const order = (await ordered.json()) as { id: string; status: string; approvalId: string };
    expect(order.status).toBe('awaiting_approval');
    orderId = order.id;
    approvalId = order.approvalId;

    const item = page.getByTestId(`approval-${approvalId}`);
    await expect(item).toBeVisible();
    await expect(item).toContainText('$2,500.00');
    await expect(item).toContainText('AI course');
    await expect(item).toContainText('Default order approval');
    await expect(item).toContainText(orderId.slice(0, 8));
    await expect(item).toContainText(customer.name);
    // What is asked: the product, who asks, and the customer's request in words (not JSON).
    await expect(item.getByRole('heading', { name: PRODUCT })).toBeVisible();
    await expect(item.getByRole('link', { name: customer.email })).toHaveAttribute('href', `mailto:${customer.email}`);
    const asked = item.getByRole('region', { name: 'What the customer asked for' });
    await expect(asked).toContainText('Enterprise cloud architecture for platform teams');
    await expect(asked).toContainText('Platform engineers');
    await expect(asked.getByRole('listitem')).toHaveText([
      'Design landing zones',
      'Plan multi-region failover',
      'Govern cloud costs',
    ]);
    await expect(asked).toContainText('Advanced');
    await expect(asked).not.toContainText('{');
    // An approver cannot open the customer's order, so it is not offered as a link.
    await expect(item.getByRole('link', { name: /Open order/ })).toHaveCount(0);
    await shot(page, 'approvals-inbox');

    await header(page).getByLabel('Language').selectOption('ja');
    await expect(item.getByRole('region', { name: 'お客様の依頼内容' })).toContainText('上級');
    await expect(item).toContainText('申請者');
    await shot(page, 'approvals-inbox-ja');
    await header(page).getByLabel('言語').selectOption('en');
    await expect(item.getByRole('region', { name: 'What the customer asked for' })).toBeVisible();
  });

  await test.step('the approver opens the request: stages and audit trail', async () => {
    await page
      .getByTestId(`approval-${approvalId}`)
      .getByRole('link', { name: /^Approval of / })
      .click();
    await expect(page).toHaveURL(new RegExp(`/approvals/${approvalId}$`));
    await expect(page.getByRole('heading', { level: 1, name: 'Approval request' })).toBeVisible();
    const summary = page.getByRole('region', { name: 'Summary' });
    await expect(summary.getByRole('link', { name: PRODUCT })).toHaveAttribute('href', /\/catalog\/[0-9a-f-]{36}$/);
    await expect(summary).toContainText(customer.email);
    await expect(summary.getByRole('region', { name: 'What the customer asked for' })).toContainText(
      'Plan multi-region failover',
    );
    const stages = page.getByRole('region', { name: 'Stages' });
    await expect(stages.getByRole('heading', { name: /^Stage 1:/ })).toBeVisible();
    await expect(stages).toContainText('Any one approver decides');
    await expect(stages).toContainText('including you');
    await expect(page.getByRole('region', { name: 'Audit trail' })).toContainText('Opened');
    await expect(page.getByRole('heading', { name: 'Your decision' })).toBeVisible();
    await shot(page, 'approval-detail');
  });

  await test.step('rejecting without a comment is refused at the field; approving with one decides', async () => {
    const comment = page.getByRole('textbox', { name: 'Comment' });
    await page.getByRole('button', { name: 'Reject' }).click();
    await expect(page.getByText('Write a comment that says why you reject the request.')).toBeVisible();
    await expect(comment).toHaveAttribute('aria-invalid', 'true');
    await expect(comment).toBeFocused();
    await shot(page, 'approval-decision-error');

    await comment.fill('Budget confirmed for the platform team.');
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect(page.getByText('You approved the request.')).toBeVisible();
    const summary = page.getByRole('region', { name: 'Summary' });
    await expect(summary.getByText('Approved', { exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Your decision' })).toHaveCount(0);
    const stages = page.getByRole('region', { name: 'Stages' });
    await expect(stages).toContainText(approver.name);
    await expect(stages).toContainText('Budget confirmed for the platform team.');
    await expect(page.getByRole('region', { name: 'Audit trail' })).toContainText(`${approver.name} · Approved`);
    await shot(page, 'approval-detail-approved');

    await page.setViewportSize({ width: 360, height: 740 });
    await expect(page.getByRole('region', { name: 'Audit trail' })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await shot(page, 'approval-detail-mobile');
    await page.setViewportSize({ width: 1280, height: 800 });

    const order = await request.get(`/api/orders/${orderId}`, { headers: bearer(customerSession) });
    expect(((await order.json()) as { status: string }).status).toBe('awaiting_payment');
  });

  await test.step('the decided request has left the inbox and is listed under "Asked me"', async () => {
    await page.getByRole('link', { name: '← Back to approvals' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Approvals' })).toBeVisible();
    await expect(page.getByTestId(`approval-${approvalId}`)).toHaveCount(0);
    await page.getByRole('navigation', { name: 'Approval views' }).getByRole('link', { name: 'Asked me' }).click();
    await page.getByLabel('Status').selectOption('approved');
    await expect(page.getByTestId(`approval-${approvalId}`)).toContainText('Approved');
  });

  const policyName = `E2E policy ${unique}`;
  const adminContext = await openContext();
  const admin = await adminContext.newPage();

  await test.step('the admin opens the approval policies', async () => {
    await signIn(admin, ADMIN_EMAIL, ADMIN_PASSWORD);
    await header(admin).getByRole('link', { name: 'Admin', exact: true }).click();
    await admin.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Approval policies' }).click();
    await expect(admin.getByRole('heading', { level: 1, name: 'Approval policies' })).toBeVisible();
    await expect(admin.getByTestId('policy-row-Default order approval')).toBeVisible();
    await shot(admin, 'admin-policies');
  });

  await test.step('the admin creates a policy: rules checked at the fields first', async () => {
    await admin.getByRole('link', { name: 'New policy' }).click();
    await expect(admin.getByRole('heading', { level: 1, name: 'New approval policy' })).toBeVisible();
    await admin.getByLabel('Name', { exact: true }).fill(policyName);
    await admin.getByLabel('Priority').fill('5');
    // Narrow on purpose: the policy must not take over the other tests' orders.
    await admin.getByLabel('Minimum order total').fill('5000000');
    await admin.getByLabel('Currency').fill('JPY');
    await admin.getByRole('checkbox', { name: 'Technical support' }).check();
    const first = admin.getByRole('group', { name: 'Stage 1' });
    await first.getByLabel('Stage name').fill('Team lead');
    await first.getByLabel('Timeout in hours').fill('9000');
    await admin.getByRole('button', { name: 'Add a stage' }).click();
    const second = admin.getByRole('group', { name: 'Stage 2' });
    await second.getByLabel('Approver role').selectOption('admin');
    await second.getByLabel('Mode').selectOption('all');
    await admin.getByRole('button', { name: 'Create policy' }).click();
    await expect(first.getByText('Enter whole hours from 1 to 8760, or leave it empty.')).toBeVisible();
    await expect(second.getByText('Enter a stage name of 1 to 100 characters.')).toBeVisible();
    await shot(admin, 'policy-editor-errors');

    await first.getByLabel('Timeout in hours').fill('48');
    await second.getByLabel('Stage name').fill('Finance');
    await admin.getByRole('button', { name: 'Create policy' }).click();
    await expect(admin.getByText('The policy was created.')).toBeVisible();
    await expect(admin.getByRole('heading', { level: 1, name: 'Edit approval policy' })).toBeVisible();
    await expect(admin.getByLabel('Currency')).toHaveValue('JPY');
    await shot(admin, 'policy-editor');

    await admin.setViewportSize({ width: 360, height: 740 });
    await expect(admin.getByRole('button', { name: 'Save policy' })).toBeVisible();
    expect(await admin.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await shot(admin, 'policy-editor-mobile');
    await admin.setViewportSize({ width: 1280, height: 800 });
  });

  await test.step('the admin edits it: moves a stage, saves; a concurrent change is explained with a reload', async () => {
    await admin.getByRole('button', { name: 'Move up: stage 2' }).click();
    await expect(admin.getByRole('group', { name: 'Stage 1' }).getByLabel('Stage name')).toHaveValue('Finance');
    for (const name of ['Stage 1', 'Stage 2']) {
      await expect(admin.getByRole('group', { name }).getByRole('radio', { name: 'Everyone with a role' })).toBeChecked();
    }
    await admin.getByLabel('Name', { exact: true }).fill(`${policyName} (edited)`);
    await admin.getByRole('button', { name: 'Save policy' }).click();
    await expect(admin.getByText('The policy was saved.')).toBeVisible();

    // Someone else saves meanwhile (version 1 → 2): this editor still holds version 1.
    const adminApi = await login(request, ADMIN_EMAIL, ADMIN_PASSWORD);
    const policyId = admin.url().split('/').pop()!;
    const current = await (await request.get(`/api/approval-policies/${policyId}`, { headers: bearer(adminApi) })).json();
    const changed = await request.put(`/api/approval-policies/${policyId}`, {
      headers: { ...bearer(adminApi), 'If-Match': `"${current.version}"` },
      data: { name: current.name, active: current.active, priority: 6, appliesTo: current.appliesTo, stages: current.stages },
    });
    expect(changed.status(), await changed.text()).toBe(200);

    expectConsoleError(/status of 409/);
    await admin.getByLabel('Priority').fill('7');
    await admin.getByRole('button', { name: 'Save policy' }).click();
    const conflict = admin.getByRole('alert');
    await expect(conflict).toContainText('Someone else changed this policy meanwhile');
    await shot(admin, 'policy-editor-conflict');
    await conflict.getByRole('button', { name: 'Reload the latest version' }).click();
    await expect(admin.getByLabel('Priority')).toHaveValue('6');
    await expect(admin.getByRole('alert')).toHaveCount(0);
  });

  await test.step('the admin deactivates and deletes the policy', async () => {
    await admin.getByRole('link', { name: '← Back to the policies' }).click();
    const row = admin.getByTestId(`policy-row-${policyName} (edited)`);
    await expect(row).toContainText('Active');
    await expect(row).toContainText('Finance');
    await row.getByRole('button', { name: `Deactivate ${policyName} (edited)` }).click();
    await expect(row).toContainText('Inactive');
    await row.getByRole('button', { name: `Delete ${policyName} (edited)` }).click();
    await row.getByRole('group').getByRole('button', { name: 'Delete' }).click();
    await expect(admin.getByText(`The policy “${policyName} (edited)” was deleted.`)).toBeVisible();
    await expect(row).toHaveCount(0);
  });
});

test('after an approver asks for changes, the customer’s order page says so in every box, and in Japanese', async ({
  page,
  request,
  shot,
}) => {
  const suffix = uniqueSuffix();
  const reviewer = account('Rio Reviewer', 'rio', suffix, 'a reviewer passphrase');
  const buyer = account('Mei Buyer', 'mei', suffix, 'a buyer passphrase');
  const reviewerSession = await registerApprover(request, reviewer);
  const buyerSession = await register(request, buyer);
  const product = await findProduct(request, PRODUCT);
  const ordered = await request.post('/api/orders', {
    headers: bearer(buyerSession),
    data: {
      productId: product.id,
      quantity: 1,
      input: {
        topic: 'Cloud landing zones for a logistics company',
        targetAudience: 'Infrastructure team',
        difficulty: 'intermediate',
        estimatedHours: 40,
        learningObjectives: ['Design landing zones', 'Automate account vending', 'Audit network boundaries'],
        format: 'text',
        language: 'en',
      },
    },
  });
  expect(ordered.status(), await ordered.text()).toBe(201);
  const order = (await ordered.json()) as { id: string; approvalId: string };
  const decided = await request.post(`/api/approvals/${order.approvalId}/decisions`, {
    headers: bearer(reviewerSession),
    data: { decision: 'request_changes', comment: 'Forty hours is too long; aim for twelve.' },
  });
  expect(decided.status(), await decided.text()).toBe(200);

  await signIn(page, buyer.email, buyer.password);
  await page.goto(`/orders/${order.id}`);
  const status = page.getByTestId('order-status');
  const approvalBox = page.getByRole('region', { name: 'Approval' });
  await expect(approvalBox).toContainText('Changes requested');
  await expect(status).toContainText('Awaiting approval');
  await expect(status).toContainText('Changes requested');
  await expect(page.getByRole('region', { name: 'Summary' })).toContainText('Revise your request');
  const timeline = page.getByTestId('order-timeline');
  await expect(timeline.getByRole('listitem').last()).toContainText(`${reviewer.name} asked for changes.`);
  await expect(timeline.getByRole('listitem').last().locator('blockquote')).toHaveText(
    'Forty hours is too long; aim for twelve.',
  );
  await shot(page, 'order-changes-requested');

  await header(page).getByLabel('Language').selectOption('ja');
  await expect(status).toContainText('承認待ち');
  await expect(status.locator('[aria-hidden="true"]')).toContainText('修正依頼');
  await expect(timeline.getByRole('listitem').last()).toContainText(`${reviewer.name} さんが修正を依頼しました。`);
  await shot(page, 'order-changes-requested-ja');
  await header(page).getByLabel('言語').selectOption('en');
});
