import { painter, type Paint } from './format.js';
import { formatBytes, printablePath } from '../model/text.js';
import type { DriftDocument, PlanDocument } from './plan-json.js';

export interface TextOptions {
  readonly color: boolean;
  /** Each patch as a unified diff under its list of changes; without it, a line says how to see it. */
  readonly diffs?: boolean | undefined;
}

const markers = { added: '+', modified: '~', deleted: '-' } as const;

/** The human plan, read from the same document `--json` prints. */
export function renderPlanText(plan: PlanDocument, options: TextOptions): string {
  const paint = painter(options.color);
  const lines: string[] = [header(plan), ''];

  if (plan.drift.length > 0) {
    lines.push(paint('bold', plan.mode === 'backup' ? driftTitle(plan) : 'What the restore changes:'));
    for (const drift of plan.drift) lines.push(...renderDrift(drift, paint));
    lines.push('');
  }
  for (const patch of plan.patches) {
    lines.push(paint('bold', `${patch.file} patches (${patch.changes.length}):`));
    for (const change of patch.changes) {
      const before = change.before ?? '(absent)';
      lines.push(`  ${paint('change', '~')} ${change.pointer}: ${before} ${paint('dim', '->')} ${change.after}`);
    }
    if (options.diffs === false)
      lines.push(paint('dim', `  (the unified diff: cellar plan${plan.mode === 'restore' ? ' --restore' : ''}, or apply --diff)`), '');
    else
      lines.push(
        '',
        ...patch.diff
          .trimEnd()
          .split('\n')
          .map((line) => colorDiffLine(line, paint)),
        '',
      );
  }
  if (plan.actions.length > 0) {
    lines.push(paint('bold', 'Actions:'));
    const width = Math.max(...plan.actions.map((action) => action.action.length));
    const addressWidth = Math.max(...plan.actions.map((action) => action.address.length));
    plan.actions.forEach((action, index) => {
      lines.push(`  ${String(index + 1).padStart(2)}. ${action.action.padEnd(width)}  ${action.address.padEnd(addressWidth)}  ${paint('dim', action.reason)}`);
    });
    lines.push('');
  }
  // Why the others stay, shown when the plan prunes a snapshot.
  if (plan.retention.length > 0 && plan.actions.some((action) => action.action === 'prune-snapshot')) {
    lines.push(paint('bold', 'Kept by the keep rules:'));
    for (const kept of plan.retention)
      lines.push(`  ${kept.snapshot}  ${paint('dim', `${kept.kind === 'safety' ? 'safety snapshot: ' : ''}${kept.rules.join(', ')}`)}`);
    lines.push('');
  }
  if (plan.warnings.length > 0) {
    lines.push(paint('warn', 'Warnings:'));
    for (const warning of plan.warnings) lines.push(`  ${paint('warn', '!')} ${warning}`);
    lines.push('');
  }
  if (plan.blocked !== null) lines.push(paint('remove', `Apply will refuse this plan: ${plan.blocked}.`));
  else lines.push(summary(plan));
  return `${lines.join('\n')}\n`;
}

function header(plan: PlanDocument): string {
  const target = `target ${plan.target.name} (${plan.target.path})`;
  switch (plan.mode) {
    case 'backup':
      return plan.snapshot ? `Backup plan for ${target}, against snapshot ${plan.snapshot}.` : `Backup plan for ${target}: no snapshot yet.`;
    case 'restore':
      return `Restore plan: snapshot ${plan.snapshot ?? '?'} from ${target}.`;
    case 'uninstall':
      return `Uninstall plan (last snapshot in ${target}: ${plan.snapshot ?? 'none'}).`;
  }
}

function driftTitle(plan: PlanDocument): string {
  return plan.snapshot ? `Drift since ${plan.snapshot}:` : 'To back up:';
}

function renderDrift(drift: DriftDocument, paint: Paint): string[] {
  if ('store' in drift) {
    const what = drift.change === 'added' ? 'not in the snapshot' : 'its fingerprint changed';
    return [`  ${paint('change', '~')} ${drift.address}  ${drift.change} (${drift.store.driver}: ${what})`];
  }
  if ('database' in drift) {
    const tables = drift.database.tables;
    const list = tables.length > 5 ? `${tables.slice(0, 5).join(', ')} and ${tables.length - 5} more` : tables.join(', ');
    return [`  ${paint('change', '~')} ${drift.address}  ${drift.change} (${drift.database.signal})${list ? `: ${list}` : ''}`];
  }
  const { added, modified, deleted, bytes, folders } = drift.files;
  const counts = [
    added > 0 ? paint('add', `+${added}`) : '',
    modified > 0 ? paint('change', `~${modified}`) : '',
    deleted > 0 ? paint('remove', `-${deleted}`) : '',
    folders > 0 ? paint('dim', `(${folders} folder${folders === 1 ? '' : 's'})`) : '',
  ]
    .filter((part) => part !== '')
    .join(' ');
  const marker = drift.change === 'added' ? paint('add', '+') : paint('change', '~');
  const lines = [`  ${marker} ${drift.address}  ${counts}  (${formatBytes(bytes)} to copy)`];
  // A whole new address lists its paths only when all of them are asked for (--verbose).
  for (const tree of drift.trees) {
    lines.push(`      ${tree.change === 'appeared' ? paint('add', '+') : paint('remove', '-')} ${printablePath(tree.label)} ${tree.change}`);
  }
  if (drift.change === 'added' && drift.truncated) return lines;
  for (const path of drift.paths) {
    const marker = markers[path.change as keyof typeof markers];
    const tone = path.change === 'added' ? 'add' : path.change === 'deleted' ? 'remove' : 'change';
    lines.push(`      ${paint(tone, marker)} ${printablePath(path.path === '' ? '.' : path.path)}`);
  }
  const hidden = added + modified + deleted + folders - drift.paths.length;
  if (drift.truncated && hidden > 0) lines.push(paint('dim', `      … and ${hidden} more (--verbose lists them all)`));
  return lines;
}

function colorDiffLine(line: string, paint: Paint): string {
  if (line.startsWith('+++') || line.startsWith('---')) return paint('bold', line);
  if (line.startsWith('+')) return paint('add', line);
  if (line.startsWith('-')) return paint('remove', line);
  if (line.startsWith('@@')) return paint('dim', line);
  return line;
}

function summary(plan: PlanDocument): string {
  if (!plan.changes) {
    return plan.mode === 'backup' && plan.snapshot ? `No changes. Snapshot ${plan.snapshot} is up to date.` : 'No changes.';
  }
  const count = plan.actions.length;
  return `Plan: ${count} action${count === 1 ? '' : 's'}. Run \`cellar apply${plan.mode === 'backup' ? '' : ` --${plan.mode}`}\` to carry ${count === 1 ? 'it' : 'them'} out.`;
}
