import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { account, apiAs, header, productId, register, signIn, uniqueSuffix, type Session } from './support';

/**
 * Issue 12: the header's search box finds a customer's generated course at the lesson that matched and
 * opens the course there; the library offers the Content Search plan to a customer without it, and
 * with the plan takes a Markdown file and answers a question about it with a citation.
 */
const unique = uniqueSuffix();
const author = account('Aiko Ueda', 'aiko', unique);
const outsider = account('Ren Kato', 'ren', unique);
const subscriber = account('Mai Ono', 'mai', unique);

/** The header's search box, on every page. */
const searchBox = (page: Page) => header(page).getByRole('search').getByRole('searchbox');

async function searchFor(page: Page, words: string) {
  await searchBox(page).fill(words);
  await searchBox(page).press('Enter');
  await expect(page).toHaveURL(/\/search\?q=/);
}

/** The lesson of a course the search finds for `words` as this user, once the course is in the index. */
async function indexedLesson(api: ReturnType<typeof apiAs>, words: string, jobId: string) {
  let found: { lesson: { module: number; lesson: number; title: string } | null } | undefined;
  await expect
    .poll(
      async () => {
        const answer = (await api.get(`/api/search?types=course&q=${encodeURIComponent(words)}`)) as {
          results: { id: string; lesson: { module: number; lesson: number; title: string } | null }[];
        };
        found = answer.results.find((result) => result.id === jobId && result.lesson !== null);
        return found !== undefined;
      },
      { timeout: 30_000, message: 'the course is searchable after its job completed' },
    )
    .toBe(true);
  return found!.lesson!;
}

test('a customer finds a lesson of their generated course through the header search and opens it', async ({
  page,
  request,
  shot,
  expectConsoleError,
}) => {
  const session: Session = await register(request, author);
  const api = apiAs(request, session);
  const topic = `Sustainable urban beekeeping ${unique}`;
  const job = await api.post('/api/ai/jobs', {
    type: 'course_generation',
    input: {
      topic,
      targetAudience: 'City gardeners with a balcony or a roof',
      difficulty: 'beginner',
      estimatedHours: 4,
      learningObjectives: ['Choose a hive for a roof', 'Inspect a colony safely', 'Harvest honey in the city'],
      format: 'text',
      language: 'en',
    },
  });
  await expect
    .poll(async () => (await api.get(`/api/ai/jobs/${job.id}`)).status, { timeout: 90_000, message: 'the course is generated' })
    .toBe('completed');
  const course = (await api.get(`/api/ai/jobs/${job.id}/result`)) as {
    title: string;
    modules: { lessons: { title: string }[] }[];
  };
  const wanted = course.modules[1]!.lessons[0]!.title;
  const words = `${wanted} ${unique}`;
  await indexedLesson(api, words, job.id);

  await test.step('the header search box is on every page and finds the course by a lesson', async () => {
    await signIn(page, author.email, author.password);
    await page.goto('/catalog');
    await expect(searchBox(page)).toHaveAccessibleName('Search products, courses, documents and your library');
    // `/` puts the cursor in the box from anywhere on the page.
    await page.getByRole('heading', { level: 1 }).click();
    await page.keyboard.press('/');
    await expect(searchBox(page)).toBeFocused();
    await searchFor(page, words);
    await expect(page.getByRole('heading', { level: 1, name: 'Search results' })).toBeVisible();
    await expect(searchBox(page)).toHaveValue(words);
  });

  const courses = page.getByRole('region', { name: /^Courses/ });
  const result = courses.getByRole('listitem').filter({ has: page.getByRole('link', { name: course.title, exact: true }) });
  let place = '';
  await test.step('the course result names the lesson that matched, highlights the words and says how it was found', async () => {
    await expect(result).toBeVisible();
    place = (await result.locator('.search-place').textContent()) ?? '';
    expect(place).toMatch(/^Lesson \d+\.\d+: /);
    await expect(result.locator('mark').first()).toBeVisible();
    await expect(result.getByText(/^Found by (keyword|meaning)/)).toBeVisible();
    await shot(page, 'search-results');
  });

  await test.step('the search box and the results fit 360 px', async () => {
    await page.setViewportSize({ width: 360, height: 780 });
    await expect(searchBox(page)).toBeVisible();
    await expect(result).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shot(page, 'search-results-narrow');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  await test.step('the result opens the course reader at that lesson', async () => {
    await result.getByRole('link', { name: course.title, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/studio/jobs/${job.id}\\?module=\\d+&lesson=\\d+$`));
    const [, numbers] = /^Lesson (\d+\.\d+): /.exec(place)!;
    const moduleNumber = numbers!.split('.')[0];
    await expect(page.getByRole('heading', { level: 3, name: new RegExp(`^Module ${moduleNumber}: `) })).toBeVisible();
    const lesson = page.getByRole('heading', { level: 4, name: place, exact: true });
    await expect(lesson).toBeVisible();
    await expect(lesson).toBeInViewport();
    await expect(page.getByRole('article', { name: place, exact: true })).toBeFocused();
  });

  await test.step('an over-long query is explained, not a crash', async () => {
    expectConsoleError(/status of 400 .*\/api\/search\?q=a{501}/);
    await page.goto(`/search?q=${'a'.repeat(501)}`);
    await expect(page.getByRole('alert')).toContainText('This search cannot be run');
  });
});

test('the library offers the Content Search plan to a customer without it', async ({
  page,
  request,
  shot,
  expectConsoleError,
}) => {
  await register(request, outsider);
  expectConsoleError(/status of 403 .*\/api\/search\/uploads/);
  await signIn(page, outsider.email, outsider.password);
  await header(page).getByRole('link', { name: 'Library' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
  const offer = page.getByRole('region', { name: 'Get the Content Search plan' });
  await expect(offer).toBeVisible();
  await expect(page.getByLabel('File', { exact: true })).toHaveCount(0);
  await shot(page, 'library-offer');
  await offer.getByRole('link', { name: 'Get Content Search: Team Plan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Content Search: Team Plan' })).toBeVisible();
});

test('with the plan, a customer uploads a Markdown file, finds it, asks about it and follows the citation', async ({
  page,
  request,
  shot,
  expectConsoleError,
}) => {
  const session = await register(request, subscriber);
  const api = apiAs(request, session);
  const order = await api.post('/api/orders', { productId: await productId(request, 'Content Search: Team Plan'), quantity: 1 });
  await api.post(
    `/api/orders/${order.id}/payments`,
    { paymentMethod: 'pm_card_visa' },
    { 'Idempotency-Key': `search-${unique}` },
  );
  await expect
    .poll(async () => (await api.get(`/api/orders/${order.id}`)).status, { timeout: 30_000, message: 'the plan is granted' })
    .toBe('completed');

  const title = `Kyoto tea gathering ${unique}`;
  const markdown = [
    `# ${title}`,
    '',
    '## Preparing the matcha',
    '',
    `Sift two scoops of matcha into the warmed bowl, add seventy millilitres of water at eighty degrees and whisk in a quick zigzag until a fine foam forms. Guests of the ${unique} gathering receive the bowl with both hands.`,
    '',
    '## Cleaning up',
    '',
    'Rinse the whisk in warm water and let it dry on its stand.',
  ].join('\n');

  await test.step('the library takes a Markdown file and lists it', async () => {
    await signIn(page, subscriber.email, subscriber.password);
    await header(page).getByRole('link', { name: 'Library' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
    await expect(page.getByText('No files yet')).toBeVisible();
    await page
      .getByLabel('File', { exact: true })
      .setInputFiles({ name: 'tea-gathering.md', mimeType: 'text/markdown', buffer: Buffer.from(markdown) });
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await expect(page.getByText(`“${title}” was added`)).toBeVisible();
    await expect(page.getByRole('table', { name: 'Files in your library' }).getByRole('link', { name: title })).toBeVisible();
  });

  await test.step('a file of another kind is refused with a clear message', async () => {
    expectConsoleError(/status of 415 .*\/api\/search\/uploads/);
    await page
      .getByLabel('File', { exact: true })
      .setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47]) });
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText(/This kind of file cannot be added/);
    await expect(page.getByLabel('File', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  });

  await test.step('the header search finds the file at its section', async () => {
    await searchFor(page, `matcha zigzag ${unique}`);
    const files = page.getByRole('region', { name: /^Library files/ });
    await expect(files.getByRole('link', { name: title })).toBeVisible();
    await expect(files.getByText(/^Section \d+: Preparing the matcha$/)).toBeVisible();
  });

  await test.step('a question is answered with a numbered citation of the file', async () => {
    await header(page).getByRole('link', { name: 'Library' }).click();
    await page.getByLabel('Question').fill(`How is the matcha whisked at the ${unique} gathering?`);
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    const answer = page.getByRole('region', { name: 'Answer' });
    await expect(answer).toBeVisible({ timeout: 30_000 });
    await expect(answer.getByRole('link', { name: 'Source 1' })).toBeVisible();
    const sources = answer.getByRole('list');
    await expect(sources.getByRole('link', { name: title })).toBeVisible();
    await shot(page, 'library-answer');
    await sources.getByRole('link', { name: title }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.getByRole('article', { name: 'Preparing the matcha' })).toBeFocused();
    await shot(page, 'library-upload');
  });

  await test.step('the file is deleted after a second confirmation', async () => {
    await page.getByRole('link', { name: '← Back to the library' }).click();
    await page.getByRole('button', { name: `Delete “${title}”` }).click();
    await page.getByRole('button', { name: `Delete “${title}” for good` }).click();
    await expect(page.getByText('No files yet')).toBeVisible();
  });
});
