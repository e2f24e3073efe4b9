import type { VerifyResult } from '../model/verification.js';
import type { ForeignEntry } from '../model/verification.js';
import { printablePath } from '../model/text.js';

const verifyFormat = '1';

/** The document `cellar verify --json` prints and the text renderer reads. */
export interface VerifyDocument {
  readonly format_version: typeof verifyFormat;
  readonly target: { readonly name: string; readonly path: string };
  readonly snapshot: string;
  readonly read_data: boolean;
  readonly verified: boolean;
  readonly files: number;
  readonly bytes: number;
  readonly dumps: number;
  readonly problem_count: number;
  /** The first problems only (`path: what is wrong`); `problem_count` counts them all. */
  readonly problems: readonly string[];
}

/** What was verified, and how. */
export interface VerifySubject {
  readonly target: { readonly name: string; readonly path: string };
  readonly snapshot: string;
  readonly readData: boolean;
}

export function toVerifyDocument(subject: VerifySubject, result: VerifyResult): VerifyDocument {
  return {
    format_version: verifyFormat,
    target: subject.target,
    snapshot: subject.snapshot,
    read_data: subject.readData,
    verified: result.problemCount + result.foreignCount === 0,
    files: result.files,
    bytes: result.bytes,
    dumps: result.dumps,
    problem_count: result.problemCount + result.foreignCount,
    problems: [...result.problems, ...result.foreign.map(foreignLine)].slice(0, Math.max(result.problems.length, problemsKept)),
  };
}

/** How many problem lines a document keeps at most when foreign entries are added to the damage. */
const problemsKept = 50;

function foreignLine(entry: ForeignEntry): string {
  return `${printablePath(entry.path)}: not in the file list (added after the snapshot was written; a restore leaves it out)`;
}

export function renderVerifyJson(document: VerifyDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
