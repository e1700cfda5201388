import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { account, signUp, uniqueSuffix } from './support';

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
