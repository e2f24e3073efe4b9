import { readFileSync } from 'node:fs';

/** The pydio.json files captured from Pydio Cells, shared by the whole project. */
export type PydioFixture = 'v4.0.0-dev.json' | 'v2.0-pre-sites.json' | 'v2.1.0-urls-fragment.json';

const fixtures = new URL('../fixtures/pydio/', import.meta.url);

/** The text of one captured pydio.json. */
export function readPydioFixture(name: PydioFixture): string {
  return readFileSync(new URL(name, fixtures), 'utf8');
}

/** Sets the value at an RFC 6901 pointer, creating nothing: the parent must exist. */
export function setAtPointer(root: unknown, pointer: string, value: unknown): void {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
  const last = parts.pop();
  const parent = parts.reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], root);
  if (last === undefined || typeof parent !== 'object' || parent === null) throw new Error(`no parent for ${pointer}`);
  (parent as Record<string, unknown>)[last] = value;
}
