import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './settings.mjs';
import { account, apiAs, header, register, signIn, signUp, uniqueSuffix } from './support';

const unique = uniqueSuffix();
const customer = account('Kenji Mori', 'kenji', unique);
const topic = `Enterprise cloud architecture ${unique}`;

test('a customer generates a course in the AI studio, watches it live, reads it and downloads it', async ({ page, shot }) => {
  await test.step('sign up and open the studio', async () => {
    await signUp(page, customer);
    await page.getByRole('banner').getByRole('link', { name: 'AI studio' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'AI studio' })).toBeVisible();
    await expect(page.getByText('No jobs yet')).toBeVisible();
    // Live from here on: the connection indicator says so before the job starts.
    await expect(page.getByRole('banner').getByRole('status')).toHaveText('Live');
  });

  await test.step('the request form checks its fields before asking the server', async () => {
    await page.getByLabel('Topic').fill('AWS');
    await page.getByRole('button', { name: 'Start generating' }).click();
    await expect(page.getByText('Enter a topic of at least 5 characters.')).toBeVisible();
    await expect(page.getByLabel('Topic')).toBeFocused();
    await expect(page.getByLabel('Objective 1')).toHaveAccessibleDescription('Enter this objective, or remove it.');
  });

  await test.step('start a course job', async () => {
    await page.getByLabel('Topic').fill(topic);
    await page.getByLabel('Audience').fill('Backend engineers moving to the cloud');
    await page.getByLabel('Level').selectOption('intermediate');
    await page.getByLabel('Length in hours').fill('6');
    await page.getByLabel('Objective 1').fill('Design a landing zone');
    await page.getByLabel('Objective 2').fill('Plan networks across regions');
    await page.getByLabel('Objective 3').fill('Keep cloud costs under control');
    await page.getByRole('button', { name: 'Start generating' }).click();
    await expect(page.getByText('The job has started. Its progress appears in your jobs.')).toBeVisible();
  });

  const bar = page.getByRole('progressbar', { name: `Progress of “${topic}”` });
  await test.step('the progress bar moves to completion live, without a reload', async () => {
    await expect(bar).toBeVisible();
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations.push(frame.url());
    });
    await expect(bar).toHaveAttribute('aria-valuemax', /^[1-9]\d*$/, { timeout: 60_000 });
    const max = await bar.getAttribute('aria-valuemax');
    await expect(bar).toHaveAttribute('aria-valuenow', max!, { timeout: 60_000 });
    const card = page.getByRole('listitem').filter({ has: bar });
    await expect(card.getByText('Completed')).toBeVisible();
    await expect(card.getByText(`${max} of ${max} steps`)).toBeVisible();
    expect(navigations).toEqual([]);
    await shot(page, 'studio-jobs');
  });

  await test.step('open the course: modules, lessons and quizzes', async () => {
    await page.getByRole('link', { name: topic, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: topic })).toBeVisible();
    await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', /\d+/);
    await expect(page.getByText('The offline generator (no language model wrote this)')).toBeVisible();
    await expect(page.getByRole('heading', { level: 3, name: /^Module 1: / })).toBeVisible();
    const contents = page.getByRole('navigation', { name: 'Contents' });
    const modules = contents.getByRole('link', { name: /^Module \d+: / });
    expect(await modules.count()).toBeGreaterThanOrEqual(4);
    await expect(page.getByRole('heading', { level: 4, name: /^Lesson 1\.1: / })).toBeVisible();
    await expect(page.getByRole('heading', { level: 4, name: /^Quiz: / }).first()).toBeVisible();

    const firstQuestion = page.getByText('Show the answer to question 1', { exact: true }).first();
    const details = page.locator('details.quiz-answer').first();
    await expect(details.getByText(/^Answer: [A-D] — /)).toBeHidden();
    await firstQuestion.click();
    await expect(details.getByText(/^Answer: [A-D] — /)).toBeVisible();
    await shot(page, 'studio-job-detail');

    await modules.nth(1).click();
    await expect(page.getByRole('region', { name: /^Module 2: / })).toBeFocused();
    await expect(page.getByRole('heading', { level: 4, name: /^Lesson 2\.1: / })).toBeVisible();
    await expect(page).toHaveURL(/\?module=2$/);
  });

  await test.step('download the course as Markdown', async () => {
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Markdown' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.md$/);
    const markdown = await readFile(await download.path(), 'utf8');
    expect(markdown).toMatch(/^# /);
    expect(markdown).toContain('## Module 1: ');
    expect(markdown).toContain('### Lesson 1.1: ');
    expect(markdown).toMatch(/Quiz/);
  });

  await test.step('back in the studio, the job is listed as completed after a reload too', async () => {
    await page.getByRole('link', { name: 'AI studio', exact: true }).first().click();
    await page.reload();
    await expect(bar).toHaveAttribute('aria-valuenow', /\d+/);
    await expect(page.getByText('1 job', { exact: true })).toBeVisible();
  });

  await test.step('the studio and the course work 360 px wide', async () => {
    await page.setViewportSize({ width: 360, height: 780 });
    await expect(bar).toBeVisible();
    await shot(page, 'studio-jobs-narrow');
    await page.getByRole('link', { name: topic, exact: true }).click();
    await expect(page.getByRole('heading', { level: 3, name: /^Module 1: / })).toBeVisible();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
  });
});

const trial = account('Aiko Trial', 'aiko', unique);

test('a customer spends the studio’s free allowance and is offered the course as an order with the same request', async ({
  page,
  openContext,
  shot,
  expectConsoleError,
}) => {
  const session = await register(page.request, trial);

  await test.step('an admin gives the customer a small allowance on the users page', async () => {
    const adminPage = await (await openContext()).newPage();
    await signIn(adminPage, ADMIN_EMAIL, ADMIN_PASSWORD);
    await adminPage.goto(`/admin/users?q=${encodeURIComponent(trial.email)}`);
    const row = adminPage.getByTestId(`user-row-${trial.email}`);
    await row.getByRole('button', { name: `AI allowance of ${trial.name}` }).click();
    await expect(row.getByTestId('user-allowance')).toHaveText('100,000 of 100,000 tokens left this month (the default)');
    await row.getByLabel(`Tokens per month for ${trial.name}`).fill('60000');
    await row.getByRole('button', { name: 'Save' }).click();
    await expect(row.getByTestId('user-allowance')).toHaveText('60,000 of 60,000 tokens left this month (set for this user)');
  });

  const allowance = page.getByTestId('studio-allowance');
  const fillCourse = async (topicText: string) => {
    await page.getByLabel('Topic').fill(topicText);
    await page.getByLabel('Audience').fill('Engineering leads');
    await page.getByLabel('Length in hours').fill('2');
    await page.getByLabel('Objective 1').fill('Prepare a negotiation');
    await page.getByLabel('Objective 2').fill('Anchor the first offer');
    await page.getByLabel('Objective 3').fill('Close with a written summary');
    await page.getByRole('button', { name: 'Start generating' }).click();
  };

  const first = `Negotiation for engineers ${unique}`;
  await test.step('the studio shows the allowance, and a course spends part of it', async () => {
    await signIn(page, trial.email, trial.password);
    await header(page).getByRole('link', { name: 'AI studio' }).click();
    await expect(allowance).toContainText('Free trial: 60,000 of 60,000 tokens left this month');
    await fillCourse(first);
    await expect(page.getByText('The job has started. Its progress appears in your jobs.')).toBeVisible();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: first, exact: true }) });
    await expect(card.getByText('Completed')).toBeVisible({ timeout: 90_000 });
    // Settled to what the course used: part of the allowance is gone, nothing is held any more.
    await expect(allowance).toContainText(/Free trial: (?!60,000)[\d,]+ of 60,000 tokens left this month/, { timeout: 30_000 });
    await expect(allowance).not.toContainText('held for jobs in progress');
  });

  const second = `Salary talks for new managers ${unique}`;
  await test.step('a course that does not fit is refused and offered as an order with the same request', async () => {
    expectConsoleError(/status of 429 .*\/api\/ai\/jobs\)$/);
    await fillCourse(second);
    await expect(page.getByRole('alert')).toContainText('Your free monthly allowance has no room for this job.');
    await expect(page.getByRole('heading', { name: 'Order it instead' })).toBeVisible();
    await shot(page, 'studio-allowance');
  });

  await test.step('the order form starts from the studio’s request, and the order is placed', async () => {
    await page
      .getByRole('link', { name: /^Order “.+” with this request$/ })
      .first()
      .click();
    await expect(page).toHaveURL(/\/orders\/new\?productId=/);
    await expect(
      page.getByText('Filled in with the request you entered in the AI studio; change anything before you order.'),
    ).toBeVisible();
    await expect(page.getByLabel('Topic')).toHaveValue(second);
    await expect(page.getByLabel('Audience')).toHaveValue('Engineering leads');
    await expect(page.getByLabel('Objective 3')).toHaveValue('Close with a written summary');
    await page.getByRole('button', { name: 'Place order' }).click();
    await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
    const orderId = page.url().split('/').pop()!;
    const order = await apiAs(page.request, session).get(`/api/orders/${orderId}`);
    expect(order.input).toMatchObject({
      topic: second,
      targetAudience: 'Engineering leads',
      estimatedHours: 2,
      learningObjectives: ['Prepare a negotiation', 'Anchor the first offer', 'Close with a written summary'],
    });
  });

  await test.step('the allowance in Japanese', async () => {
    await header(page).getByLabel('Language').selectOption('ja');
    await header(page).getByRole('link', { name: 'AI スタジオ' }).click();
    await expect(allowance).toContainText(/無料トライアル: 今月の残りは60,000トークン中[\d,]+トークンです/);
    await shot(page, 'studio-allowance-ja');
  });
});
