import type { APIRequestContext, Page } from '@playwright/test';
import { expect } from './fixtures';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './settings.mjs';

/**
 * What the specs share: test accounts, signing up and in through the UI, and a small client of the
 * real API for what happens behind the browser's back.
 */

/** A suffix that makes names and emails of one spec run unique (call it once per spec file). */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

export type Account = { name: string; email: string; password: string };

/** A fresh test account: `account('Hana Sato', 'hana', unique)` is "Hana Sato <unique>", hana.<unique>@example.test. */
export function account(name: string, mailbox: string, unique: string, password = 'a long and private passphrase'): Account {
  return { name: `${name} ${unique}`, email: `${mailbox}.${unique}@example.test`, password };
}

/** The page's header (the banner landmark): navigation, current user, live indicator. */
export const header = (page: Page) => page.getByRole('banner');

/** Fills the sign-up form on the current page and submits it. */
export async function submitSignUp(page: Page, who: Account) {
  await page.getByLabel('Name').fill(who.name);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Create account' }).click();
}

/** Signs up through the UI and waits for the profile page it leads to. */
export async function signUp(page: Page, who: Account) {
  await page.goto('/sign-up');
  await submitSignUp(page, who);
  await expect(page).toHaveURL(/\/me$/);
}

/** Opens the sign-in page and submits it; does not wait for the outcome. */
export async function submitSignIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * Signs in through the UI and waits until the header shows the signed-in user and the sign-in page
 * has sent the browser on (the header shows the user a moment before: a click in between would be
 * overtaken by that redirect).
 */
export async function signIn(page: Page, email: string, password: string) {
  await submitSignIn(page, email, password);
  await expect(header(page).getByTestId('current-user')).toBeVisible();
  await expect(page).not.toHaveURL(/\/sign-in(\?|$)/);
}

export type Session = { accessToken: string; user: { id: string } };

/** Registers an account through the API (201). */
export async function register(request: APIRequestContext, who: Account): Promise<Session> {
  const response = await request.post('/api/auth/register', { data: who });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as Session;
}

/** Signs in through the API (200). */
export async function login(request: APIRequestContext, email: string, password: string): Promise<Session> {
  const response = await request.post('/api/auth/login', { data: { email, password } });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as Session;
}

export const bearer = (session: Session) => ({ Authorization: `Bearer ${session.accessToken}` });

/** Registers the account and has the admin give it the approver role. */
export async function registerApprover(request: APIRequestContext, who: Account): Promise<Session> {
  const admin = await login(request, ADMIN_EMAIL, ADMIN_PASSWORD);
  const registered = await register(request, who);
  const roles = await request.put(`/api/admin/users/${registered.user.id}/roles`, {
    headers: bearer(admin),
    data: { roles: ['approver'] },
  });
  expect(roles.status(), await roles.text()).toBe(200);
  return registered;
}

export type Product = { id: string; name: string; price: { amount: string; currency: string } };

/** The catalog's product of this exact name. */
export async function findProduct(request: APIRequestContext, name: string): Promise<Product> {
  const response = await request.get('/api/products', { params: { q: name } });
  const found = ((await response.json()) as { items: Product[] }).items.find((item) => item.name === name);
  expect(found, name).toBeTruthy();
  return found!;
}

export async function productId(request: APIRequestContext, name: string): Promise<string> {
  return (await findProduct(request, name)).id;
}

/** A small client of the real API acting as the session's user; every answer must be a success. */
export function apiAs(request: APIRequestContext, session: Session) {
  const headers = (extra: Record<string, string> = {}) => ({ ...bearer(session), ...extra });
  // The answers are JSON as docs/api.md describes them; the tests read only a few fields.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const ok = async (response: Awaited<ReturnType<APIRequestContext['get']>>, what: string): Promise<any> => {
    expect(response.ok(), `${what}: ${response.status()} ${await response.text()}`).toBe(true);
    return response.status() === 204 ? null : response.json();
  };
  return {
    get: async (path: string) => ok(await request.get(path, { headers: headers() }), `GET ${path}`),
    post: async (path: string, data: unknown, extra: Record<string, string> = {}) =>
      ok(await request.post(path, { headers: headers(extra), data }), `POST ${path}`),
    put: async (path: string, data: unknown, extra: Record<string, string> = {}) =>
      ok(await request.put(path, { headers: headers(extra), data }), `PUT ${path}`),
    raw: request,
    headers,
  };
}
