import { describe, expect, it } from 'vitest';
import { checkPlanBytes } from '../../src/observe/load-plan.js';
import { CellarError } from '../../src/core/errors.js';
import { invalidPlans } from './invalid-plans.js';

const plans = invalidPlans();

describe('malformed plans', () => {
  it('has at least 30 of them, each expecting a problem', () => {
    expect(plans.length).toBeGreaterThanOrEqual(30);
    for (const plan of plans) expect(plan.expected, plan.name).not.toHaveLength(0);
  });

  it.each(plans.map((plan) => [plan.name, plan] as const))('%s: every problem, at its line and column', async (_name, plan) => {
    const error = await checkPlanBytes(plan.bytes, { file: plan.path, label: plan.name, env: { HOME: '/nonexistent' } }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(CellarError);
    const invalid = error as CellarError;
    expect(invalid.code).toBe('PLAN_INVALID');
    const count = plan.expected.length;
    expect(invalid.message).toBe(`${plan.name} has ${count} problem${count === 1 ? '' : 's'}`);
    expect(invalid.details).toEqual(plan.expected);
  });
});
