import { formatBytes } from '../model/text.js';
import type { VerifyDocument } from './verify-json.js';

/** The line printed when a snapshot verified. */
export function renderVerifySummary(document: VerifyDocument): string {
  const dumps = document.dumps === 1 ? '1 dump' : `${document.dumps} dumps`;
  const how = document.read_data ? 'read and hashed' : 'sizes checked; --read-data also re-hashes the contents';
  return `snapshot ${document.snapshot} verified: ${document.files} files, ${formatBytes(document.bytes)}, ${dumps} (${how})\n`;
}

/** The one-line reason verification failed. */
export function verifyFailureMessage(document: VerifyDocument): string {
  const count = document.problem_count === 1 ? '1 problem' : `${document.problem_count} problems`;
  return `snapshot ${document.snapshot} in target ${document.target.name} failed verification: ${count}`;
}

/** One line per problem kept, then how many more there are. */
export function verifyFailureDetails(document: VerifyDocument): string[] {
  const lines = [...document.problems];
  const more = document.problem_count - document.problems.length;
  if (more > 0) lines.push(`... and ${more} more`);
  return lines;
}
