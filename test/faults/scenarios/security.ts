import { ACCESS_TABLE } from '../../security/access-table.js';
import { runAuthzMatrix, type AuthzFigures } from '../../security/lib/authz.js';
import { runFuzz, type FuzzFigures } from '../../security/lib/fuzz.js';
import { startSecurityApp } from '../../security/lib/security-app.js';
import { buildWorld } from '../../security/lib/world.js';
import { collectPii, type FaultContext, type ScenarioResult } from '../lib/context.js';

/** The authorization matrix of test/security, run here too so the figures land in the JSON. */
export async function authzScenario(ctx: FaultContext): Promise<ScenarioResult<AuthzFigures>> {
  const t = (await startSecurityApp('faults-authz'))!;
  try {
    const report = await runAuthzMatrix(t, ACCESS_TABLE);
    const notes = [
      ...report.wrongAllows.map((c) => `wrong allow: ${c.op} as ${c.actor}: ${c.detail}`),
      ...report.wrongDenies.map((c) => `wrong deny: ${c.op} as ${c.actor}: ${c.detail}`),
      ...report.operationsWithoutRule.map((o) => `no rule: ${o}`),
      ...report.rulesWithoutOperation.map((o) => `rule without operation: ${o}`),
      ...report.nested.leaks.map((c) => `nested leak: ${c.op} as ${c.actor}: ${c.detail}`),
      `nested-field checks: ${report.nested.checks}`,
    ];
    const ok =
      report.figures.wrong_allows === 0 &&
      report.figures.operations_without_rule === 0 &&
      report.rulesWithoutOperation.length === 0 &&
      report.wrongDenies.length === 0 &&
      report.nested.leaks.length === 0 &&
      report.invalid.length === 0;
    return { figures: report.figures, ok, notes };
  } finally {
    collectPii(ctx, t);
    await t.close();
  }
}

/** The fuzzer of test/security: 20,000 operations even with --quick (the floor per run). */
export async function fuzzScenario(ctx: FaultContext): Promise<ScenarioResult<FuzzFigures>> {
  const t = (await startSecurityApp('faults-fuzz'))!;
  try {
    const world = await buildWorld(t);
    const result = await runFuzz(t, world, ACCESS_TABLE, { operations: Number(process.env.FUZZ_OPERATIONS ?? 20_000), log: ctx.log });
    const f = result.figures;
    const notes = [`seed ${result.seed}, ${result.seconds} s, by kind ${JSON.stringify(result.byKind)}`, ...result.failures.map((x) => `${x.kind} → ${x.status}: ${x.response.slice(0, 200)}`)];
    return { figures: f, ok: f.operations >= 20_000 && f.status_5xx === 0 && f.leaks === 0 && f.unhandled === 0, notes };
  } finally {
    collectPii(ctx, t);
    await t.close();
  }
}
