import { painter, type Paint } from './format.js';
import { formatBytes } from '../model/text.js';
import type { SnapshotSummary, SnapshotsDocument } from './snapshots-json.js';
import type { TextOptions } from './plan-text.js';

const headings = ['ID', 'KIND', 'CREATED (UTC)', 'FILES', 'SIZE', 'NEW', 'DATABASE'] as const;
/** Columns aligned to the right: the numbers. */
const rightAligned = new Set([3, 4, 5]);

/** The human listing, read from the same document `--json` prints: one line per snapshot, newest last. */
export function renderSnapshotsText(document: SnapshotsDocument, options: TextOptions): string {
  const paint = painter(options.color);
  const { target, snapshots } = document;
  const where = `target ${target.name} (${target.path})`;
  const lines: string[] = [];
  if (target.state === 'missing') lines.push(`No snapshots: ${where} does not exist yet; \`cellar apply\` creates it.`);
  else if (snapshots.length === 0 && document.damaged.length > 0) lines.push(`No usable snapshots in ${where}.`);
  else if (snapshots.length === 0) lines.push(`No snapshots in ${where} yet; \`cellar apply\` takes the first.`);
  else lines.push(`Snapshots in ${where}:`, '', ...table(snapshots.map(row), paint), '', countLine(snapshots));
  for (const { id, reason } of document.damaged) lines.push(paint('remove', `Damaged, ignored by plan and apply: ${id}: ${reason}`));
  lines.push(...leftoverLines(document, paint));
  return `${lines.join('\n')}\n`;
}

function row(snapshot: SnapshotSummary): string[] {
  const warnings = snapshot.warnings.length === 0 ? '' : `  (${snapshot.warnings.length} warning${snapshot.warnings.length === 1 ? '' : 's'})`;
  return [
    snapshot.id,
    snapshot.kind,
    snapshot.created.slice(0, 19).replace('T', ' '),
    String(snapshot.files),
    formatBytes(snapshot.bytes),
    formatBytes(snapshot.new_bytes),
    `${databaseCell(snapshot.database)}${warnings}`,
  ];
}

function databaseCell(database: SnapshotSummary['database']): string {
  if (!database) return 'none';
  return database.dumped ? `dumped (${formatBytes(database.size)})` : 'unchanged (hard link)';
}

function table(rows: readonly string[][], paint: Paint): string[] {
  const widths = headings.map((heading, column) => Math.max(heading.length, ...rows.map((cells) => (cells[column] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    `  ${cells
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return column === cells.length - 1 ? cell : rightAligned.has(column) ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')}`;
  return [paint('bold', line(headings)), ...rows.map(line)];
}

function countLine(snapshots: readonly SnapshotSummary[]): string {
  const latest = snapshots[snapshots.length - 1];
  const count = snapshots.length === 1 ? '1 snapshot' : `${snapshots.length} snapshots`;
  return latest ? `${count}; the latest is ${latest.id}.` : count;
}

function leftoverLines(document: SnapshotsDocument, paint: Paint): string[] {
  const { leftovers, running } = document;
  if (running) {
    const work = leftovers.length === 0 ? '' : `; in progress: ${leftovers.join(', ')}`;
    return [paint('warn', `cellar ${running.command} is running (pid ${running.pid} on ${running.host}, since ${running.started})${work}.`)];
  }
  if (leftovers.length === 0) return [];
  return [paint('warn', `Left by an interrupted apply, not snapshots (the next apply removes them): ${leftovers.join(', ')}.`)];
}
