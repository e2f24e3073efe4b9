import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPlan } from '../../src/observe/load-plan.js';

const examplesDir = fileURLToPath(new URL('../../examples/', import.meta.url));
const examples = readdirSync(examplesDir).filter((name) => name.endsWith('.yaml'));

describe('examples/', () => {
  it('holds the full and the minimal example', () => {
    expect(examples).toEqual(expect.arrayContaining(['backup-plan.yaml', 'minimal.yaml']));
  });

  it('shows every key of the schema in backup-plan.yaml (some in comments)', () => {
    const text = readFileSync(`${examplesDir}backup-plan.yaml`, 'utf8');
    const schema: unknown = JSON.parse(readFileSync(new URL('../../schemas/backup-plan.schema.json', import.meta.url), 'utf8'));
    const keys = new Set<string>();
    const walk = (node: unknown): void => {
      if (typeof node !== 'object' || node === null) return;
      const properties = (node as Record<string, unknown>).properties;
      if (typeof properties === 'object' && properties !== null) for (const key of Object.keys(properties)) keys.add(key);
      for (const value of Object.values(node)) walk(value);
    };
    walk(schema);
    expect([...keys].filter((key) => !new RegExp(`[\\s{,]${key}:`).test(text))).toEqual([]);
  });

  it('starts each example with the $schema modeline', () => {
    for (const name of examples) {
      expect(readFileSync(`${examplesDir}${name}`, 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\.\/schemas\/backup-plan\.schema\.json\n/);
    }
  });

  // Their paths do not exist on this machine: the schema, the defaults and the rules that need no
  // working dir still run, and the skipped checks are named.
  it.each(examples)('%s is a valid plan', async (name) => {
    const { plan, warnings } = await loadPlan(`${examplesDir}${name}`, { HOME: '/nonexistent/home' });
    expect(Object.keys(plan.targets).length).toBeGreaterThan(0);
    expect(warnings).toHaveLength(1);
  });
});
