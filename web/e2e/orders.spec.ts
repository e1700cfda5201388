import { expect, test } from './fixtures';
import { account, signUp, uniqueSuffix } from './support';

const customer = account('Ren Ito', 'ren', uniqueSuffix());
// From the demo catalog (DemoCatalog.java): 29 USD, below the default approval threshold of 1 000.
const PRODUCT = 'AI Document: Business Proposal';

test('a new customer orders a document, pays after a decline, and watches the order move on live', async ({
  page,
  shot,
  expectConsoleError,
}) => {
  test.setTimeout(180_000);
  await signUp(page, customer);

  await test.step('from the catalog to the order form', async () => {
    await page.getByRole('banner').getByRole('link', { name: 'Catalog' }).click();
    await page.getByRole('link', { name: PRODUCT }).click();
    await expect(page.getByRole('heading', { level: 1, name: PRODUCT })).toBeVisible();
    await page.getByRole('link', { name: 'Order', exact: true }).click();
    await expect(page).toHaveURL(/\/orders\/new\?productId=/);
    await expect(page.getByRole('heading', { level: 1, name: `Order ${PRODUCT}` })).toBeVisible();
    // The default approval threshold, in the product's currency.
    await expect(page.getByTestId('approval-note')).toContainText('a total of $1,000.00 or more');
  });

  await test.step('the form checks the request before sending it', async () => {
    await page.getByRole('button', { name: 'Place order' }).click();
    await expect(page.getByText('Enter a title of at least 3 characters.')).toBeVisible();
    await expect(page.getByLabel('Title')).toBeFocused();
    await page.getByLabel('Title').fill('Managed Kubernetes for Ito Logistics');
    await page.getByLabel('Audience', { exact: true }).fill('The board of directors');
    await page.getByLabel('Quantity').fill('2');
    await expect(page.getByText('$58.00')).toBeVisible();
    await shot(page, 'order-form');
    await page.getByRole('button', { name: 'Place order' }).click();
  });

  const timeline = page.getByRole('list', { name: 'Timeline' });
  const status = page.getByTestId('order-status');
  const checkout = page.getByRole('region', { name: 'Checkout' });

  await test.step('the order needs no approval: it waits for payment', async () => {
    await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1, name: `Order: ${PRODUCT}` })).toBeVisible();
    await expect(status).toContainText('Awaiting payment');
    await expect(timeline.getByRole('listitem').last()).toContainText('Awaiting payment');
    await expect(page.getByRole('region', { name: 'Your request' })).toContainText('Managed Kubernetes for Ito Logistics');
    await expect(page.getByRole('region', { name: 'Approval' })).toHaveCount(0);
    await shot(page, 'order-detail');
  });

  await test.step('a declined card says why and leaves the order payable', async () => {
    expectConsoleError(/status of 402 .*\/api\/orders\/[0-9a-f-]+\/payments\)$/);
    await checkout.getByLabel('Payment method').selectOption('pm_card_chargeDeclinedInsufficientFunds');
    await checkout.getByRole('button', { name: 'Pay $58.00' }).click();
    const declined = checkout.getByRole('alert');
    await expect(declined).toContainText('Payment declined');
    await expect(declined).toContainText('The card does not have enough funds for this payment.');
    await expect(declined).toContainText('Reason code: insufficient_funds');
    await expect(status).toContainText('Awaiting payment');
    await expect(page.getByRole('region', { name: 'Payment attempts' })).toContainText('Declined');
    await shot(page, 'checkout-declined');
  });

  await test.step('pm_card_visa pays it, and the timeline follows fulfilment live', async () => {
    const entriesBefore = await timeline.getByRole('listitem').count();
    await checkout.getByLabel('Payment method').selectOption('pm_card_visa');
    await checkout.getByRole('button', { name: 'Pay $58.00' }).click();
    await expect(page.getByText('Payment received. Thank you!')).toBeVisible();
    await expect(checkout).toHaveCount(0);
    await expect(timeline).toContainText('Paid $58.00 by card.');
    await expect(timeline).toContainText('PaymentProcessorAgent (agent 204)');
    await expect(timeline.getByRole('listitem')).not.toHaveCount(entriesBefore);
    await expect(timeline).toContainText('Generation started.');
    await expect(timeline.getByRole('link', { name: 'Follow the generation' })).toHaveAttribute(
      'href',
      /\/studio\/jobs\/[0-9a-f-]{36}$/,
    );
    // Words for people: no internal sentences, ids or gateway names.
    await expect(timeline).not.toContainText('Queued AI job');
    await expect(timeline).not.toContainText('(payment ');
    const attempts = page.getByRole('region', { name: 'Payment attempts' });
    await expect(attempts).toContainText('· card');
    await expect(attempts).not.toContainText('sandbox');

    const progress = page.getByRole('progressbar', { name: 'Generation progress' });
    await expect(progress).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('link', { name: 'Open in the AI studio' })).toHaveAttribute(
      'href',
      /\/studio\/jobs\/[0-9a-f-]{36}$/,
    );
    await expect(progress).toHaveAttribute('aria-valuenow', '100', { timeout: 90_000 });
    await expect(status).toContainText('Completed', { timeout: 30_000 });
    await expect(timeline.getByRole('listitem').last()).toContainText('Completed');
    await expect(timeline.getByRole('listitem').last()).toContainText('Generation finished.');
    await shot(page, 'order-completed');
  });

  await test.step('in Japanese the timeline and payment attempts are Japanese, dates and amounts for the locale', async () => {
    await page.getByRole('banner').getByLabel('Language').selectOption('ja');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    const timelineJa = page.getByTestId('order-timeline');
    await expect(timelineJa).toContainText('$58.00 をカードでお支払いいただきました。');
    await expect(timelineJa).toContainText('生成を開始しました。');
    await expect(timelineJa).toContainText('生成が完了しました。');
    await expect(timelineJa).not.toContainText('Paid');
    await expect(timelineJa.locator('time').first()).toHaveText(/^\d{4}\/\d{1,2}\/\d{1,2} \d{1,2}:\d{2}$/);
    await expect(page.getByRole('region', { name: 'お支払いの履歴' })).toContainText('カード');
    await shot(page, 'order-completed-ja');
    await page.getByRole('banner').getByLabel('言語').selectOption('en');
  });

  await test.step('my orders lists it with its status', async () => {
    await page.getByRole('banner').getByRole('link', { name: 'My orders' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'My orders' })).toBeVisible();
    const row = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: PRODUCT }) });
    await expect(row).toContainText('Completed');
    await expect(row).toContainText('$58.00');
    await shot(page, 'my-orders');
  });

  await test.step('both pages work 360 px wide', async () => {
    await page.setViewportSize({ width: 360, height: 780 });
    await shot(page, 'my-orders-narrow');
    await page.getByRole('link', { name: PRODUCT }).click();
    await expect(status).toContainText('Completed');
    await expect(timeline.getByRole('listitem').last()).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, 'no horizontal scrolling at 360 px').toBeLessThanOrEqual(0);
    await shot(page, 'order-detail-narrow');
  });
});
