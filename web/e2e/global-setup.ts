import { rmSync } from 'node:fs';

/** Each run's screenshots start from an empty folder. */
export default function globalSetup(): void {
  rmSync('test-results/screenshots', { recursive: true, force: true });
}
