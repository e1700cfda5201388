import { zodResolver } from '@hookform/resolvers/zod';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FormProvider, useForm } from 'react-hook-form';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError } from '@/lib/problem';
import { renderWithProviders } from '@/testing/render';
import { GenerationRequestFields } from './generation-request-fields';
import { GenerationRequestForm } from './generation-request-form';
import { courseRequestSchema, generationRequestDefaults, toGenerationInput } from './schema';
import { applyGenerationRequestErrors } from './server-errors';

async function fillCourse(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Topic'), 'Enterprise cloud architecture');
  await user.type(screen.getByLabelText('Audience'), 'Backend engineers');
  await user.selectOptions(screen.getByLabelText('Level'), 'Advanced');
  await user.clear(screen.getByLabelText('Length in hours'));
  await user.type(screen.getByLabelText('Length in hours'), '12.5');
  await user.type(screen.getByLabelText('Objective 1'), 'Design landing zones');
  await user.type(screen.getByLabelText('Objective 2'), 'Plan hybrid networks');
  await user.type(screen.getByLabelText('Objective 3'), 'Keep costs in check');
}

describe('the generation request form on its own', () => {
  it('shows every broken rule on its field and sends nothing', async () => {
    const onSubmit = vi.fn();
    renderWithProviders(<GenerationRequestForm kind="course" submitLabel="Start" onSubmit={onSubmit} />);
    const user = userEvent.setup();

    await user.type(screen.getByLabelText('Topic'), 'AWS');
    await user.clear(screen.getByLabelText('Length in hours'));
    await user.clear(screen.getByLabelText('Language of the content'));
    await user.type(screen.getByLabelText('Language of the content'), 'English');
    await user.click(screen.getByRole('button', { name: 'Start' }));

    expect(await screen.findByText('Enter a topic of at least 5 characters.')).toBeVisible();
    expect(screen.getByLabelText('Topic')).toHaveFocus();
    expect(screen.getByLabelText('Topic')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Audience')).toHaveAccessibleDescription(/Say who it is for\./);
    expect(screen.getByLabelText('Length in hours')).toHaveAccessibleDescription(/Enter the length in hours\./);
    expect(screen.getByLabelText('Objective 2')).toHaveAccessibleDescription('Enter this objective, or remove it.');
    expect(screen.getByLabelText('Language of the content')).toHaveAccessibleDescription(
      /Enter a language tag such as en, ja or pt-BR\./,
    );
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends the API input: trimmed, objectives as strings, hours as a number', async () => {
    const onSubmit = vi.fn(async () => {});
    renderWithProviders(<GenerationRequestForm kind="course" submitLabel="Start" onSubmit={onSubmit} />);
    const user = userEvent.setup();

    await fillCourse(user);
    await user.click(screen.getByRole('button', { name: 'Add an objective' }));
    await user.type(screen.getByLabelText('Objective 4'), '  Run a migration  ');
    await user.click(screen.getByRole('button', { name: 'Start' }));

    await waitFor(() => expect(onSubmit).toHaveBeenCalledOnce());
    expect(onSubmit).toHaveBeenCalledWith({
      topic: 'Enterprise cloud architecture',
      targetAudience: 'Backend engineers',
      difficulty: 'advanced',
      estimatedHours: 12.5,
      learningObjectives: ['Design landing zones', 'Plan hybrid networks', 'Keep costs in check', 'Run a migration'],
      format: 'text',
      language: 'en',
    });
  });

  it('lets objectives be added up to 10 and each one removed, asking for 3 when fewer are left', async () => {
    const onSubmit = vi.fn();
    renderWithProviders(<GenerationRequestForm kind="course" submitLabel="Start" onSubmit={onSubmit} />);
    const user = userEvent.setup();

    expect(screen.getAllByRole('button', { name: /Remove objective/ })).toHaveLength(3);
    await user.click(screen.getByRole('button', { name: 'Remove objective 1' }));
    expect(screen.queryByLabelText('Objective 3')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Start' }));
    expect(await screen.findByText('Give at least 3 learning objectives.')).toBeVisible();
    expect(onSubmit).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Add an objective' }));

    for (let i = 0; i < 7; i += 1) {
      await user.click(screen.getByRole('button', { name: 'Add an objective' }));
    }
    expect(screen.getByLabelText('Objective 10')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add an objective' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Remove objective 10' }));
    expect(screen.queryByLabelText('Objective 10')).toBeNull();
  });

  it('puts the server’s invalid_input errors on the fields they name', async () => {
    const onSubmit = vi.fn(async () => {
      throw new ApiError({
        status: 422,
        code: 'invalid_input',
        detail: 'The input does not match the product',
        fieldErrors: [
          { field: 'input.learningObjectives[1]', message: 'must match the pattern' },
          { field: 'input.topic', message: 'is not allowed here' },
        ],
      });
    });
    renderWithProviders(<GenerationRequestForm kind="course" submitLabel="Start" onSubmit={onSubmit} />);
    const user = userEvent.setup();

    await fillCourse(user);
    await user.click(screen.getByRole('button', { name: 'Start' }));

    expect(await screen.findByText('must match the pattern')).toBeVisible();
    expect(screen.getByLabelText('Objective 2')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Topic')).toHaveAccessibleDescription(/is not allowed here/);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows other problems above the form, worded by the caller when it wants', async () => {
    const onSubmit = vi.fn(async () => {
      throw new ApiError({ status: 429, code: 'budget_exceeded', detail: 'No tokens left' });
    });
    renderWithProviders(
      <GenerationRequestForm
        kind="course"
        submitLabel="Start"
        onSubmit={onSubmit}
        describeError={(error) => (error instanceof ApiError && error.code === 'budget_exceeded' ? 'Budget gone' : null)}
      />,
    );
    const user = userEvent.setup();

    await fillCourse(user);
    await user.click(screen.getByRole('button', { name: 'Start' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Budget gone');
  });

  it('asks for a document with data points, each name once', async () => {
    const onSubmit = vi.fn(async () => {});
    renderWithProviders(<GenerationRequestForm kind="document" submitLabel="Start" onSubmit={onSubmit} />);
    const user = userEvent.setup();

    await user.selectOptions(screen.getByLabelText('Document type'), 'Report');
    await user.type(screen.getByLabelText('Title'), 'Quarterly cloud spend');
    await user.type(screen.getByLabelText('Audience'), 'Finance team');
    await user.click(screen.getByRole('button', { name: 'Add a data point' }));
    await user.type(screen.getByLabelText('Name of data point 1'), 'Spend');
    await user.type(screen.getByLabelText('Value of data point 1'), '42k USD');
    await user.click(screen.getByRole('button', { name: 'Add a data point' }));
    await user.type(screen.getByLabelText('Name of data point 2'), 'Spend');
    await user.click(screen.getByRole('button', { name: 'Start' }));

    expect(await screen.findByText('Another data point has this name.')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Remove data point 2' }));
    await user.click(screen.getByRole('button', { name: 'Start' }));

    await waitFor(() => expect(onSubmit).toHaveBeenCalledOnce());
    expect(onSubmit).toHaveBeenCalledWith({
      documentType: 'report',
      title: 'Quarterly cloud spend',
      audience: 'Finance team',
      dataPoints: { Spend: '42k USD' },
      language: 'en',
    });
  });

  it('speaks Japanese', async () => {
    renderWithProviders(<GenerationRequestForm kind="course" submitLabel="開始" onSubmit={vi.fn()} />, {
      locale: 'ja',
    });
    const user = userEvent.setup();

    expect(screen.getByLabelText('コンテンツの言語')).toHaveValue('ja');
    await user.click(screen.getByRole('button', { name: '開始' }));

    expect(await screen.findByText('テーマを5文字以上で入力してください。')).toBeVisible();
  });
});

/** How the order form embeds the request: under `input`, next to its own fields. */
const orderSchema = z.object({ quantity: z.number().int().min(1).max(100), input: courseRequestSchema });
type OrderValues = z.infer<typeof orderSchema>;

function OrderForm({ send }: { send: (body: unknown) => Promise<void> }) {
  const form = useForm<OrderValues>({
    resolver: zodResolver(orderSchema),
    defaultValues: { quantity: 1, input: generationRequestDefaults('course') },
  });
  const submit = form.handleSubmit(async (values) => {
    try {
      await send({ quantity: values.quantity, input: toGenerationInput('course', values.input) });
    } catch (error) {
      applyGenerationRequestErrors(error, {
        kind: 'course',
        prefix: 'input',
        setError: form.setError,
        getValues: form.getValues,
        otherFields: ['quantity'],
      });
    }
  });
  return (
    <FormProvider {...form}>
      <form onSubmit={submit} noValidate>
        <label htmlFor="quantity">Quantity</label>
        <input id="quantity" type="number" {...form.register('quantity', { valueAsNumber: true })} />
        {form.formState.errors.quantity ? <p>{form.formState.errors.quantity.message}</p> : null}
        <GenerationRequestFields kind="course" name="input" />
        <button type="submit">Order</button>
      </form>
    </FormProvider>
  );
}

describe('the generation request fields inside a bigger form', () => {
  it('validate under their name and send with the form', async () => {
    const send = vi.fn(async () => {});
    renderWithProviders(<OrderForm send={send} />);
    const user = userEvent.setup();

    await user.click(screen.getByRole('button', { name: 'Order' }));
    expect(await screen.findByText('Enter a topic of at least 5 characters.')).toBeVisible();
    expect(send).not.toHaveBeenCalled();

    await fillCourse(user);
    await user.click(screen.getByRole('button', { name: 'Order' }));

    await waitFor(() => expect(send).toHaveBeenCalledOnce());
    expect(send).toHaveBeenCalledWith({
      quantity: 1,
      input: expect.objectContaining({ topic: 'Enterprise cloud architecture', estimatedHours: 12.5 }),
    });
  });

  it('show the server’s errors for input.* on their fields, and the form’s own on its fields', async () => {
    const send = vi.fn(async () => {
      throw new ApiError({
        status: 422,
        code: 'invalid_input',
        fieldErrors: [
          { field: 'input.learningObjectives', message: 'must have at least 3 items' },
          { field: 'quantity', message: 'must be at most 100' },
        ],
      });
    });
    renderWithProviders(<OrderForm send={send} />);
    const user = userEvent.setup();

    await fillCourse(user);
    await user.click(screen.getByRole('button', { name: 'Order' }));

    expect(await screen.findByText('must have at least 3 items')).toBeVisible();
    expect(screen.getByText('must be at most 100')).toBeVisible();
  });
});
