// Counts come from SQL aggregates; this turns them into the published figures.

/** Aggregated counts of one group (or the total). Null: the figure does not apply to this grouping. */
export interface Counts {
  campaignsPublished: number | null;
  received: number | null;
  accepted: number | null;
  rejected: number | null;
  returned: number | null;
  transferred: number | null;
  replied: number | null;
  adopted: number | null;
  partlyAdopted: number | null;
  repliesPublished: number | null;
  repliesOnTime: number | null;
  signsDue: number | null;
  signedOnTime: number | null;
  rated: number | null;
  satisfied: number | null;
  basicallySatisfied: number | null;
  unsatisfied: number | null;
  satisfactionPoints: number | null;
  reopened: number | null;
  evaluatorOpinionsHandled: number | null;
}

export interface Figures extends Omit<Counts, 'satisfactionPoints'> {
  adoptionRate: number | null;
  onTimeSignRate: number | null;
  onTimeReplyRate: number | null;
  satisfaction: number | null;
  reopenRate: number | null;
}

export const COUNT_NAMES: readonly (keyof Counts)[] = [
  'campaignsPublished',
  'received',
  'accepted',
  'rejected',
  'returned',
  'transferred',
  'replied',
  'adopted',
  'partlyAdopted',
  'repliesPublished',
  'repliesOnTime',
  'signsDue',
  'signedOnTime',
  'rated',
  'satisfied',
  'basicallySatisfied',
  'unsatisfied',
  'satisfactionPoints',
  'reopened',
  'evaluatorOpinionsHandled',
];

export function emptyCounts(): Counts {
  return Object.fromEntries(COUNT_NAMES.map((n) => [n, null])) as unknown as Counts;
}

/** part / whole as a percentage with one decimal; null when nothing was due. */
export function percent(part: number | null, whole: number | null): number | null {
  if (part === null || whole === null || whole === 0) return null;
  return Math.round((part / whole) * 1000) / 10;
}

export function toFigures(c: Counts): Figures {
  const { satisfactionPoints, ...counts } = c;
  return {
    ...counts,
    adoptionRate: percent(c.adopted, c.replied),
    onTimeSignRate: percent(c.signedOnTime, c.signsDue),
    onTimeReplyRate: percent(c.repliesOnTime, c.repliesPublished),
    // Mean of 100 / 80 / 0 per rating, one decimal.
    satisfaction: c.rated ? Math.round(((satisfactionPoints ?? 0) / c.rated) * 10) / 10 : null,
    reopenRate: percent(c.reopened, c.repliesPublished),
  };
}
