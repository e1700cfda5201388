import { forwardRef, useEffect, useId, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { Button } from '@/components/ui/button';
import { useI18n } from '@/lib/i18n/i18n-provider';
import type { CourseModule, CourseOutput, QuizQuestion } from '../types';
import { Markdown } from './markdown';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function letter(index: number): string {
  return LETTERS[index] ?? String(index + 1);
}

/**
 * A generated course: its description, a table of contents, then one module at a time (`?module=n`,
 * so it can be linked and the back button works) with its lessons (their Markdown content) and its
 * quiz. Quiz answers stay hidden until asked for (a disclosure per
 * question), so the quiz can be taken first.
 */
export function CourseView({ course }: { course: CourseOutput }) {
  const { t, plural } = useI18n();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const count = course.modules.length;
  const requested = Number.parseInt(params.get('module') ?? '1', 10);
  const current = Number.isFinite(requested) && requested >= 1 && requested <= count ? requested : 1;
  const moduleRef = useRef<HTMLElement>(null);
  const chosen = useRef(false);
  // A search result's link names the lesson that matched (`?module=2&lesson=3`): it is marked and shown.
  const wantedLesson = current === requested ? Number.parseInt(params.get('lesson') ?? '', 10) : Number.NaN;

  useEffect(() => {
    // After the reader picks another module, take them (and their screen reader) to its heading:
    // its top, not wherever focusing a section taller than the screen would scroll.
    if (chosen.current) {
      moduleRef.current?.scrollIntoView({ block: 'start' });
      moduleRef.current?.focus({ preventScroll: true });
    }
  }, [current]);

  function show(n: number) {
    chosen.current = true;
    setParams((now) => {
      const next = new URLSearchParams(now);
      if (n === 1) next.delete('module');
      else next.set('module', String(n));
      next.delete('lesson');
      return next;
    });
  }

  const module = course.modules[current - 1];
  return (
    <article className="course" aria-labelledby={`${id}-title`}>
      <header className="course-header">
        <p className="course-kicker">{t('studio.course.kicker')}</p>
        <h2 id={`${id}-title`}>{course.title}</h2>
        {course.description ? <Markdown top={3}>{course.description}</Markdown> : null}
        {course.prerequisites.length > 0 ? (
          <>
            <h3>{t('studio.course.prerequisites')}</h3>
            <ul>
              {course.prerequisites.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          </>
        ) : null}
        {course.assessmentStrategy ? (
          <>
            <h3>{t('studio.course.assessment')}</h3>
            <Markdown top={4}>{course.assessmentStrategy}</Markdown>
          </>
        ) : null}
      </header>

      <nav className="course-toc" aria-labelledby={`${id}-contents`}>
        <h3 id={`${id}-contents`}>{t('studio.course.contents')}</h3>
        <ol>
          {course.modules.map((item, index) => (
            <li key={index}>
              <a
                href={`?module=${index + 1}`}
                aria-current={index + 1 === current ? 'true' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  show(index + 1);
                }}
              >
                {t('studio.course.moduleHeading', { n: index + 1, title: item.title })}
              </a>{' '}
              <span className="muted">{plural('studio.course.lessons', item.lessons.length)}</span>
            </li>
          ))}
        </ol>
      </nav>

      {module ? (
        <ModuleSection
          ref={moduleRef}
          module={module}
          number={current}
          anchor={`${id}-module-${current}`}
          lesson={Number.isFinite(wantedLesson) ? wantedLesson : null}
        />
      ) : null}

      {count > 1 ? (
        <nav className="course-pager" aria-label={t('studio.course.pager')}>
          {current > 1 ? (
            <Button variant="secondary" onClick={() => show(current - 1)}>
              {t('studio.course.previous', { title: course.modules[current - 2]!.title })}
            </Button>
          ) : (
            <span />
          )}
          {current < count ? (
            <Button variant="secondary" onClick={() => show(current + 1)}>
              {t('studio.course.next', { title: course.modules[current]!.title })}
            </Button>
          ) : null}
        </nav>
      ) : null}
    </article>
  );
}

const ModuleSection = forwardRef<HTMLElement, { module: CourseModule; number: number; anchor: string; lesson: number | null }>(
  function ModuleSection({ module, number, anchor, lesson: wanted }, ref) {
    const { t, plural } = useI18n();
    const target = useRef<HTMLElement>(null);
    useEffect(() => {
      // Opened at a lesson (a search result's link): take the reader, and their screen reader, to it.
      if (target.current) {
        target.current.focus({ preventScroll: true });
        target.current.scrollIntoView?.({ block: 'start' });
      }
    }, [wanted, number]);
    return (
      <section ref={ref} className="course-module" id={anchor} aria-labelledby={`${anchor}-title`} tabIndex={-1}>
        <h3 id={`${anchor}-title`}>{t('studio.course.moduleHeading', { n: number, title: module.title })}</h3>
        {module.summary ? <p className="course-summary">{module.summary}</p> : null}
        {module.lessons.map((lesson, index) => (
          <article
            key={index}
            ref={index + 1 === wanted ? target : undefined}
            tabIndex={index + 1 === wanted ? -1 : undefined}
            aria-current={index + 1 === wanted ? 'location' : undefined}
            className={index + 1 === wanted ? 'course-lesson course-lesson-target' : 'course-lesson'}
            aria-labelledby={`${anchor}-lesson-${index + 1}`}
          >
            <h4 id={`${anchor}-lesson-${index + 1}`}>
              {t('studio.course.lessonHeading', { n: `${number}.${index + 1}`, title: lesson.title })}
            </h4>
            <p className="course-lesson-meta muted">
              {lesson.durationMinutes > 0 ? <span>{plural('studio.course.minutes', lesson.durationMinutes)}</span> : null}
              {lesson.topics.length > 0 ? <span>{t('studio.course.topics', { topics: lesson.topics.join(', ') })}</span> : null}
            </p>
            <Markdown top={5}>{lesson.content}</Markdown>
          </article>
        ))}
        {module.quiz.questions.length > 0 ? (
          <section className="course-quiz" aria-labelledby={`${anchor}-quiz`}>
            <h4 id={`${anchor}-quiz`}>{t('studio.course.quizHeading', { title: module.title })}</h4>
            <ol className="quiz-questions">
              {module.quiz.questions.map((question, index) => (
                <QuizItem key={index} question={question} id={`${anchor}-q${index + 1}`} number={index + 1} />
              ))}
            </ol>
          </section>
        ) : null}
      </section>
    );
  },
);

function QuizItem({ question, id, number }: { question: QuizQuestion; id: string; number: number }) {
  const { t } = useI18n();
  const answer = question.options[question.answerIndex];
  return (
    <li className="quiz-question">
      <p id={id} className="quiz-question-text">
        {question.question}
      </p>
      <ol className="quiz-options" aria-labelledby={id}>
        {question.options.map((option, index) => (
          <li key={index}>
            <span className="quiz-letter" aria-hidden="true">
              {letter(index)}
            </span>
            <span className="visually-hidden">{t('studio.course.option', { letter: letter(index) })} </span>
            {option}
          </li>
        ))}
      </ol>
      <details className="quiz-answer">
        <summary>{t('studio.course.showAnswer', { n: number })}</summary>
        <p>
          <strong>
            {answer !== undefined
              ? t('studio.course.answer', { letter: letter(question.answerIndex), option: answer })
              : t('studio.course.answerUnknown')}
          </strong>
        </p>
        {question.explanation ? <p>{question.explanation}</p> : null}
      </details>
    </li>
  );
}
