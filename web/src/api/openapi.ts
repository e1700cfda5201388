import type { components, operations } from './schema';

/** A schema of the server's OpenAPI document (`web/openapi.json`), by name. */
export type ApiSchema<Name extends keyof components['schemas']> = components['schemas'][Name];

/** The JSON body an operation answers with on success. */
export type ApiResponse<Op extends keyof operations> = operations[Op] extends {
  responses: infer R;
}
  ? R extends Record<200 | 201, { content: infer C }>
    ? C[keyof C]
    : R extends Record<200, { content: infer C }>
      ? C[keyof C]
      : R extends Record<201, { content: infer C }>
        ? C[keyof C]
        : never
  : never;

/**
 * Compile-time proof that a zod schema describes exactly what the OpenAPI document says:
 * `assertSameShape<z.infer<typeof s>, ApiSchema<'UserView'>>(true)` fails to type-check as soon as
 * the server's document and the schema disagree in a field, its type or its optionality.
 */
export type SameShape<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

export function assertSameShape<A, B>(proof: SameShape<A, B>): void {
  void proof;
}

/**
 * True when both object types have exactly the same keys. For schemas whose field types differ from
 * the document on purpose (the generator marks no field nullable and types decimal strings as
 * numbers), this still catches a field added to or removed from the server's shape.
 */
export type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;

export function assertSameKeys<A, B>(proof: SameKeys<A, B>): void {
  void proof;
}
