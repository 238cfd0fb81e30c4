/**
 * What of a case's record a person may read, once they may read the case (policy.ts): need to
 * know within a case. A child-protection concern (what was seen or said, the liaison person's
 * advice, the report to the statutory service) is for those who handle it: the lead
 * practitioner, the area's coordinators and the designated liaison person (domain.md
 * "Escalation"; Children First). An agency practitioner invited to the meeting sees that the case
 * is on hold, not why: the concern is left out of the record, and the data of the escalation's
 * events is left out of the history they read (an entry they sent themselves excepted): a
 * mandated person from an invited agency who reported directly reads their own report there.
 * A designated liaison person who handled a concern, once it is over, reads their record of it
 * and nothing else of the case (`scope` 'concernRecord', see `readsConcernRecordOnly` in policy.ts).
 */
import type { Role } from '@tacu/domain';

/** The events of an escalation, whose data is the concern's narrative. */
export const ESCALATION_EVENTS: readonly string[] = [
  'RAISE_CONCERN',
  'CONSULT_LIAISON',
  'SUBMIT_REPORT',
  'DECIDE_NOT_TO_REPORT',
  'ACKNOWLEDGE_REPORT',
  'RECORD_CONCERN_OUTCOME',
];

/** Roles that handle a concern, and so read it, on a case they may read. */
const CONCERN_READERS: readonly Role[] = ['leadPractitioner', 'coordinator', 'designatedLiaisonPerson'];

/** Whether someone acting in `role` on a case reads the concerns raised on it. */
export function canReadConcerns(role: Role): boolean {
  return CONCERN_READERS.includes(role);
}

/** What of the case a reader reads: all of it (as their role allows), or only the record of its concerns. */
export type ReadScope = 'case' | 'concernRecord';

/** The record (the workflow's context) as someone acting in `role` may read it, within `scope`. */
export function readableRecord(role: Role, record: Record<string, unknown>, scope: ReadScope = 'case'): Record<string, unknown> {
  if (scope === 'concernRecord') return canReadConcerns(role) ? { concerns: record['concerns'] ?? [] } : {};
  if (canReadConcerns(role)) return record;
  const { concerns: _concerns, ...rest } = record;
  return rest;
}

/** A history entry's data as `reader`, acting in `role`, may read it within `scope`: `null` when it is left out. */
export function readableEventData(
  role: Role,
  readerId: string,
  entry: { eventType: string; actorId: string; data: Record<string, unknown> },
  scope: ReadScope = 'case',
): Record<string, unknown> | null {
  if (scope === 'concernRecord') return canReadConcerns(role) && ESCALATION_EVENTS.includes(entry.eventType) ? entry.data : null;
  if (canReadConcerns(role) || !ESCALATION_EVENTS.includes(entry.eventType) || entry.actorId === readerId) return entry.data;
  return null;
}

/** The stage document that holds a concern: the child protection and welfare report. */
export const CONCERN_DOCUMENT = 'childProtectionReport';

/**
 * Whether someone acting in `role` on a case they may read, within `scope`, reads its stored
 * documents of `kind`: the same need to know as the record. The child protection and welfare
 * report is for those who handle the concern; a liaison person whose concern is over reads that
 * report and nothing else; every other document is read by whoever reads the case.
 */
export function canReadDocument(role: Role, kind: string, scope: ReadScope = 'case'): boolean {
  if (kind === CONCERN_DOCUMENT) return canReadConcerns(role);
  return scope === 'case';
}

// ---- a person's record ------------------------------------------------------------------------

/**
 * The parts of a person's record (the child or a family member of a case) that are sensitive:
 * an address kept from someone, contact details, and the child's special-category data (GDPR
 * art. 9). Shown only to whom `canSeeSensitiveDetails` (policy.ts) allows; all of them live under
 * `sensitive`, but for the contact details of the professionals involved, which are given with
 * each professional.
 */
export const SENSITIVE_PERSON_FIELDS = ['address', 'contact', 'ethnicity', 'religion', 'disabilityOrAdditionalNeeds'] as const;

/** The shape `readablePerson` reads: a person's record with its sensitive parts. */
export interface PersonRecordShape {
  professionalsInvolved: ReadonlyArray<{ name: string; service: string; contact?: unknown }> | null;
  sensitive?: object;
}

/**
 * A person's record as a reader may read it: everything when `seesSensitive`
 * (`canSeeSensitiveDetails` for this case), else without `sensitive` and without the contact
 * details of the professionals involved. Only the known sensitive fields are ever passed on.
 */
export function readablePerson<P extends PersonRecordShape>(person: P, seesSensitive: boolean): P {
  const { sensitive, professionalsInvolved, ...rest } = person;
  if (!seesSensitive) {
    const professionals = professionalsInvolved?.map(({ name, service }) => ({ name, service })) ?? null;
    return { ...rest, professionalsInvolved: professionals } as unknown as P;
  }
  const given = (sensitive ?? {}) as Record<string, unknown>;
  const known = Object.fromEntries(SENSITIVE_PERSON_FIELDS.filter((field) => given[field] !== undefined).map((field) => [field, given[field]]));
  return { ...rest, professionalsInvolved, sensitive: known } as unknown as P;
}
