// What the platform tells whom. Residents may opt out of the optional kinds; the essential
// ones (receipt with the tracking number, the outcome) always go out. Staff kinds are duty.

export const RESIDENT_KINDS = ['RECEIPT', 'PROGRESS', 'RESULT', 'RATING_REQUEST'] as const;
export const STAFF_KINDS = ['DEADLINE', 'ESCALATION'] as const;
export const NOTIFICATION_KINDS = [...RESIDENT_KINDS, ...STAFF_KINDS] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Kinds a resident may switch off (their outgoing SMS; the inbox keeps them). */
export const OPTIONAL_RESIDENT_KINDS: readonly NotificationKind[] = ['PROGRESS', 'RATING_REQUEST'];

export type RecipientKind = 'RESIDENT' | 'STAFF';
export type NotificationChannel = 'SMS' | 'WEBHOOK' | 'LOG' | 'NONE';

export function isOptional(kind: NotificationKind): boolean {
  return OPTIONAL_RESIDENT_KINDS.includes(kind);
}
