/** The semantic rules a plan must pass beyond the schema (DESIGN §2), all checked before anything runs. */
import { checkDatasources } from './datasource-rules.js';
import { didYouMean } from './did-you-mean.js';
import { checkExcludes } from './exclude-rules.js';
import type { PlanFacts } from './plan-facts.js';
import type { PlanFile } from './plan.js';
import type { Problem } from './problem.js';
import { checkStores } from './store-rules.js';
import { checkTargets } from './target-rules.js';

/** Every rule the plan breaks, given what the file system holds. */
export function checkPlanRules(plan: PlanFile, facts: PlanFacts): Problem[] {
  return [
    ...checkTargets(plan, facts),
    ...checkDatasources(plan, facts),
    ...checkStores(plan, facts),
    ...checkExcludes(plan),
    ...checkRetention(plan),
    ...checkRestoreSource(plan),
  ];
}

function checkRetention(plan: PlanFile): Problem[] {
  return Object.values(plan.targets).flatMap((target) => {
    const keep = target.keep;
    if (keep === undefined || keep.within !== undefined) return [];
    const counts = [keep.last, keep.hourly, keep.daily, keep.weekly, keep.monthly, keep.yearly];
    if (counts.some((count) => count !== undefined && count > 0)) return [];
    return [
      {
        path: ['targets', target.name, 'keep'],
        at: 'value' as const,
        message: `targets.${target.name}.keep keeps nothing but the newest snapshot: every other one would be deleted; set a count above 0, or omit keep to keep every snapshot`,
      },
    ];
  });
}

function checkRestoreSource(plan: PlanFile): Problem[] {
  const from = plan.restore?.from;
  if (from === undefined || plan.targets[from] !== undefined) return [];
  const names = Object.keys(plan.targets);
  const hint = didYouMean(from, names);
  return [
    {
      path: ['restore', 'from'],
      at: 'value',
      message: `restore.from names "${from}", which is not a target${hint === '' ? `; the targets are ${names.join(', ')}` : hint}`,
    },
  ];
}
