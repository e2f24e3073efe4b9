import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));

describe('files generated from the schema', () => {
  it('src/config/raw-plan.ts and plan-validator.ts match schemas/backup-plan.schema.json', () => {
    const result = spawnSync(process.execPath, ['scripts/gen-types.mjs', '--check'], { cwd: repo, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('no oneOf branch holds a $ref (errors are attributed to branches by schema path)', () => {
    const schema: unknown = JSON.parse(readFileSync(`${repo}schemas/backup-plan.schema.json`, 'utf8'));
    const offending: string[] = [];
    const walk = (node: unknown, path: string, inBranch: boolean): void => {
      if (typeof node !== 'object' || node === null) return;
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && inBranch) offending.push(path);
        walk(value, `${path}/${key}`, inBranch || key === 'oneOf' || key === 'anyOf');
      }
    };
    walk(schema, '#', false);
    expect(offending).toEqual([]);
  });

  it('refuses unknown keys in every mapping', () => {
    const schema: unknown = JSON.parse(readFileSync(`${repo}schemas/backup-plan.schema.json`, 'utf8'));
    const open: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const record = node as Record<string, unknown>;
      if (record.type === 'object' && record.additionalProperties === undefined) open.push(path);
      for (const [key, value] of Object.entries(record)) walk(value, `${path}/${key}`);
    };
    walk(schema, '#');
    expect(open).toEqual([]);
  });

  it('gives every property a description', () => {
    const schema: unknown = JSON.parse(readFileSync(`${repo}schemas/backup-plan.schema.json`, 'utf8'));
    const missing: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const record = node as Record<string, unknown>;
      const properties = record.properties;
      if (typeof properties === 'object' && properties !== null) {
        for (const [name, property] of Object.entries(properties)) {
          if (typeof (property as Record<string, unknown>).description !== 'string') missing.push(`${path}/properties/${name}`);
        }
      }
      for (const [key, value] of Object.entries(record)) walk(value, `${path}/${key}`);
    };
    walk(schema, '#');
    expect(missing).toEqual([]);
  });
});
