import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './settings.mjs';
import { account, apiAs, findProduct, login, register, signIn, uniqueSuffix } from './support';

const unique = uniqueSuffix();
const PHONE = { width: 360, height: 740 };

/**
 * What sticks out past the right edge of a 360 px screen: the page's own width, and every element
 * reaching beyond the viewport that no scroll box of its own (a wide table, a code block) holds.
 */
async function overflowOf(page: Page): Promise<{ scrollWidth: number; offenders: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scrollBox = (element: Element) => {
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        const overflow = getComputedStyle(parent).overflowX;
        if (overflow === 'auto' || overflow === 'scroll') return true;
      }
      return false;
    };
    const offenders = [...document.querySelectorAll('body *')]
      .filter((element) => {
        const rect = element.getBoundingClientRect();
        return rect.width > 0 && rect.height > 0 && rect.right > width + 1 && !scrollBox(element);
      })
      .slice(0, 5)
      .map(
        (element) =>
          `${element.tagName.toLowerCase()}.${element.className} → ${Math.round(element.getBoundingClientRect().right)} px`,
      );
    return { scrollWidth: document.documentElement.scrollWidth, offenders };
  });
}

async function fits(page: Page, path: string, ready: (page: Page) => Promise<void>) {
  await page.goto(path);
  await ready(page);
  const { scrollWidth, offenders } = await overflowOf(page);
  expect({ path, scrollWidth, offenders }).toEqual({ path, scrollWidth: PHONE.width, offenders: [] });
}

const h1 = (name?: string | RegExp) => async (page: Page) => {
  await expect(page.getByRole('heading', { level: 1, ...(name ? { name } : {}) })).toBeVisible();
  await expect(page.getByText('Loading…')).toHaveCount(0);
};

test('every page fits a 360 px phone screen without sideways scrolling', async ({ page, openContext, shot }) => {
  test.setTimeout(300_000);
  const customer = account('Yui Ono', 'yui', unique);
  const session = await register(page.request, customer);
  const api = apiAs(page.request, session);
  const course = await findProduct(page.request, 'AI Course: Enterprise Cloud Architecture');
  const document = await findProduct(page.request, 'AI Document: Business Proposal');
  const input = {
    topic: `Platform engineering with a very long name for phones ${unique}`,
    targetAudience: 'Platform engineers',
    difficulty: 'advanced',
    estimatedHours: 3,
    learningObjectives: ['Design landing zones', 'Plan multi-region failover', 'Govern cloud costs'],
  };
  const job = await api.post('/api/ai/jobs', { type: 'course_generation', input });
  const order = await api.post('/api/orders', { productId: course.id, quantity: 1, input });
  await page.setViewportSize(PHONE);

  await test.step('signed out', async () => {
    await fits(page, '/', async (at) => expect(at.getByRole('heading', { level: 1 })).toBeVisible());
    await fits(page, '/catalog', h1('Catalog'));
    await fits(page, `/catalog/${document.id}`, h1(document.name));
    await fits(page, '/sign-in', h1('Sign in'));
    await fits(page, '/sign-up', h1('Create your account'));
    await fits(page, '/no-such-page', h1());
  });

  await test.step("a customer's pages", async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(page, customer.email, customer.password);
    await page.setViewportSize(PHONE);
    await fits(page, '/me', h1('Profile'));
    await fits(page, '/orders', h1('My orders'));
    await fits(page, `/orders/new?productId=${course.id}`, h1(`Order ${course.name}`));
    await fits(page, `/orders/${order.id}`, h1(`Order: ${course.name}`));
    await fits(page, '/studio', h1('AI studio'));
    await expect.poll(async () => (await api.get(`/api/ai/jobs/${job.id}`)).status, { timeout: 120_000 }).toBe('completed');
    await fits(page, `/studio/jobs/${job.id}`, async (at) => {
      await h1()(at);
      await expect(at.getByRole('heading', { level: 3, name: /^Module 1: / })).toBeVisible();
    });
    await shot(page, 'course-reader-phone');
    await page.evaluate(() => window.localStorage.setItem('miyabi.locale', 'ja'));
    await fits(page, `/studio/jobs/${job.id}`, async (at) => {
      await expect(at.getByRole('heading', { level: 3, name: /^モジュール1：/ })).toBeVisible();
    });
    await shot(page, 'course-reader-phone-ja');
    await page.evaluate(() => window.localStorage.setItem('miyabi.locale', 'en'));
  });

  await test.step("an approver's and an admin's pages", async () => {
    const adminPage = await (await openContext()).newPage();
    await signIn(adminPage, ADMIN_EMAIL, ADMIN_PASSWORD);
    await adminPage.setViewportSize(PHONE);
    const adminApi = apiAs(page.request, await login(page.request, ADMIN_EMAIL, ADMIN_PASSWORD));
    const policies = await adminApi.get('/api/approval-policies');
    const policyId = (policies.items ?? policies)[0].id as string;
    await fits(adminPage, '/approvals', h1('Approvals'));
    await fits(adminPage, `/approvals/${order.approvalId}`, h1());
    await fits(adminPage, '/admin/dashboard', h1('Dashboard'));
    await fits(adminPage, '/admin/products', h1('Products'));
    await fits(adminPage, '/admin/products/new', h1());
    await fits(adminPage, `/admin/products/${course.id}`, h1());
    await fits(adminPage, '/admin/policies', h1());
    await fits(adminPage, '/admin/policies/new', h1());
    await fits(adminPage, `/admin/policies/${policyId}`, h1());
    await fits(adminPage, '/admin/users', h1('Users and roles'));
  });
});
