import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** test/fixtures/plans/invalid: each file starts with `# expect: line:col: message` lines, one per problem, in order. */
export const invalidPlansDir = fileURLToPath(new URL('../fixtures/plans/invalid/', import.meta.url));

export interface InvalidPlan {
  readonly name: string;
  readonly path: string;
  readonly bytes: Buffer;
  /** `name.yaml:line:col: message`, as cellar prints them. */
  readonly expected: readonly string[];
}

export function invalidPlans(): InvalidPlan[] {
  return readdirSync(invalidPlansDir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => {
      const path = `${invalidPlansDir}${name}`;
      const bytes = readFileSync(path);
      const expected = bytes
        .toString('latin1')
        .split('\n')
        .filter((line) => line.startsWith('# expect: '))
        .map((line) => `${name}:${Buffer.from(line.slice('# expect: '.length), 'latin1').toString('utf8')}`);
      return { name, path, bytes, expected };
    });
}
