import { z } from 'zod';

/**
 * The AI generation request: what a customer asks the CourseGeneratorAgent (course) or the
 * DocumentGeneratorAgent (document) for — directly in the studio (`POST /api/ai/jobs`) or with an
 * order of an `ai_course_generation` / `ai_document_generation` product (`POST /api/orders`).
 *
 * The rules are those of the server's JSON Schemas
 * `server/src/main/resources/schemas/course-input.schema.json` and `document-input.schema.json`
 * (schema.test.ts reads them and checks every limit). Text is trimmed before it is checked and
 * sent, so the rules hold for exactly what the server receives.
 *
 * Form values differ from the API input only where a form needs it: objectives and data points are
 * rows (`{value}`, `{name, value}`) for useFieldArray, and optional text left empty is not sent.
 * `toGenerationInput` turns form values into the API input, `generationValuesFromInput` back.
 */

export const GENERATION_KINDS = ['course', 'document'] as const;
export type GenerationKind = (typeof GENERATION_KINDS)[number];

export const DIFFICULTIES = ['beginner', 'intermediate', 'advanced'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export const COURSE_FORMATS = ['text', 'video', 'interactive'] as const;
export type CourseFormat = (typeof COURSE_FORMATS)[number];

export const DOCUMENT_TYPES = ['proposal', 'contract', 'report', 'presentation', 'faq'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** The job type of `POST /api/ai/jobs` for each kind. */
export const JOB_TYPES = { course: 'course_generation', document: 'document_generation' } as const;
export type GenerationJobType = (typeof JOB_TYPES)[GenerationKind];

/** The catalog category whose products deliver each kind (the studio's trial offers them). */
export const CATEGORY_OF_KIND = { course: 'ai_course_generation', document: 'ai_document_generation' } as const;

/** The request form a product category needs, or null when it takes free-form notes. */
export function generationKindOfCategory(category: string | null | undefined): GenerationKind | null {
  if (category === 'ai_course_generation') return 'course';
  if (category === 'ai_document_generation') return 'document';
  return null;
}

export function generationKindOfJobType(type: string | null | undefined): GenerationKind | null {
  if (type === JOB_TYPES.course) return 'course';
  if (type === JOB_TYPES.document) return 'document';
  return null;
}

/** BCP 47 as the schemas accept it: `en`, `ja`, `pt-BR`. */
export const LANGUAGE_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

export const LIMITS = {
  topic: { min: 5, max: 200 },
  targetAudience: { min: 1, max: 200 },
  estimatedHours: { min: 1, max: 100 },
  learningObjectives: { min: 3, max: 10 },
  objective: { min: 1, max: 300 },
  language: { max: 35 },
  title: { min: 3, max: 200 },
  audience: { min: 1, max: 200 },
  dataPoints: { max: 50 },
  dataPointName: { min: 1, max: 100 },
  dataPointValue: { max: 2000 },
  tone: { min: 1, max: 50 },
} as const;

const P = 'generationRequest.validation.';

function text(min: number, max: number, minKey: string, maxKey: string) {
  return z.string().trim().min(min, `${P}${minKey}`).max(max, `${P}${maxKey}`);
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** A well-formed BCP 47 tag (Intl can read it) of a language that exists: `xx-notreal-zz` is not one. */
export function isKnownLanguageTag(tag: string): boolean {
  if (!LANGUAGE_PATTERN.test(tag)) {
    return false;
  }
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    return canonical !== undefined && languageNames.of(new Intl.Locale(canonical).language) !== undefined;
  } catch {
    return false;
  }
}

const languageSchema = z
  .string()
  .trim()
  .max(LIMITS.language.max, `${P}languageTooLong`)
  .refine((value) => value === '' || isKnownLanguageTag(value), `${P}languageInvalid`);

export const courseRequestSchema = z.object({
  topic: text(LIMITS.topic.min, LIMITS.topic.max, 'topicTooShort', 'topicTooLong'),
  targetAudience: text(LIMITS.targetAudience.min, LIMITS.targetAudience.max, 'audienceRequired', 'audienceTooLong'),
  difficulty: z.enum(DIFFICULTIES, { error: `${P}difficultyRequired` }),
  estimatedHours: z
    .number({ error: `${P}hoursRequired` })
    .min(LIMITS.estimatedHours.min, `${P}hoursRange`)
    .max(LIMITS.estimatedHours.max, `${P}hoursRange`),
  learningObjectives: z
    .array(
      z.object({
        value: text(LIMITS.objective.min, LIMITS.objective.max, 'objectiveRequired', 'objectiveTooLong'),
      }),
    )
    .min(LIMITS.learningObjectives.min, `${P}objectivesTooFew`)
    .max(LIMITS.learningObjectives.max, `${P}objectivesTooMany`),
  format: z.enum(COURSE_FORMATS, { error: `${P}formatRequired` }),
  /** Empty: not sent (the server's default, `en`). */
  language: languageSchema,
});
export type CourseRequestValues = z.infer<typeof courseRequestSchema>;

export const documentRequestSchema = z.object({
  documentType: z.enum(DOCUMENT_TYPES, { error: `${P}documentTypeRequired` }),
  title: text(LIMITS.title.min, LIMITS.title.max, 'titleTooShort', 'titleTooLong'),
  audience: text(LIMITS.audience.min, LIMITS.audience.max, 'audienceRequired', 'audienceTooLong'),
  dataPoints: z
    .array(
      z.object({
        name: text(LIMITS.dataPointName.min, LIMITS.dataPointName.max, 'dataPointNameRequired', 'dataPointNameTooLong'),
        value: z.string().trim().max(LIMITS.dataPointValue.max, `${P}dataPointValueTooLong`),
      }),
    )
    .max(LIMITS.dataPoints.max, `${P}dataPointsTooMany`)
    .superRefine((rows, context) => {
      // They become the properties of one object: a name may appear once.
      const seen = new Set<string>();
      rows.forEach((row, index) => {
        const name = row.name.trim();
        if (name !== '' && seen.has(name)) {
          context.addIssue({ code: 'custom', message: `${P}dataPointNameDuplicate`, path: [index, 'name'] });
        }
        seen.add(name);
      });
    }),
  /** Empty: not sent (the server's default, `professional`). */
  tone: z.string().trim().max(LIMITS.tone.max, `${P}toneTooLong`),
  /** Empty: not sent (the server's default, `en`). */
  language: languageSchema,
});
export type DocumentRequestValues = z.infer<typeof documentRequestSchema>;

/** The fields of each kind, as the API input names them. */
export const FIELDS_OF_KIND = {
  course: ['topic', 'targetAudience', 'difficulty', 'estimatedHours', 'learningObjectives', 'format', 'language'],
  document: ['documentType', 'title', 'audience', 'dataPoints', 'tone', 'language'],
} as const satisfies Record<GenerationKind, readonly string[]>;

export type GenerationRequestValues<K extends GenerationKind = GenerationKind> = K extends 'course'
  ? CourseRequestValues
  : DocumentRequestValues;

/** The form values' schema of a kind — the piece to nest in a bigger form's schema. */
export function generationRequestSchema<K extends GenerationKind>(kind: K) {
  return (kind === 'course' ? courseRequestSchema : documentRequestSchema) as K extends 'course'
    ? typeof courseRequestSchema
    : typeof documentRequestSchema;
}

/** The API input (`input` of a job or an order), as course-input.schema.json describes it. */
export type CourseInput = {
  topic: string;
  targetAudience: string;
  difficulty: Difficulty;
  estimatedHours: number;
  learningObjectives: string[];
  format?: CourseFormat;
  language?: string;
};

/** The API input, as document-input.schema.json describes it. */
export type DocumentInput = {
  documentType: DocumentType;
  title: string;
  audience: string;
  dataPoints?: Record<string, string | number | boolean | (string | number | boolean)[]>;
  tone?: string;
  language?: string;
};

export type GenerationInput = CourseInput | DocumentInput;

/** Empty values to start a form with; `language` is the UI's language when given. */
export function generationRequestDefaults(kind: 'course', language?: string): CourseRequestValues;
export function generationRequestDefaults(kind: 'document', language?: string): DocumentRequestValues;
export function generationRequestDefaults(kind: GenerationKind, language?: string): GenerationRequestValues;
export function generationRequestDefaults(kind: GenerationKind, language = 'en'): GenerationRequestValues {
  if (kind === 'course') {
    return {
      topic: '',
      targetAudience: '',
      difficulty: 'beginner',
      estimatedHours: 4,
      learningObjectives: [{ value: '' }, { value: '' }, { value: '' }],
      format: 'text',
      language,
    };
  }
  return { documentType: 'proposal', title: '', audience: '', dataPoints: [], tone: '', language };
}

/** Valid (parsed) form values → the `input` the API takes. */
export function toGenerationInput(kind: 'course', values: CourseRequestValues): CourseInput;
export function toGenerationInput(kind: 'document', values: DocumentRequestValues): DocumentInput;
export function toGenerationInput(kind: GenerationKind, values: GenerationRequestValues): GenerationInput;
export function toGenerationInput(kind: GenerationKind, values: GenerationRequestValues): GenerationInput {
  if (kind === 'course') {
    const course = values as CourseRequestValues;
    return {
      topic: course.topic.trim(),
      targetAudience: course.targetAudience.trim(),
      difficulty: course.difficulty,
      estimatedHours: course.estimatedHours,
      learningObjectives: course.learningObjectives.map((objective) => objective.value.trim()),
      format: course.format,
      ...(course.language.trim() !== '' ? { language: course.language.trim() } : {}),
    };
  }
  const document = values as DocumentRequestValues;
  return {
    documentType: document.documentType,
    title: document.title.trim(),
    audience: document.audience.trim(),
    ...(document.dataPoints.length > 0
      ? { dataPoints: Object.fromEntries(document.dataPoints.map((row) => [row.name.trim(), row.value.trim()])) }
      : {}),
    ...(document.tone.trim() !== '' ? { tone: document.tone.trim() } : {}),
    ...(document.language.trim() !== '' ? { language: document.language.trim() } : {}),
  };
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function pick<T extends string>(options: readonly T[], value: unknown, fallback: T): T {
  return options.includes(value as T) ? (value as T) : fallback;
}

/**
 * An API input (an order's or a job's `input`, possibly of an older shape) → form values, to revise
 * or repeat a request. Unknown or missing fields fall back to the defaults.
 */
export function generationValuesFromInput(kind: 'course', input: unknown): CourseRequestValues;
export function generationValuesFromInput(kind: 'document', input: unknown): DocumentRequestValues;
export function generationValuesFromInput(kind: GenerationKind, input: unknown): GenerationRequestValues;
export function generationValuesFromInput(kind: GenerationKind, input: unknown): GenerationRequestValues {
  const source = input !== null && typeof input === 'object' ? (input as Record<string, unknown>) : {};
  if (kind === 'course') {
    const defaults = generationRequestDefaults('course');
    const objectives = Array.isArray(source.learningObjectives)
      ? source.learningObjectives.map((value) => ({ value: str(value) }))
      : defaults.learningObjectives;
    while (objectives.length < LIMITS.learningObjectives.min) objectives.push({ value: '' });
    return {
      topic: str(source.topic),
      targetAudience: str(source.targetAudience),
      difficulty: pick(DIFFICULTIES, source.difficulty, defaults.difficulty),
      estimatedHours: typeof source.estimatedHours === 'number' ? source.estimatedHours : defaults.estimatedHours,
      learningObjectives: objectives,
      format: pick(COURSE_FORMATS, source.format, defaults.format),
      language: typeof source.language === 'string' ? source.language : defaults.language,
    };
  }
  const defaults = generationRequestDefaults('document');
  const points =
    source.dataPoints !== null && typeof source.dataPoints === 'object' && !Array.isArray(source.dataPoints)
      ? Object.entries(source.dataPoints as Record<string, unknown>).map(([name, value]) => ({
          name,
          value: Array.isArray(value) ? value.map(String).join(', ') : String(value),
        }))
      : [];
  return {
    documentType: pick(DOCUMENT_TYPES, source.documentType, defaults.documentType),
    title: str(source.title),
    audience: str(source.audience),
    dataPoints: points,
    tone: str(source.tone),
    language: typeof source.language === 'string' ? source.language : defaults.language,
  };
}
