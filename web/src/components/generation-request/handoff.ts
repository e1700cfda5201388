import type { GenerationInput } from './schema';

/**
 * A generation request carried from one page to another in the navigation's `state` (the studio hands
 * its input to the order form when the allowance is spent), so the request is not typed twice.
 */
export type GenerationHandoff = { generationInput: GenerationInput };

export function generationHandoff(input: GenerationInput): GenerationHandoff {
  return { generationInput: input };
}

/** The request a navigation carried, if any (`location.state` is whatever the history holds). */
export function handedOffInput(state: unknown): unknown {
  if (state === null || typeof state !== 'object' || !('generationInput' in state)) return null;
  const input = state.generationInput;
  return input !== null && typeof input === 'object' ? input : null;
}
