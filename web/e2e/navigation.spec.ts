import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { account, apiAs, header, register, signIn, submitSignUp, uniqueSuffix } from './support';

const unique = uniqueSuffix();
// From the demo catalog (DemoCatalog.java): 29 USD, below the default approval threshold.
const PRODUCT = 'AI Document: Business Proposal';

/** How far the page is scrolled, and where a heading sits in the viewport. */
const scrollY = (page: Page) => page.evaluate(() => window.scrollY);

test('the landing page says what Miyabi is and what a customer can do, in English and Japanese', async ({ page, shot }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: /^AI services for your business/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'What you can do' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: 'Order a course or a document' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'How an order works' })).toBeVisible();
  await shot(page, 'landing-en');
  await header(page).getByLabel('Language').selectOption('ja');
  await expect(page.getByRole('heading', { level: 1, name: /^ビジネスのための AI サービス/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'できること' })).toBeVisible();
  await shot(page, 'landing-ja');
  await page.getByRole('main').getByRole('link', { name: 'カタログを見る' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'カタログ' })).toBeVisible();
  await header(page).getByLabel('言語').selectOption('en');
});

test('signing up from the sign-in page keeps the order the customer started', async ({ page }) => {
  const customer = account('Aoi Kato', 'aoi', unique);
  await page.goto('/catalog');
  await page.getByRole('link', { name: PRODUCT }).click();
  await page.getByRole('link', { name: 'Order', exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in\?next=%2Forders%2Fnew%3FproductId%3D[0-9a-f-]{36}$/);

  await page.getByRole('main').getByRole('link', { name: 'Sign up' }).click();
  await expect(page).toHaveURL(/\/sign-up\?next=%2Forders%2Fnew%3FproductId%3D[0-9a-f-]{36}$/);
  await submitSignUp(page, customer);

  await expect(page).toHaveURL(/\/orders\/new\?productId=[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: `Order ${PRODUCT}` })).toBeVisible();
  await expect(header(page).getByTestId('current-user')).toHaveText(customer.name);
});

test('a new page starts at its top; the next module of a course at its heading', async ({ page }) => {
  test.setTimeout(180_000);
  const customer = account('Sora Abe', 'sora', unique);
  const session = await register(page.request, customer);
  const api = apiAs(page.request, session);
  const job = await api.post('/api/ai/jobs', {
    type: 'course_generation',
    input: {
      topic: `Observability in practice ${unique}`,
      targetAudience: 'Site reliability engineers',
      difficulty: 'intermediate',
      estimatedHours: 4,
      learningObjectives: ['Define service level objectives', 'Trace requests', 'Alert on symptoms'],
    },
  });
  await signIn(page, customer.email, customer.password);
  await page.setViewportSize({ width: 390, height: 740 });

  await test.step('from the bottom of the catalog to a product: its top', async () => {
    await page.goto('/catalog');
    const last = page.getByRole('main').getByRole('listitem').last().getByRole('link');
    await last.scrollIntoViewIfNeeded();
    expect(await scrollY(page)).toBeGreaterThan(300);
    await last.click();
    await expect(page.getByRole('link', { name: 'Back to the catalog' })).toBeVisible();
    expect(await scrollY(page)).toBe(0);
  });

  await test.step('"Place order" at the bottom of the form shows the order from its title', async () => {
    await page.goto('/catalog');
    await page.getByRole('link', { name: PRODUCT }).click();
    await page.getByRole('link', { name: 'Order', exact: true }).click();
    await page.getByLabel('Title').fill('Quarterly reliability review');
    await page.getByLabel('Audience', { exact: true }).fill('The operations team');
    const place = page.getByRole('button', { name: 'Place order' });
    await place.scrollIntoViewIfNeeded();
    expect(await scrollY(page)).toBeGreaterThan(100);
    await place.click();
    await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1, name: `Order: ${PRODUCT}` })).toBeInViewport();
    expect(await scrollY(page)).toBe(0);
  });

  await test.step('"Next" at the end of a module opens the next one at its heading', async () => {
    await expect.poll(async () => (await api.get(`/api/ai/jobs/${job.id}`)).status, { timeout: 90_000 }).toBe('completed');
    await page.goto(`/studio/jobs/${job.id}`);
    const next = page.getByRole('button', { name: /^Next: / });
    await next.scrollIntoViewIfNeeded();
    await next.click();
    const module2 = page.getByRole('region', { name: /^Module 2: / });
    await expect(module2).toBeFocused();
    const heading = module2.getByRole('heading', { level: 3, name: /^Module 2: / });
    await expect(heading).toBeInViewport();
    const top = await heading.evaluate((element) => element.getBoundingClientRect().top);
    const headerBottom = await header(page).evaluate((element) => element.getBoundingClientRect().bottom);
    // Right below the sticky header, not hidden under it and not scrolled past.
    expect(top).toBeGreaterThanOrEqual(headerBottom);
    expect(top).toBeLessThan(headerBottom + 80);

    await page.goBack();
    await expect(page.getByRole('heading', { level: 3, name: /^Module 1: / })).toBeVisible();
  });
});
