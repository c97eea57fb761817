/** A routing rule as the matcher sees it. */
export interface RoutingRuleLike {
  id: number;
  campaignId: number | null;
  category: string | null;
  keywords: readonly string[];
  area: string | null;
  leadUnitId: number;
  coUnitIds: readonly number[];
  priority: number;
  active: boolean;
}

export interface RoutableSuggestion {
  campaignId: number;
  category: string;
  title: string;
  body: string;
  location: string | null;
}

/**
 * The first active rule, by priority then id, whose every given condition holds:
 * same campaign, same category, any keyword in title or body, area within the location.
 */
export function matchRoutingRule<R extends RoutingRuleLike>(rules: readonly R[], s: RoutableSuggestion): R | null {
  const text = `${s.title}\n${s.body}`.toLowerCase();
  const ordered = [...rules].filter((r) => r.active).sort((a, b) => a.priority - b.priority || a.id - b.id);
  for (const r of ordered) {
    if (r.campaignId !== null && r.campaignId !== s.campaignId) continue;
    if (r.category !== null && r.category !== s.category) continue;
    if (r.keywords.length > 0 && !r.keywords.some((k) => text.includes(k.toLowerCase()))) continue;
    if (r.area !== null && !(s.location ?? '').includes(r.area)) continue;
    return r;
  }
  return null;
}
