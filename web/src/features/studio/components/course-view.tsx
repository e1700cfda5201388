import { useId } from 'react';
import { useI18n } from '@/lib/i18n/i18n-provider';
import type { CourseModule, CourseOutput, QuizQuestion } from '../types';
import { Markdown } from './markdown';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function letter(index: number): string {
  return LETTERS[index] ?? String(index + 1);
}

/**
 * A generated course: its description, a table of contents, then each module with its lessons
 * (their Markdown content) and its quiz. Quiz answers stay hidden until asked for (a disclosure per
 * question), so the quiz can be taken first.
 */
export function CourseView({ course }: { course: CourseOutput }) {
  const { t, plural } = useI18n();
  const id = useId();
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

      <nav className="course-toc" aria-label={t('studio.course.contents')}>
        <h3>{t('studio.course.contents')}</h3>
        <ol>
          {course.modules.map((module, index) => (
            <li key={index}>
              <a href={`#${id}-module-${index + 1}`}>
                {t('studio.course.moduleHeading', { n: index + 1, title: module.title })}
              </a>{' '}
              <span className="muted">{plural('studio.course.lessons', module.lessons.length)}</span>
            </li>
          ))}
        </ol>
      </nav>

      {course.modules.map((module, index) => (
        <ModuleSection key={index} module={module} number={index + 1} anchor={`${id}-module-${index + 1}`} />
      ))}
    </article>
  );
}

function ModuleSection({ module, number, anchor }: { module: CourseModule; number: number; anchor: string }) {
  const { t, plural } = useI18n();
  return (
    <section className="course-module" id={anchor} aria-labelledby={`${anchor}-title`} tabIndex={-1}>
      <h3 id={`${anchor}-title`}>{t('studio.course.moduleHeading', { n: number, title: module.title })}</h3>
      {module.summary ? <p className="course-summary">{module.summary}</p> : null}
      {module.lessons.map((lesson, index) => (
        <article key={index} className="course-lesson" aria-labelledby={`${anchor}-lesson-${index + 1}`}>
          <h4 id={`${anchor}-lesson-${index + 1}`}>
            {t('studio.course.lessonHeading', { n: `${number}.${index + 1}`, title: lesson.title })}
          </h4>
          <p className="course-lesson-meta muted">
            {lesson.durationMinutes > 0 ? <span>{plural('studio.course.minutes', lesson.durationMinutes)}</span> : null}
            {lesson.topics.length > 0 ? (
              <span>{t('studio.course.topics', { topics: lesson.topics.join(', ') })}</span>
            ) : null}
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
}

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
