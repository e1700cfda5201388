import type { CourseOutput, Job } from '../types';

export const JOB_ID = '0b6f7f0e-4a43-4a7b-8d0a-5d8f0f7f1a01';

/** A job as the API renders it (JSON), with overrides. */
export function jobJson(overrides: Partial<Record<keyof Job, unknown>> = {}) {
  return {
    id: JOB_ID,
    type: 'course_generation',
    status: 'running',
    userId: '5f0c8a5e-2f6b-4c3e-9a51-0d8c7d1e2f3a',
    orderId: null,
    input: {
      topic: 'Cloud basics for teams',
      targetAudience: 'Developers',
      difficulty: 'beginner',
      estimatedHours: 4,
      learningObjectives: ['a', 'b', 'c'],
    },
    progress: { step: 'lesson-1-2', completedSteps: 3, totalSteps: 10, message: 'Writing lesson 3 of 8: Regions' },
    priority: 0,
    attempts: 1,
    maxAttempts: 3,
    error: null,
    cancelRequested: false,
    tokenUsage: { input: 0, output: 0 },
    estimatedCost: '0.000000',
    generatedBy: null,
    runAt: '2026-11-26T07:00:00Z',
    createdAt: '2026-11-26T07:00:00Z',
    startedAt: '2026-11-26T07:00:01Z',
    completedAt: null,
    updatedAt: '2026-11-26T07:00:02Z',
    version: 3,
    ...overrides,
  };
}

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
