/** A discovered `@OnJob` method, named for error messages. */
export interface FoundHandler {
  job: string;
  owner: string;
}

/**
 * Every job name needs exactly one handler, and every handler a known job name. Returns the
 * problems, one line each; start-up refuses to continue unless the list is empty.
 */
export function handlerCoverageProblems(jobNames: readonly string[], found: readonly FoundHandler[]): string[] {
  const problems: string[] = [];
  for (const name of jobNames) {
    const owners = found.filter((h) => h.job === name).map((h) => h.owner);
    if (owners.length === 0) problems.push(`job "${name}" has no @OnJob handler`);
    if (owners.length > 1) problems.push(`job "${name}" has ${owners.length} handlers: ${owners.join(', ')}`);
  }
  for (const h of found) {
    if (!jobNames.includes(h.job)) problems.push(`${h.owner} handles "${h.job}", which is not a job name in JOB_SPECS`);
  }
  return problems;
}
