import type {
  AdministrativeCaseKind, AdministrativeCaseResult, DisclosureApplicantType, DisclosureChannel, DisclosureOutcome, DisclosureRequestStatus,
} from './gql/graphql';

// The ledger's enum values in the national format's order, for selects and filters. The types come
// from the schema: `Exactly` fails the build when the api adds or drops a value.
type Exactly<T extends string, L extends readonly T[]> = [T] extends [L[number]] ? L : never;
const all = <T extends string>() => <const L extends readonly T[]>(list: Exactly<T, L>) => list;

export const STATUSES = all<DisclosureRequestStatus>()(['IN_PROGRESS', 'AWAITING_CORRECTION', 'DECIDED']);
export const APPLICANT_TYPES = all<DisclosureApplicantType>()(['NATURAL_PERSON', 'COMMERCIAL_ENTERPRISE', 'RESEARCH_INSTITUTION', 'SOCIAL_WELFARE_ORG', 'LEGAL_SERVICE_ORG', 'OTHER_ORG']);
export const CHANNELS = all<DisclosureChannel>()(['WEBSITE', 'LETTER', 'IN_PERSON', 'FAX', 'EMAIL', 'OTHER']);
export const OUTCOMES = all<DisclosureOutcome>()([
  'DISCLOSED', 'PARTLY_DISCLOSED',
  'WITHHELD_STATE_SECRET', 'WITHHELD_PROHIBITED_BY_LAW', 'WITHHELD_SECURITY_STABILITY', 'WITHHELD_THIRD_PARTY_RIGHTS',
  'WITHHELD_INTERNAL_AFFAIRS', 'WITHHELD_PROCESS_INFORMATION', 'WITHHELD_ENFORCEMENT_FILES', 'WITHHELD_ADMINISTRATIVE_ENQUIRY',
  'UNAVAILABLE_NOT_HELD', 'UNAVAILABLE_NEEDS_CREATION', 'UNAVAILABLE_STILL_UNCLEAR',
  'NOT_PROCESSED_PETITION', 'NOT_PROCESSED_REPEATED', 'NOT_PROCESSED_PUBLICATION', 'NOT_PROCESSED_MASS_REPEATED', 'NOT_PROCESSED_CONFIRM_OR_REISSUE',
  'OTHER',
]);
export const CASE_KINDS = all<AdministrativeCaseKind>()(['ADMINISTRATIVE_REVIEW', 'LAWSUIT_DIRECT', 'LAWSUIT_AFTER_REVIEW']);
export const CASE_RESULTS = all<AdministrativeCaseResult>()(['UPHELD', 'CORRECTED', 'OTHER', 'PENDING']);

/** The current year in Shanghai, the ledger's year. */
export const shanghaiYear = (): number => Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));


/** A code from the URL if it is one of `values`, else null (a filter the URL cannot corrupt). */
export const pickCode = <T extends string>(values: readonly T[], raw: unknown): T | null => values.find((v) => v === raw) ?? null;
/** A year from the URL within the api's range (2000–2100), else null. */
export function yearFrom(raw: unknown): number | null {
  const year = Number(raw);
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : null;
}
/** The years a filter offers: this year back to 2019, newest first. */
export const filterYears = (): number[] => Array.from({ length: shanghaiYear() - 2019 + 1 }, (_, i) => shanghaiYear() - i);
