import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import { COURSE } from '../testing/course';
import { CourseView } from './course-view';
import { DocumentView } from './document-view';
import { shallowestHeading } from './markdown';

describe('a generated course', () => {
  it('shows its modules one at a time, their lessons with Markdown content, and their quizzes, in a right outline', async () => {
    renderWithProviders(<CourseView course={COURSE} />);
    const user = userEvent.setup();

    expect(screen.getByRole('heading', { level: 2, name: 'Cloud basics for teams' })).toBeVisible();
    expect(screen.getByText('cloud', { selector: 'strong' })).toBeVisible();
    const contents = screen.getByRole('navigation', { name: 'Contents' });
    expect(
      within(contents)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Module 1: Module title 1', 'Module 2: Module title 2']);
    expect(within(contents).getAllByText('3 lessons')).toHaveLength(2);
    expect(screen.getByRole('region', { name: 'Module 1: Module title 1' })).toBeVisible();
    expect(screen.queryByRole('region', { name: 'Module 2: Module title 2' })).toBeNull();

    await user.click(within(contents).getByRole('link', { name: 'Module 2: Module title 2' }));

    const module2 = screen.getByRole('region', { name: 'Module 2: Module title 2' });
    expect(module2).toHaveFocus();
    expect(within(contents).getByRole('link', { name: 'Module 2: Module title 2' })).toHaveAttribute('aria-current', 'true');
    expect(screen.queryByRole('region', { name: 'Module 1: Module title 1' })).toBeNull();
    expect(within(module2).getByRole('heading', { level: 3, name: 'Module 2: Module title 2' })).toBeVisible();
    const lesson = within(module2).getByRole('article', { name: 'Lesson 2.3: Lesson title 2.3' });
    expect(within(lesson).getByRole('heading', { level: 4 })).toHaveTextContent('Lesson 2.3: Lesson title 2.3');
    expect(within(lesson).getByText('20 minutes')).toBeVisible();
    expect(within(lesson).getByText('Topics: regions, zones')).toBeVisible();
    // The lesson's `## Introduction` sits one level below the lesson's title.
    expect(within(lesson).getByRole('heading', { level: 5, name: 'Introduction' })).toBeVisible();
    expect(within(lesson).getByRole('table')).toHaveTextContent('eu-1');
    expect(within(lesson).getByText('code 2.3').closest('pre')).toHaveAttribute('tabindex', '0');

    const quiz = within(module2).getByRole('region', { name: 'Quiz: Module title 2' });
    expect(within(quiz).getByRole('heading', { level: 4 })).toBeVisible();
    expect(within(quiz).getAllByText(/^Question 2\.\d\?$/)).toHaveLength(5);
  });

  it('opens at the lesson a search result names (?module=2&lesson=3), and leaves it when another module is chosen', async () => {
    renderWithProviders(<CourseView course={COURSE} />, { path: '/studio/jobs/1?module=2&lesson=3' });
    const user = userEvent.setup();

    const lesson = screen.getByRole('article', { name: 'Lesson 2.3: Lesson title 2.3' });
    expect(lesson).toHaveFocus();
    expect(lesson).toHaveAttribute('aria-current', 'location');
    expect(screen.getByRole('article', { name: 'Lesson 2.1: Lesson title 2.1' })).not.toHaveAttribute('aria-current');

    await user.click(screen.getByRole('button', { name: '← Previous: Module title 1' }));
    await user.click(screen.getByRole('button', { name: 'Next: Module title 2 →' }));

    expect(screen.getByRole('region', { name: 'Module 2: Module title 2' })).toHaveFocus();
    expect(screen.getByRole('article', { name: 'Lesson 2.3: Lesson title 2.3' })).not.toHaveAttribute('aria-current');
  });

  it('pages through the modules, each shown from its heading', async () => {
    const scrolled = vi.spyOn(Element.prototype, 'scrollIntoView');
    renderWithProviders(<CourseView course={COURSE} />);
    const user = userEvent.setup();

    expect(screen.queryByRole('button', { name: /Previous/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Next: Module title 2 →' }));
    expect(screen.getByRole('region', { name: 'Module 2: Module title 2' })).toHaveFocus();
    expect(scrolled).toHaveBeenCalledExactlyOnceWith({ block: 'start' });
    expect(scrolled.mock.contexts[0]).toBe(screen.getByRole('region', { name: 'Module 2: Module title 2' }));
    scrolled.mockRestore();
    expect(screen.queryByRole('button', { name: /Next/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: '← Previous: Module title 1' }));
    expect(screen.getByRole('region', { name: 'Module 1: Module title 1' })).toHaveFocus();
  });

  it('lists each question’s options by letter and keeps the answer hidden until asked', async () => {
    renderWithProviders(<CourseView course={COURSE} />);
    const user = userEvent.setup();

    const options = screen.getByRole('list', { name: 'Question 1.2?' });
    expect(
      within(options)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['AOption A: Paris', 'BOption B: Tokyo', 'COption C: Lima', 'DOption D: Oslo']);
    const answer = screen.getAllByText('Answer: B — Tokyo')[1]!;
    expect(answer).not.toBeVisible();

    await user.click(screen.getAllByText('Show the answer to question 2')[0]!);

    expect(screen.getAllByText('Answer: B — Tokyo')[1]).toBeVisible();
    expect(screen.getByText('Because 1.2.')).toBeVisible();
  });

  it('speaks Japanese', () => {
    renderWithProviders(<CourseView course={COURSE} />, { locale: 'ja' });

    expect(screen.getByRole('heading', { name: 'モジュール1：Module title 1' })).toBeVisible();
    expect(screen.getByRole('heading', { name: 'クイズ：Module title 1' })).toBeVisible();
  });
});

describe('a generated document', () => {
  it('renders its Markdown with its title as the section heading', () => {
    renderWithProviders(
      <DocumentView
        document={{
          title: 'Migration proposal',
          sections: [{ heading: 'Summary', body: 'We move.' }],
          markdown: '# Migration proposal\n\n## Summary\n\nWe move.\n\n- one\n- two',
        }}
      />,
    );

    expect(screen.getByRole('heading', { level: 2, name: 'Migration proposal' })).toBeVisible();
    expect(screen.getByRole('heading', { level: 3, name: 'Summary' })).toBeVisible();
    expect(screen.getAllByRole('listitem')).toHaveLength(2);
  });

  it('opens at the section a search result names (?section=n), focused and marked', () => {
    renderWithProviders(
      <DocumentView
        document={{
          title: 'Migration proposal',
          sections: [
            { heading: 'Summary', body: 'We move.' },
            { heading: 'Pricing', body: 'It costs.' },
          ],
          markdown: '# Migration proposal\n\n## Summary\n\nWe move.\n\n## Pricing\n\nIt costs.',
        }}
      />,
      { path: '/studio/jobs/1?section=2' },
    );

    const pricing = screen.getByRole('heading', { level: 3, name: 'Pricing' });
    expect(pricing).toHaveFocus();
    expect(pricing).toHaveClass('document-section-target');
  });

  it('finds the shallowest heading outside code blocks', () => {
    expect(shallowestHeading('## A\n\n### B')).toBe(2);
    expect(shallowestHeading('```\n# not a heading\n```\n\n### B')).toBe(3);
    expect(shallowestHeading('no headings')).toBe(1);
  });
});
