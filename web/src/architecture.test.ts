import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const WEB = path.resolve(__dirname, '..');
const SRC = path.join(WEB, 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

/** The import boundaries of eslint.config.js, applied to `source` as if it were the file at `file`. */
async function boundaryErrors(file: string, source: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: WEB,
    ruleFilter: ({ ruleId }) => ruleId === 'import-x/no-restricted-paths',
    // The boundaries need no type information; without it the check takes a second, not thirty.
    overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  });
  const [result] = await eslint.lintText(source, { filePath: path.join(SRC, file) });
  return result!.messages.map((message) => `${message.line}: ${message.ruleId}`);
}

describe('the source layout (bulletproof-react)', () => {
  it('makes the lint fail on an import between features, or from shared code into a feature', async () => {
    const crossing = [
      "import { useOrder } from '@/features/orders/api/get-order';",
      "import { StudioPage } from '../studio/components/studio-page';",
      "const page = () => import('@/features/studio/routes');",
      "import { api } from '@/lib/api-client';",
    ].join('\n');
    expect(await boundaryErrors('features/catalog/crossing.ts', crossing)).toEqual([
      '1: import-x/no-restricted-paths',
      '2: import-x/no-restricted-paths',
      '3: import-x/no-restricted-paths',
    ]);
    expect(await boundaryErrors('lib/crossing.ts', "import { useOrder } from '@/features/orders/api/get-order';")).toEqual([
      '1: import-x/no-restricted-paths',
    ]);
    expect(await boundaryErrors('features/catalog/own.ts', "import { useProducts } from './api/get-products';")).toEqual([]);
  }, 30_000);

  it('names every file in kebab-case', () => {
    const misnamed = files(SRC)
      .map((file) => path.basename(file))
      .filter((name) => !/^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+)*$/.test(name));
    expect(misnamed).toEqual([]);
  });
});
