import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname);
const FEATURES = path.join(SRC, 'features');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

describe('the source layout (bulletproof-react)', () => {
  it('has no imports between features', () => {
    const crossings: string[] = [];
    for (const feature of readdirSync(FEATURES)) {
      for (const file of files(path.join(FEATURES, feature))) {
        const source = readFileSync(file, 'utf8');
        for (const [, target] of source.matchAll(/from\s+'([^']+)'/g)) {
          const resolved = target!.startsWith('@/')
            ? path.join(SRC, target!.slice(2))
            : target!.startsWith('.')
              ? path.resolve(path.dirname(file), target!)
              : null;
          if (resolved?.startsWith(FEATURES + path.sep) && !resolved.startsWith(path.join(FEATURES, feature) + path.sep)) {
            crossings.push(`${path.relative(SRC, file)} imports ${target}`);
          }
        }
      }
    }
    expect(crossings).toEqual([]);
  });

  it('names every file in kebab-case', () => {
    const misnamed = files(SRC)
      .map((file) => path.basename(file))
      .filter((name) => !/^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+)*$/.test(name));
    expect(misnamed).toEqual([]);
  });
});
