import type { SpotReport } from '../model/spot-check.js';
import { printablePath } from '../model/text.js';

const spotFormat = '1';

/** The document `cellar verify --against-live --json` prints. */
export interface SpotDocument extends SpotReport {
  readonly format_version: typeof spotFormat;
  readonly target: { readonly name: string; readonly path: string };
}

export function toSpotDocument(target: SpotDocument['target'], report: SpotReport): SpotDocument {
  return { format_version: spotFormat, target, ...report };
}

export function renderSpotJson(document: SpotDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

const percent = (value: number): string => `${Number(value.toFixed(2))}%`;

/** Each tree's counts and the sample's outcome, then the verdict. */
export function renderSpotText(document: SpotDocument): string {
  const { tolerances, sample } = document;
  const lines = [`Spot check of the live installation against snapshot ${document.snapshot} (target ${document.target.name}):`];
  for (const tree of document.trees) {
    const mark = tree.withinTolerance ? ' ' : '!';
    lines.push(
      `  ${mark} ${tree.tree}: ${tree.liveFiles} files live, ${tree.snapshotFiles} in the snapshot (${percent(tree.differencePercent)}, tolerance ${percent(tolerances.countTolerance)})`,
    );
  }
  const mark = sample.withinTolerance ? ' ' : '!';
  lines.push(
    `  ${mark} contents: ${sample.compared} of ${sample.candidates} files hashed (sample ${percent(tolerances.sample)}; ${sample.skipped} changed since and skipped), ` +
      `${sample.differing.length} differ (${percent(sample.differencePercent)}, tolerance ${percent(tolerances.dataTolerance)})`,
  );
  for (const file of document.sample.differing)
    lines.push(`    ${file.address}:${printablePath(file.path)}: contents differ from the snapshot, size and time unchanged`);
  lines.push(document.passed ? 'Spot check passed.' : 'Spot check failed.');
  return `${lines.join('\n')}\n`;
}

/** The one-line reason a spot check failed. */
export function spotFailureMessage(document: SpotDocument): string {
  const trees = document.trees.filter((tree) => !tree.withinTolerance).map((tree) => tree.tree);
  const reasons = [
    ...(trees.length > 0 ? [`the file count of ${trees.join(', ')} moved more than ${percent(document.tolerances.countTolerance)}`] : []),
    ...(document.sample.withinTolerance ? [] : [`${document.sample.differing.length} sampled files differ from the snapshot with size and time unchanged`]),
  ];
  return `the live installation failed the spot check against snapshot ${document.snapshot}: ${reasons.join('; ')}; see what changed with cellar plan, and restore what is damaged`;
}
