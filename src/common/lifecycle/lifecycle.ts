// One small core for every lifecycle (issue 18 §1), after Vendure's FSM
// (packages/core/src/common/finite-state-machine): the transitions are data, checked when
// defined; a transition's guards may refuse it (Vendure's onTransitionStart returning a
// message); its effects are declared with it (Vendure's onTransitionEnd), and the service's
// writer performs them in the same transaction as the status change — timeline, notices,
// reminders and outbox rows, through our durable outbox rather than an in-memory event bus.
// Unlike Vendure's state-keyed table, ours is keyed by action: a command is what a caller asks
// for, and two actions may lead from one status to the same target (reply vs. approveReply).
// Pure: no Nest, no TypeORM.

/** A refusal a guard returns (not throws), so `allowed()` can ask the same guards without catching. */
export type Guard<F> = (facts: F) => Error | null;

export interface TransitionSpec<S extends string, P extends string, F, E> {
  /** Statuses the action may start from. */
  from: readonly S[];
  /** Parties that may take it (any one suffices). */
  who: readonly P[];
  /**
   * The target: a status, or a choice among `targets` made from the facts. Absent for an action
   * that records something without changing the status (a note, a co-organiser's signature).
   */
  to?: S | { targets: readonly S[]; pick: (facts: F) => S };
  /** Checked in order after status and party; the first refusal is thrown. */
  guards?: readonly Guard<F>[];
  /** Declared effects, performed by the service's writer in the transition's transaction. */
  effects?: E;
  /** The refusal for a caller without the right part (default: the lifecycle's `wrongParty`). */
  forbidden?: () => Error;
}

export interface LifecycleSpec<S extends string, A extends string, P extends string, F, E> {
  name: string;
  statuses: readonly S[];
  /** Where every instance starts; every other status must be reachable from it. */
  initial: S;
  transitions: Readonly<Record<A, TransitionSpec<S, P, F, E>>>;
  refusals: {
    /**
     * The caller has no part at all: refused before anything about the instance's status leaks.
     * Omit for lifecycles whose callers are already known to stand in it (one office's ledger).
     */
    noStanding?: () => Error;
    wrongStatus: (action: A, status: S, allowed: A[], facts: F) => Error;
    wrongParty: (action: A, who: readonly P[], facts: F) => Error;
  };
}

export interface Decision<S extends string, E> {
  from: S;
  to: S;
  /** False for an action that leaves the status as it is. */
  changesStatus: boolean;
  effects: E | undefined;
}

export interface Lifecycle<S extends string, A extends string, P extends string, F, E> {
  readonly spec: LifecycleSpec<S, A, P, F, E>;
  readonly actions: readonly A[];
  /**
   * Decides an action: the target and its declared effects, or the refusal, checked in this
   * order — no standing (parties empty, when the lifecycle asks for standing), wrong status,
   * wrong party, then the guards. Throws the refusal.
   */
  decide(status: S, action: A, parties: readonly P[], facts: F): Decision<S, E>;
  /** Actions allowed from a status for any of the parties; with facts, only those the guards accept. */
  allowed(status: S, parties: readonly P[], facts?: F): A[];
  /** The statuses an action can lead to (its declared targets). */
  targetsOf(action: A): readonly S[];
}

/** Checks a lifecycle's table when it is defined (as Vendure's validateTransitionDefinition does). */
export function defineLifecycle<S extends string, A extends string, P extends string, F, E = never>(
  spec: LifecycleSpec<S, A, P, F, E>,
): Lifecycle<S, A, P, F, E> {
  const actions = Object.keys(spec.transitions) as A[];
  const targetsOf = (action: A): readonly S[] => {
    const to = spec.transitions[action].to;
    return to === undefined ? [] : typeof to === 'string' ? [to] : to.targets;
  };
  const known = new Set<string>(spec.statuses);
  if (!known.has(spec.initial)) throw new Error(`${spec.name}: initial status ${spec.initial} is not a status`);
  for (const action of actions) {
    const t = spec.transitions[action];
    if (t.who.length === 0) throw new Error(`${spec.name}.${action}: nobody may take it`);
    if (t.from.length === 0) throw new Error(`${spec.name}.${action}: no status to start from`);
    for (const s of [...t.from, ...targetsOf(action)]) {
      if (!known.has(s)) throw new Error(`${spec.name}.${action}: unknown status ${s}`);
    }
  }
  // Every status is reachable from the initial one.
  const reached = new Set<string>([spec.initial]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const action of actions) {
      if (!spec.transitions[action].from.some((s) => reached.has(s))) continue;
      for (const s of targetsOf(action)) if (!reached.has(s)) (reached.add(s), (grew = true));
    }
  }
  const unreachable = spec.statuses.filter((s) => !reached.has(s));
  if (unreachable.length) throw new Error(`${spec.name}: unreachable ${unreachable.join(', ')}`);

  const passesGuards = (action: A, facts: F) => (spec.transitions[action].guards ?? []).every((g) => g(facts) === null);
  const allowed = (status: S, parties: readonly P[], facts?: F): A[] =>
    actions.filter((a) => {
      const t = spec.transitions[a];
      return t.from.includes(status) && t.who.some((p) => parties.includes(p)) && (facts === undefined || passesGuards(a, facts));
    });

  return {
    spec,
    actions,
    targetsOf,
    allowed,
    decide(status, action, parties, facts) {
      const t = spec.transitions[action];
      if (parties.length === 0 && spec.refusals.noStanding) throw t.forbidden?.() ?? spec.refusals.noStanding();
      if (!t.from.includes(status)) throw spec.refusals.wrongStatus(action, status, allowed(status, parties), facts);
      if (!t.who.some((p) => parties.includes(p))) throw t.forbidden?.() ?? spec.refusals.wrongParty(action, t.who, facts);
      for (const guard of t.guards ?? []) {
        const refusal = guard(facts);
        if (refusal) throw refusal;
      }
      const to = t.to === undefined ? status : typeof t.to === 'string' ? t.to : t.to.pick(facts);
      if (t.to !== undefined && !targetsOf(action).includes(to)) throw new Error(`${spec.name}.${action}: picked ${to}, not a declared target`);
      return { from: status, to, changesStatus: t.to !== undefined, effects: t.effects };
    },
  };
}
