import type { CourseOutput } from '../types';

/** A generated course with two modules of three lessons and five quiz questions each. */
export const COURSE: CourseOutput = {
  title: 'Cloud basics for teams',
  description: 'A short course on **cloud** basics.',
  prerequisites: ['Some programming'],
  assessmentStrategy: 'A quiz after each module.',
  modules: [1, 2].map((m) => ({
    title: `Module title ${m}`,
    summary: `What module ${m} covers`,
    lessons: [1, 2, 3].map((l) => ({
      title: `Lesson title ${m}.${l}`,
      durationMinutes: 20,
      topics: ['regions', 'zones'],
      content: `## Introduction\n\nWhy lesson ${m}.${l} matters.\n\n## Examples\n\n| Region | Zones |\n|---|---|\n| eu-1 | 3 |\n\n\`\`\`\ncode ${m}.${l}\n\`\`\``,
      exercises: [
        { prompt: 'Try it', hint: 'Look up' },
        { prompt: 'Try more', hint: 'Look again' },
      ],
    })),
    quiz: {
      questions: [1, 2, 3, 4, 5].map((q) => ({
        question: `Question ${m}.${q}?`,
        options: ['Paris', 'Tokyo', 'Lima', 'Oslo'],
        answerIndex: 1,
        explanation: `Because ${m}.${q}.`,
      })),
    },
  })),
};
