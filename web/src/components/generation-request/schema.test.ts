import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  COURSE_FORMATS,
  courseRequestSchema,
  DIFFICULTIES,
  DOCUMENT_TYPES,
  documentRequestSchema,
  generationKindOfCategory,
  generationRequestDefaults,
  generationValuesFromInput,
  toGenerationInput,
  type CourseRequestValues,
  type DocumentRequestValues,
} from './schema';
import { generationRequestFieldPath } from './server-errors';

/** The server's own JSON Schemas: the rules below are read from them, not copied. */
function serverSchema(name: string) {
  const file = path.resolve(__dirname, '../../../../server/src/main/resources/schemas', `${name}.schema.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as {
    required: string[];
    properties: Record<string, Record<string, unknown>>;
  };
}

const COURSE = serverSchema('course-input');
const DOCUMENT = serverSchema('document-input');

const validCourse: CourseRequestValues = {
  topic: 'Enterprise cloud architecture',
  targetAudience: 'Backend engineers',
  difficulty: 'intermediate',
  estimatedHours: 6,
  learningObjectives: [{ value: 'Design landing zones' }, { value: 'Plan networks' }, { value: 'Cost control' }],
  format: 'text',
  language: 'en',
};

const validDocument: DocumentRequestValues = {
  documentType: 'proposal',
  title: 'Cloud migration',
  audience: 'The board',
  dataPoints: [{ name: 'Budget', value: '1.2M USD' }],
  tone: 'formal',
  language: 'ja',
};

/** The first message per field path (`topic`, `learningObjectives.1.value`), as the form shows it. */
function courseErrors(values: unknown) {
  const result = courseRequestSchema.safeParse(values);
  return result.success ? {} : Object.fromEntries(result.error.issues.reverse().map((i) => [i.path.join('.'), i.message]));
}

function documentErrors(values: unknown) {
  const result = documentRequestSchema.safeParse(values);
  return result.success ? {} : Object.fromEntries(result.error.issues.reverse().map((i) => [i.path.join('.'), i.message]));
}

function limits(property: Record<string, unknown>) {
  return { min: property.minLength as number, max: property.maxLength as number };
}

describe('the course request rules equal course-input.schema.json', () => {
  it('offers exactly the schema’s fields and enum values', () => {
    expect(Object.keys(validCourse).sort()).toEqual(Object.keys(COURSE.properties).sort());
    expect(DIFFICULTIES).toEqual(COURSE.properties.difficulty!.enum);
    expect(COURSE_FORMATS).toEqual(COURSE.properties.format!.enum);
    expect(courseErrors({ ...validCourse, difficulty: 'expert' })).toEqual({
      difficulty: 'generationRequest.validation.difficultyRequired',
    });
    expect(courseErrors({ ...validCourse, format: 'audio' })).toEqual({
      format: 'generationRequest.validation.formatRequired',
    });
  });

  it.each([
    ['topic', 'topicTooShort', 'topicTooLong'],
    ['targetAudience', 'audienceRequired', 'audienceTooLong'],
  ] as const)('takes %s of the schema’s lengths, and no blank text', (field, tooShort, tooLong) => {
    const { min, max } = limits(COURSE.properties[field]!);
    expect(courseErrors({ ...validCourse, [field]: 'x'.repeat(min - 1) })).toEqual({
      [field]: `generationRequest.validation.${tooShort}`,
    });
    expect(courseErrors({ ...validCourse, [field]: 'x'.repeat(min) })).toEqual({});
    expect(courseErrors({ ...validCourse, [field]: 'x'.repeat(max) })).toEqual({});
    expect(courseErrors({ ...validCourse, [field]: 'x'.repeat(max + 1) })).toEqual({
      [field]: `generationRequest.validation.${tooLong}`,
    });
    expect(courseErrors({ ...validCourse, [field]: ' '.repeat(min + 2) })).toEqual({
      [field]: `generationRequest.validation.${tooShort}`,
    });
  });

  it('takes the schema’s range of hours, fractions included, and wants a number', () => {
    const { minimum, maximum } = COURSE.properties.estimatedHours as { minimum: number; maximum: number };
    expect(courseErrors({ ...validCourse, estimatedHours: minimum - 0.5 })).toEqual({
      estimatedHours: 'generationRequest.validation.hoursRange',
    });
    expect(courseErrors({ ...validCourse, estimatedHours: minimum })).toEqual({});
    expect(courseErrors({ ...validCourse, estimatedHours: 2.5 })).toEqual({});
    expect(courseErrors({ ...validCourse, estimatedHours: maximum })).toEqual({});
    expect(courseErrors({ ...validCourse, estimatedHours: maximum + 0.5 })).toEqual({
      estimatedHours: 'generationRequest.validation.hoursRange',
    });
    // An empty number input gives NaN.
    expect(courseErrors({ ...validCourse, estimatedHours: Number.NaN })).toEqual({
      estimatedHours: 'generationRequest.validation.hoursRequired',
    });
  });

  it('wants the schema’s number of objectives, each of its lengths', () => {
    const list = COURSE.properties.learningObjectives as {
      minItems: number;
      maxItems: number;
      items: Record<string, unknown>;
    };
    const objectives = (n: number) => Array.from({ length: n }, (_, i) => ({ value: `Objective ${i}` }));
    expect(courseErrors({ ...validCourse, learningObjectives: objectives(list.minItems - 1) })).toEqual({
      learningObjectives: 'generationRequest.validation.objectivesTooFew',
    });
    expect(courseErrors({ ...validCourse, learningObjectives: objectives(list.minItems) })).toEqual({});
    expect(courseErrors({ ...validCourse, learningObjectives: objectives(list.maxItems) })).toEqual({});
    expect(courseErrors({ ...validCourse, learningObjectives: objectives(list.maxItems + 1) })).toEqual({
      learningObjectives: 'generationRequest.validation.objectivesTooMany',
    });
    const { min, max } = limits(list.items);
    const withSecond = (value: string) => [{ value: 'a' }, { value }, { value: 'c' }];
    expect(courseErrors({ ...validCourse, learningObjectives: withSecond('x'.repeat(min - 1)) })).toEqual({
      'learningObjectives.1.value': 'generationRequest.validation.objectiveRequired',
    });
    expect(courseErrors({ ...validCourse, learningObjectives: withSecond('   ') })).toEqual({
      'learningObjectives.1.value': 'generationRequest.validation.objectiveRequired',
    });
    expect(courseErrors({ ...validCourse, learningObjectives: withSecond('x'.repeat(max)) })).toEqual({});
    expect(courseErrors({ ...validCourse, learningObjectives: withSecond('x'.repeat(max + 1)) })).toEqual({
      'learningObjectives.1.value': 'generationRequest.validation.objectiveTooLong',
    });
  });

  it('takes BCP 47 language tags as the schema’s pattern does, or nothing', () => {
    const property = COURSE.properties.language as { pattern: string; maxLength: number };
    const pattern = new RegExp(property.pattern);
    for (const tag of ['en', 'ja', 'pt-BR', 'zh-Hant-TW', 'gsw']) {
      expect(pattern.test(tag)).toBe(true);
      expect(courseErrors({ ...validCourse, language: tag })).toEqual({});
    }
    for (const tag of ['EN', 'e', 'english', 'pt_BR', 'ja-']) {
      expect(pattern.test(tag)).toBe(false);
      expect(courseErrors({ ...validCourse, language: tag })).toEqual({
        language: 'generationRequest.validation.languageInvalid',
      });
    }
    // Well-formed for the server's pattern, but no language: refused before it is sent.
    for (const tag of ['xx-notreal-zz', 'xx', 'en-US-US']) {
      expect(pattern.test(tag)).toBe(true);
      expect(courseErrors({ ...validCourse, language: tag })).toEqual({
        language: 'generationRequest.validation.languageInvalid',
      });
    }
    expect(courseErrors({ ...validCourse, language: `en${'-abcdefgh'.repeat(4)}` })).toEqual({
      language: 'generationRequest.validation.languageTooLong',
    });
    expect(courseErrors({ ...validCourse, language: '' })).toEqual({});
  });

  it('sends trimmed values with every required field and no field the schema lacks', () => {
    const parsed = courseRequestSchema.parse({
      ...validCourse,
      topic: '  Enterprise cloud architecture ',
      language: '',
    });
    const input = toGenerationInput('course', parsed);
    expect(input).toEqual({
      topic: 'Enterprise cloud architecture',
      targetAudience: 'Backend engineers',
      difficulty: 'intermediate',
      estimatedHours: 6,
      learningObjectives: ['Design landing zones', 'Plan networks', 'Cost control'],
      format: 'text',
    });
    for (const field of COURSE.required) expect(input).toHaveProperty(field);
    for (const field of Object.keys(input)) expect(COURSE.properties).toHaveProperty(field);
  });
});

describe('the document request rules equal document-input.schema.json', () => {
  it('offers exactly the schema’s fields and enum values', () => {
    expect(Object.keys(validDocument).sort()).toEqual(Object.keys(DOCUMENT.properties).sort());
    expect(DOCUMENT_TYPES).toEqual(DOCUMENT.properties.documentType!.enum);
    expect(documentErrors({ ...validDocument, documentType: 'memo' })).toEqual({
      documentType: 'generationRequest.validation.documentTypeRequired',
    });
  });

  it.each([
    ['title', 'titleTooShort', 'titleTooLong'],
    ['audience', 'audienceRequired', 'audienceTooLong'],
  ] as const)('takes %s of the schema’s lengths, and no blank text', (field, tooShort, tooLong) => {
    const { min, max } = limits(DOCUMENT.properties[field]!);
    expect(documentErrors({ ...validDocument, [field]: 'x'.repeat(min - 1) })).toEqual({
      [field]: `generationRequest.validation.${tooShort}`,
    });
    expect(documentErrors({ ...validDocument, [field]: 'x'.repeat(min) })).toEqual({});
    expect(documentErrors({ ...validDocument, [field]: 'x'.repeat(max) })).toEqual({});
    expect(documentErrors({ ...validDocument, [field]: 'x'.repeat(max + 1) })).toEqual({
      [field]: `generationRequest.validation.${tooLong}`,
    });
    expect(documentErrors({ ...validDocument, [field]: ' '.repeat(min + 2) })).toEqual({
      [field]: `generationRequest.validation.${tooShort}`,
    });
  });

  it('takes the schema’s number of data points, names and values of its lengths, each name once', () => {
    const property = DOCUMENT.properties.dataPoints as {
      maxProperties: number;
      propertyNames: { minLength: number; maxLength: number };
      additionalProperties: { anyOf: { type: string; maxLength?: number }[] };
    };
    const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `Point ${i}`, value: String(i) }));
    expect(documentErrors({ ...validDocument, dataPoints: [] })).toEqual({});
    expect(documentErrors({ ...validDocument, dataPoints: rows(property.maxProperties) })).toEqual({});
    expect(documentErrors({ ...validDocument, dataPoints: rows(property.maxProperties + 1) })).toEqual({
      dataPoints: 'generationRequest.validation.dataPointsTooMany',
    });
    const { minLength, maxLength } = property.propertyNames;
    expect(documentErrors({ ...validDocument, dataPoints: [{ name: 'x'.repeat(minLength - 1), value: '1' }] })).toEqual({
      'dataPoints.0.name': 'generationRequest.validation.dataPointNameRequired',
    });
    expect(documentErrors({ ...validDocument, dataPoints: [{ name: 'x'.repeat(maxLength), value: '1' }] })).toEqual({});
    expect(documentErrors({ ...validDocument, dataPoints: [{ name: 'x'.repeat(maxLength + 1), value: '1' }] })).toEqual({
      'dataPoints.0.name': 'generationRequest.validation.dataPointNameTooLong',
    });
    const valueMax = property.additionalProperties.anyOf.find((option) => option.type === 'string')!.maxLength!;
    expect(documentErrors({ ...validDocument, dataPoints: [{ name: 'a', value: 'x'.repeat(valueMax) }] })).toEqual({});
    expect(documentErrors({ ...validDocument, dataPoints: [{ name: 'a', value: 'x'.repeat(valueMax + 1) }] })).toEqual({
      'dataPoints.0.value': 'generationRequest.validation.dataPointValueTooLong',
    });
    expect(
      documentErrors({
        ...validDocument,
        dataPoints: [
          { name: 'Budget', value: '1' },
          { name: ' Budget ', value: '2' },
        ],
      }),
    ).toEqual({ 'dataPoints.1.name': 'generationRequest.validation.dataPointNameDuplicate' });
  });

  it('takes a tone of the schema’s length, or none', () => {
    const { max } = limits(DOCUMENT.properties.tone!);
    expect(documentErrors({ ...validDocument, tone: '' })).toEqual({});
    expect(documentErrors({ ...validDocument, tone: 'x'.repeat(max) })).toEqual({});
    expect(documentErrors({ ...validDocument, tone: 'x'.repeat(max + 1) })).toEqual({
      tone: 'generationRequest.validation.toneTooLong',
    });
  });

  it('sends the data points as one object, and leaves out empty optional text', () => {
    const input = toGenerationInput('document', documentRequestSchema.parse({ ...validDocument, tone: ' ' }));
    expect(input).toEqual({
      documentType: 'proposal',
      title: 'Cloud migration',
      audience: 'The board',
      dataPoints: { Budget: '1.2M USD' },
      language: 'ja',
    });
    for (const field of DOCUMENT.required) expect(input).toHaveProperty(field);
    for (const field of Object.keys(input)) expect(DOCUMENT.properties).toHaveProperty(field);
    expect(toGenerationInput('document', { ...validDocument, dataPoints: [], language: '' })).not.toHaveProperty('dataPoints');
  });
});

describe('defaults and round trips', () => {
  it('starts with three empty objectives, the UI language, and fails until filled in', () => {
    const defaults = generationRequestDefaults('course', 'ja');
    expect(defaults.learningObjectives).toHaveLength(3);
    expect(defaults.language).toBe('ja');
    expect(Object.keys(courseErrors(defaults)).sort()).toEqual([
      'learningObjectives.0.value',
      'learningObjectives.1.value',
      'learningObjectives.2.value',
      'targetAudience',
      'topic',
    ]);
  });

  it('turns an order’s input back into the values that send it again', () => {
    const course = toGenerationInput('course', validCourse);
    expect(toGenerationInput('course', generationValuesFromInput('course', course))).toEqual(course);
    const document = toGenerationInput('document', validDocument);
    expect(toGenerationInput('document', generationValuesFromInput('document', document))).toEqual(document);
    expect(generationValuesFromInput('course', null)).toEqual(generationRequestDefaults('course'));
  });

  it('knows the form of each product category', () => {
    expect(generationKindOfCategory('ai_course_generation')).toBe('course');
    expect(generationKindOfCategory('ai_document_generation')).toBe('document');
    expect(generationKindOfCategory('technical_support')).toBeNull();
  });
});

describe('server field errors find their fields', () => {
  it('maps the server’s input paths onto the form’s paths', () => {
    expect(generationRequestFieldPath('course', 'input.topic', 'input')).toBe('input.topic');
    expect(generationRequestFieldPath('course', 'input.topic', '')).toBe('topic');
    expect(generationRequestFieldPath('course', 'input.learningObjectives', '')).toBe('learningObjectives');
    expect(generationRequestFieldPath('course', 'input.learningObjectives[2]', 'input')).toBe('input.learningObjectives.2.value');
    expect(generationRequestFieldPath('document', 'input.dataPoints.Budget', '', ['Team', 'Budget'])).toBe('dataPoints.1.value');
    expect(generationRequestFieldPath('document', 'input.dataPoints.Budget[3]', '', ['Budget'])).toBe('dataPoints.0.value');
    expect(generationRequestFieldPath('course', 'input', '')).toBeNull();
    expect(generationRequestFieldPath('course', 'input.title', '')).toBeNull();
    expect(generationRequestFieldPath('course', 'quantity', '')).toBeNull();
  });
});
