import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { session } from '@/lib/auth/session';
import { aProduct } from '@/testing/fixtures';
import { fakeFetch, json, problem } from '@/testing/http';
import { renderWithProviders, renderWithRealtime } from '@/testing/render';
import { EditProductPage } from './edit-product-page';
import { ProductForm } from './product-form';
import { productFormSchema } from './product-form-schema';

const product = aProduct({ name: 'Course: Kubernetes for teams', description: 'A generated course.', version: 3 });

/** The first broken rule of each field, as the form shows it. */
function messagesOf(input: unknown) {
  const result = productFormSchema.safeParse(input);
  return result.success
    ? {}
    : Object.fromEntries(result.error.issues.reverse().map((issue) => [issue.path.join('.'), issue.message]));
}

describe('the product rules match the server', () => {
  const valid = {
    name: 'Course',
    description: '',
    price: { amount: '49.99', currency: 'USD' },
    category: 'ai_course_generation',
    status: 'active',
  };
  const price = (amount: string, currency = 'USD') => messagesOf({ ...valid, price: { amount, currency } });

  it('wants a name of 1 to 255 characters, trimmed and counted in code points', () => {
    expect(messagesOf({ ...valid, name: '   ' })).toEqual({ name: 'admin.products.validation.nameRequired' });
    expect(messagesOf({ ...valid, name: 'n'.repeat(255) })).toEqual({});
    expect(messagesOf({ ...valid, name: `  ${'n'.repeat(255)}  ` })).toEqual({});
    expect(messagesOf({ ...valid, name: '🙂'.repeat(255) })).toEqual({});
    expect(messagesOf({ ...valid, name: 'n'.repeat(256) })).toEqual({ name: 'admin.products.validation.nameTooLong' });
  });

  it('allows a description of up to 10 000 characters', () => {
    expect(messagesOf({ ...valid, description: 'd'.repeat(10_000) })).toEqual({});
    expect(messagesOf({ ...valid, description: 'd'.repeat(10_001) })).toEqual({
      description: 'admin.products.validation.descriptionTooLong',
    });
  });

  it('wants a price above 0 and at most 99 999 999.99', () => {
    expect(price('')).toEqual({ 'price.amount': 'admin.products.validation.amountRequired' });
    expect(price('0')).toEqual({ 'price.amount': 'admin.products.validation.amountNotPositive' });
    expect(price('0.00')).toEqual({ 'price.amount': 'admin.products.validation.amountNotPositive' });
    expect(price('0.01')).toEqual({});
    expect(price('99999999.99')).toEqual({});
    expect(price('100000000')).toEqual({ 'price.amount': 'admin.products.validation.amountTooLarge' });
    expect(price('99999999.991')).toEqual({ 'price.amount': 'admin.products.validation.amountTooLarge' });
  });

  it('wants a plain decimal number', () => {
    for (const amount of ['-5', '1,000', '$5', '1e3', '.5', '5.', 'abc']) {
      expect(price(amount)).toEqual({ 'price.amount': 'admin.products.validation.amountInvalid' });
    }
    expect(price(' 12.50 ')).toEqual({});
  });

  it("allows at most the currency's minor units", () => {
    expect(price('49.99', 'USD')).toEqual({});
    expect(price('49.999', 'USD')).toEqual({ 'price.amount': 'admin.products.validation.amountDecimals' });
    expect(price('49.990', 'USD')).toEqual({});
    expect(price('5000', 'JPY')).toEqual({});
    expect(price('5000.00', 'JPY')).toEqual({});
    expect(price('5000.5', 'JPY')).toEqual({ 'price.amount': 'admin.products.validation.amountWhole' });
  });

  it('accepts only the contract values for currency, category and status', () => {
    expect(price('5', 'usd')).toEqual({ 'price.currency': 'admin.products.validation.currencyRequired' });
    expect(messagesOf({ ...valid, category: '' })).toEqual({ category: 'admin.products.validation.categoryRequired' });
    expect(messagesOf({ ...valid, category: 'hardware' })).toEqual({ category: 'admin.products.validation.categoryRequired' });
    expect(messagesOf({ ...valid, status: 'deleted' })).toEqual({ status: 'admin.products.validation.statusRequired' });
  });
});

describe('the product form', () => {
  beforeEach(() => session.establish({ accessToken: 'admin-token', refreshToken: 'admin-refresh' }));

  it('shows every broken rule on its field without calling the server', async () => {
    const { fetch, calls } = fakeFetch(() => json(500, {}));
    vi.stubGlobal('fetch', fetch);
    renderWithProviders(<ProductForm onSaved={() => {}} />);
    const user = userEvent.setup();

    await user.selectOptions(screen.getByLabelText('Currency'), 'JPY');
    await user.type(screen.getByLabelText('Amount'), '12.5');
    await user.click(screen.getByRole('button', { name: 'Create product' }));

    expect(await screen.findByText('Enter a name.')).toBeVisible();
    expect(screen.getByText('This currency has no decimal places: enter a whole number.')).toBeVisible();
    expect(screen.getByText('Choose a category.')).toBeVisible();
    expect(screen.getByLabelText('Amount')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Category')).toHaveAccessibleDescription('Choose a category.');
    expect(screen.getByLabelText('Name')).toHaveFocus();
    expect(calls).toHaveLength(0);
  });

  it('sends a valid product and puts the server field errors on the fields', async () => {
    const { fetch, calls } = fakeFetch(() =>
      problem(400, 'validation_failed', 'The request has invalid fields', {
        errors: [
          { field: 'name', message: 'is taken by another product' },
          { field: 'price.amount', message: 'must be at most 99999999.99' },
        ],
      }),
    );
    vi.stubGlobal('fetch', fetch);
    renderWithProviders(<ProductForm onSaved={() => {}} />);
    const user = userEvent.setup();

    await user.type(screen.getByLabelText('Name'), '  Kubernetes course  ');
    await user.type(screen.getByLabelText('Amount'), '59');
    await user.selectOptions(screen.getByLabelText('Category'), 'ai_course_generation');
    await user.click(screen.getByRole('button', { name: 'Create product' }));

    expect(await screen.findByText('is taken by another product')).toBeVisible();
    expect(screen.getByLabelText('Amount')).toHaveAccessibleDescription(/must be at most 99999999\.99/);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(calls[0]).toMatchObject({
      url: '/api/products',
      method: 'POST',
      body: {
        name: 'Kubernetes course',
        description: null,
        price: { amount: '59', currency: 'USD' },
        category: 'ai_course_generation',
        status: 'draft',
      },
    });
  });
});

describe('editing under a version', () => {
  beforeEach(() => session.establish({ accessToken: 'admin-token', refreshToken: 'admin-refresh' }));

  function renderEditor() {
    return renderWithRealtime(
      <Routes>
        <Route path="/admin/products/:productId" element={<EditProductPage />} />
      </Routes>,
      { path: `/admin/products/${product.id}` },
    );
  }

  it('saves with If-Match and the version it was opened with', async () => {
    const { fetch, calls } = fakeFetch((call) =>
      call.method === 'PUT'
        ? json(200, {
            ...(call.body as object),
            id: product.id,
            version: 4,
            createdAt: product.createdAt,
            updatedAt: product.updatedAt,
          })
        : json(200, product),
    );
    vi.stubGlobal('fetch', fetch);
    renderEditor();
    const user = userEvent.setup();

    const name = await screen.findByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'Kubernetes for platform teams');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Saved as version 4.')).toBeVisible();
    const put = calls.find((call) => call.method === 'PUT');
    expect(put?.headers['if-match']).toBe('"3"');
    expect(put?.body).toMatchObject({ name: 'Kubernetes for platform teams', price: { amount: '2500.00', currency: 'USD' } });
  });

  it('explains a version conflict and loads the other version on request', async () => {
    const theirs = { ...product, name: 'Kubernetes (their edit)', price: { amount: '2600.00', currency: 'USD' }, version: 4 };
    let current: object = product;
    const { fetch, calls } = fakeFetch((call) => {
      if (call.method === 'PUT') {
        current = theirs;
        return problem(409, 'version_conflict', 'The product was changed since version 3', { currentVersion: 4 });
      }
      return json(200, current);
    });
    vi.stubGlobal('fetch', fetch);
    renderEditor();
    const user = userEvent.setup();

    const name = await screen.findByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'My new name');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Not saved: someone else changed this product');
    expect(alert).toHaveTextContent('You started from version 3, but someone else has saved version 4 since.');
    const differences = await within(alert).findByRole('table', { name: 'What differs' });
    expect(within(differences).getByRole('row', { name: /Name/ })).toHaveTextContent('Kubernetes (their edit)My new name');
    expect(within(differences).getByRole('row', { name: /Price/ })).toHaveTextContent('$2,600.00');
    expect(screen.getByLabelText('Name')).toHaveValue('My new name'); // nothing typed is lost

    await user.click(within(alert).getByRole('button', { name: 'Load their version' }));

    expect(await screen.findByText('Their version 4 is loaded; your unsaved changes were dropped.')).toBeVisible();
    expect(screen.getByLabelText('Name')).toHaveValue('Kubernetes (their edit)');
    expect(screen.getByLabelText('Amount')).toHaveValue('2600.00');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(calls.filter((call) => call.method === 'GET')).toHaveLength(2);
  });

  it('announces a newer version saved elsewhere as soon as its event arrives', async () => {
    vi.stubGlobal('fetch', fakeFetch(() => json(200, product)).fetch);
    const { realtime } = renderEditor();
    await screen.findByLabelText('Name');

    realtime.emit({
      type: 'product.updated',
      eventId: 42,
      resourceType: 'product',
      resourceId: product.id,
      payload: { ...product, eventId: 42, name: 'Renamed elsewhere', version: 5 },
    });

    expect(await screen.findByText(/Version 5 was saved by someone else while you are editing/)).toBeVisible();
    expect(screen.getByLabelText('Name')).toHaveValue(product.name);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Load their version' }));
    await waitFor(() => expect(screen.getByLabelText('Name')).toHaveValue('Renamed elsewhere'));
  });
});
