/**
 * The cases API's own DTOs (the per-event DTOs and the open-case DTO live in ./events and
 * ./open-case.dto.ts): the list query, the responses, and the `toXResponse()` mappers.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { CASE_EVENT_TYPES, CASE_STATUSES, CLOSURE_REASONS, localDueDay, REQUEST_ORIGINS, ROLES, STAGES } from '@tacu/domain';
import type { TransitionResult } from '@tacu/engine';
import { upgradeCaseContext } from '@tacu/workflows';
import type { CaseRow } from '@tacu/persistence';
import type { AuditEventRow } from '@tacu/persistence';
import type { CaseSort } from './case-queries';
import { IsInstant, LIMITS } from './events/validation';
import { DETAIL_LIMITS } from './person-details.dto';

/**
 * Schema parts of the strings the API reads and answers (OpenAPI): each with its longest form, as
 * the OWASP ruleset asks (README "The OpenAPI document").
 */
const UUID = { format: 'uuid', maxLength: 36 } as const;
/** An instant as written by the API (24 characters), or read (up to 35: nine decimals and an offset). */
const INSTANT = { format: 'date-time', maxLength: 35 } as const;
const DAY = { format: 'date', maxLength: 10 } as const;
/** A dotted state of a machine, e.g. `assessment.inProgress`. */
const STATE = { maxLength: 200, example: 'request.draft' } as const;

const toBoolean = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);
const toInteger = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);

export class ListCasesQueryDto {
  @ApiPropertyOptional({ enum: STAGES, description: 'Only cases in this stage.' })
  @IsOptional()
  @IsIn(STAGES, { message: `stage must be one of ${STAGES.join(', ')}` })
  stage?: string;

  @ApiPropertyOptional({ description: 'Only cases in this exact state (dotted, e.g. "assessment.inProgress").', ...STATE })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  state?: string;

  @ApiPropertyOptional({ enum: CASE_STATUSES })
  @IsOptional()
  @IsIn(CASE_STATUSES, { message: `status must be one of ${CASE_STATUSES.join(', ')}` })
  status?: string;

  @ApiPropertyOptional({ description: 'Only cases led by this user.', maxLength: LIMITS.id, example: 'u-lp-0001' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  leadPractitionerId?: string;

  @ApiPropertyOptional({ description: 'Only cases of this area.', maxLength: LIMITS.id, example: 'dublin-south-central' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  areaId?: string;

  @ApiPropertyOptional({ description: 'Only cases of this family (sibling cases).', ...UUID })
  @IsOptional()
  @IsUUID('all', { message: 'familyId must be a UUID' })
  familyId?: string;

  @ApiPropertyOptional({ description: 'true: only open cases whose stage is past its due date; false: only the others.' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'Only cases whose stage is due before this instant: a date and time with a zone (Z or an offset).', example: '2026-12-01T00:00:00Z', ...INSTANT })
  @IsOptional()
  @IsInstant()
  dueBefore?: string;

  @ApiPropertyOptional({ enum: ['openedAt', 'dueAt'], default: 'openedAt', description: 'openedAt: newest first; dueAt: soonest deadline first (cases with a deadline only).' })
  @IsOptional()
  @IsIn(['openedAt', 'dueAt'], { message: 'sort must be openedAt or dueAt' })
  sort?: CaseSort;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page (signed by the server; a changed one is refused).', maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  cursor?: string;

  @ApiPropertyOptional({ description: 'Cases per page.', type: 'integer', format: 'int32', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'limit must be a whole number from 1 to 100' })
  @Min(1, { message: 'limit must be a whole number from 1 to 100' })
  @Max(100, { message: 'limit must be a whole number from 1 to 100' })
  limit?: number;
}

export class WorkflowRefResponse {
  @ApiProperty({ example: 'case', maxLength: LIMITS.id }) id!: string;
  @ApiProperty({ example: 1 }) version!: number;
}

export class CaseSummaryResponse {
  @ApiProperty({ ...UUID }) id!: string;
  @ApiProperty({ type: WorkflowRefResponse }) workflow!: WorkflowRefResponse;
  @ApiProperty({ example: 'dublin-south-central', maxLength: LIMITS.id }) areaId!: string;
  @ApiProperty({ ...UUID, nullable: true, type: String }) familyId!: string | null;
  @ApiProperty({ ...UUID, nullable: true, type: String, description: 'The family member this case is for.' }) childPersonId!: string | null;
  @ApiProperty({ nullable: true, type: String, enum: REQUEST_ORIGINS, example: 'school' }) origin!: string | null;
  @ApiProperty({ ...UUID, nullable: true, type: String }) previousEpisodeId!: string | null;
  @ApiProperty({ nullable: true, type: String, maxLength: LIMITS.id, example: 'u-lp-0001' }) leadPractitionerId!: string | null;
  @ApiProperty({ enum: STAGES }) stage!: string;
  @ApiProperty({ ...STATE }) state!: string;
  @ApiProperty({ enum: CASE_STATUSES }) status!: string;
  @ApiProperty({ nullable: true, type: String, enum: CLOSURE_REASONS }) closureReason!: string | null;
  @ApiProperty({ nullable: true, type: String, ...INSTANT, description: "The current stage's due date: the instant it passes (the end of `dueOn` in `timeZone`)." }) dueAt!: string | null;
  @ApiProperty({ nullable: true, type: String, ...DAY, example: '2026-06-22', description: "The same as a day of the organisation's calendar: the last day the deadline is met." }) dueOn!: string | null;
  @ApiProperty({ example: 'Europe/Dublin', maxLength: 64, description: "The organisation's time zone: deadlines are counted on its local days." }) timeZone!: string;
  @ApiProperty({ description: 'The stage is open and past its due date.' }) overdue!: boolean;
  @ApiProperty({ description: 'Send it back as If-Match to change the case only if nobody else did.' }) version!: number;
  @ApiProperty({ ...INSTANT }) openedAt!: string;
  @ApiProperty({ ...INSTANT }) updatedAt!: string;
  @ApiProperty({ nullable: true, type: String, ...INSTANT }) closedAt!: string | null;
}

export class DeadlineResponse {
  @ApiProperty({ nullable: true, type: String, example: 'assessmentCompletion', maxLength: 100, description: 'A deadline of the policy.' }) name!: string | null;
  @ApiProperty({ ...INSTANT, description: 'The instant the deadline passes (the end of `dueOn`, local time).' }) dueAt!: string;
  @ApiProperty({ ...DAY, example: '2026-06-22', description: "The last day of the organisation's calendar the deadline is met." }) dueOn!: string;
  @ApiProperty({ description: 'The deadline has passed while the case is still in that state.' }) passed!: boolean;
}

export class SiblingCaseResponse {
  @ApiProperty({ ...UUID }) id!: string;
  @ApiProperty({ ...UUID, nullable: true, type: String }) childPersonId!: string | null;
  @ApiProperty({ enum: STAGES }) stage!: string;
  @ApiProperty({ enum: CASE_STATUSES }) status!: string;
}

export class ContactDetailsResponse {
  @ApiPropertyOptional({ example: '+353 87 123 4567', maxLength: 30 }) phone?: string;
  @ApiPropertyOptional({ example: 'siobhan.murphy@example.ie', maxLength: 254 }) email?: string;
}

export class PersonSensitiveDetailsResponse {
  @ApiPropertyOptional({ description: 'An address kept from someone.', example: '12 Church Road, Tallaght, Dublin 24', maxLength: 500 }) address?: string;
  @ApiPropertyOptional({ type: ContactDetailsResponse, description: 'How to reach them.' }) contact?: ContactDetailsResponse;
  @ApiPropertyOptional({ description: "The child's ethnicity (special-category data).", example: 'Irish Traveller', maxLength: DETAIL_LIMITS.identity }) ethnicity?: string;
  @ApiPropertyOptional({ description: "The child's religion (special-category data).", example: 'Catholic', maxLength: DETAIL_LIMITS.identity }) religion?: string;
  @ApiPropertyOptional({ description: "The child's disability or additional needs (special-category data).", example: 'Autism diagnosis (2023).', maxLength: DETAIL_LIMITS.needs })
  disabilityOrAdditionalNeeds?: string;
}

export class HomeMemberResponse {
  @ApiPropertyOptional({ ...UUID, description: 'A member of the family (from familyMembers).' }) familyMemberId?: string;
  @ApiPropertyOptional({ example: 'Darren Kelly', maxLength: LIMITS.name, description: 'Someone else, by name.' }) name?: string;
  @ApiPropertyOptional({ example: "mother's partner", maxLength: DETAIL_LIMITS.relationship }) relationship?: string;
}

export class ProfessionalInvolvedResponse {
  @ApiProperty({ example: 'Dr Nuala Hayes', maxLength: LIMITS.name }) name!: string;
  @ApiProperty({ example: 'Speech and Language Therapy, HSE', maxLength: LIMITS.label }) service!: string;
  @ApiPropertyOptional({ type: ContactDetailsResponse, description: 'Only for the lead practitioner and the coordinators.' }) contact?: ContactDetailsResponse;
}

export class FamilyMemberResponse {
  @ApiProperty({ ...UUID }) id!: string;
  @ApiProperty({ example: 'mother', maxLength: 50, description: '`child` for the child of a case of the family.' }) relationship!: string;
  @ApiProperty({ example: 'Siobhán Murphy', maxLength: LIMITS.name }) name!: string;
  @ApiProperty({ nullable: true, type: String, ...DAY }) dateOfBirth!: string | null;
  @ApiProperty() hasParentalResponsibility!: boolean;
  @ApiProperty({ nullable: true, type: String, example: 'male', maxLength: DETAIL_LIMITS.gender, description: 'Sex/gender, as the family describes it (null: not recorded).' }) gender!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Scoil Bhríde National School, Tallaght', maxLength: DETAIL_LIMITS.place, description: 'School or pre-school.' }) school!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2nd class', maxLength: DETAIL_LIMITS.schoolClass }) schoolClass!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Dr Ciara Lynch, Main Street Medical Centre', maxLength: DETAIL_LIMITS.place, description: 'GP: name and practice.' }) gp!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Irish', maxLength: DETAIL_LIMITS.language }) firstLanguage!: string | null;
  @ApiProperty({ nullable: true, type: Boolean }) interpreterNeeded!: boolean | null;
  @ApiProperty({ nullable: true, type: [HomeMemberResponse], maxItems: DETAIL_LIMITS.people, description: "Who lives in the child's home." }) livesInHome!: HomeMemberResponse[] | null;
  @ApiProperty({ nullable: true, type: [ProfessionalInvolvedResponse], maxItems: DETAIL_LIMITS.people, description: 'The professionals already involved; their contact only for the lead practitioner and coordinators.' })
  professionalsInvolved!: ProfessionalInvolvedResponse[] | null;
  @ApiPropertyOptional({
    type: PersonSensitiveDetailsResponse,
    description:
      'Sensitive details, only for the case\'s lead practitioner and the area\'s coordinators (absent for anyone else): an address kept from someone, contact details, and the child\'s ethnicity, religion, disability or additional needs.',
  })
  sensitive?: PersonSensitiveDetailsResponse;
}

export class WaitingEventResponse {
  @ApiProperty({ enum: [...CASE_EVENT_TYPES], example: 'SUBMIT_REQUEST', description: 'One of allowedEvents.' }) event!: string;
  @ApiProperty({
    type: 'array',
    items: { type: 'string', maxLength: 2000 },
    maxItems: 20,
    description: 'What the rules need before it is accepted.',
    example: ['Consent of a parent/carer with parental responsibility is not recorded: record written consent (RECORD_CONSENT) before submitting.'],
  })
  reasons!: string[];
}

const ALLOWED_EVENTS = 'Events you may send in this state. A rule may still refuse one (422 GUARD_FAILED): for what the event carries, or, listed in waitingEvents, for what the case still lacks.';
const WAITING_EVENTS = 'Allowed events that a rule refuses as the case stands, each with what it needs first.';

export class CaseResponse extends CaseSummaryResponse {
  @ApiProperty({ type: 'array', items: { type: 'string', enum: [...CASE_EVENT_TYPES] }, maxItems: CASE_EVENT_TYPES.length, description: ALLOWED_EVENTS, example: ['RECORD_REQUEST_DETAILS'] })
  allowedEvents!: string[];
  @ApiProperty({ type: [WaitingEventResponse], maxItems: CASE_EVENT_TYPES.length, description: WAITING_EVENTS }) waitingEvents!: WaitingEventResponse[];
  @ApiProperty({ type: [DeadlineResponse] }) deadlines!: DeadlineResponse[];
  @ApiProperty({ type: [SiblingCaseResponse], description: 'Other cases of the same family that you may see.' }) siblingCases!: SiblingCaseResponse[];
  @ApiProperty({ type: [FamilyMemberResponse], description: 'The family: the child of this case (id childPersonId), the other members, and the children of sibling cases.' }) familyMembers!: FamilyMemberResponse[];
  @ApiProperty({ ...UUID, nullable: true, type: String, description: 'The pre-request checklist this request came from (GET /pre-request-checklists/:id), shown to those who may see that checklist; null otherwise.' })
  preRequestChecklistId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What has been recorded on the case (the workflow context).' })
  record!: Record<string, unknown>;
}

export class CasePageResponse {
  @ApiProperty({ type: [CaseSummaryResponse], maxItems: 100, description: 'At most `limit` cases.' }) items!: CaseSummaryResponse[];
  @ApiProperty({ nullable: true, type: String, maxLength: 500, description: 'Pass as ?cursor= for the next page; null on the last page.' }) nextCursor!: string | null;
}

export class TransitionResponse {
  @ApiProperty({ ...UUID }) caseId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ ...STATE, example: 'request.awaitingConsent' }) state!: string;
  @ApiProperty({ enum: STAGES }) stage!: string;
  @ApiProperty({ enum: CASE_STATUSES }) status!: string;
  @ApiProperty({ nullable: true, type: String, ...INSTANT }) dueAt!: string | null;
  @ApiProperty({ nullable: true, type: String, ...DAY, example: '2026-06-22', description: 'The due date as a local day of the organisation.' }) dueOn!: string | null;
  @ApiProperty({ example: 'Europe/Dublin', maxLength: 64 }) timeZone!: string;
  @ApiProperty({ type: 'array', items: { type: 'string', enum: [...CASE_EVENT_TYPES] }, maxItems: CASE_EVENT_TYPES.length, description: ALLOWED_EVENTS }) allowedEvents!: string[];
  @ApiProperty({ type: [WaitingEventResponse], maxItems: CASE_EVENT_TYPES.length, description: WAITING_EVENTS }) waitingEvents!: WaitingEventResponse[];
  @ApiProperty({
    type: 'array',
    items: { type: 'string', maxLength: 100, example: 'consentRecord' },
    // A state names at most one document, and a transition enters a handful of states.
    maxItems: 20,
    description: 'Documents this transition issued: those of the states it entered and any its own meta names (a consent recorded issues the consent record wherever the case is).',
  })
  documents!: string[];
  @ApiProperty({ description: 'True when this is the stored answer to an earlier request with the same Idempotency-Key.' }) replayed!: boolean;
}

export class AuditActorResponse {
  @ApiProperty({ maxLength: LIMITS.id, example: 'u-lp-0001' }) id!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
}

export class AuditEntryResponse {
  @ApiProperty() seq!: number;
  @ApiProperty({ ...INSTANT }) at!: string;
  @ApiProperty({ type: AuditActorResponse }) actor!: AuditActorResponse;
  @ApiProperty({ example: 'SUBMIT_REQUEST', maxLength: 200, description: 'The event, OPEN_CASE, or a deadline timer (xstate.after...).' }) eventType!: string;
  @ApiProperty({ nullable: true, type: String, ...STATE }) fromState!: string | null;
  @ApiProperty({ ...STATE }) toState!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What the event carried (empty, with `withheld`, when it is not yours to read).' }) data!: Record<string, unknown>;
  @ApiPropertyOptional({ description: "True when the entry's data is left out for you: a child-protection concern is read by those who handle it (the lead, the coordinators, the liaison person). The hash still covers the data." })
  withheld?: boolean;
  @ApiProperty({ description: 'SHA-256 chaining this entry to the previous one.', pattern: '^[0-9a-f]{64}$', maxLength: 64 }) hash!: string;
}

export class CaseHistoryResponse {
  @ApiProperty({ ...UUID }) caseId!: string;
  @ApiProperty({ type: [AuditEntryResponse] }) events!: AuditEntryResponse[];
}

// ---- mappers --------------------------------------------------------------------------------

const iso = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();
const isoOrNull = (value: Date | string | null): string | null => (value === null ? null : iso(value));

/** A case row as the API shows it; `timeZone` is its organisation's (dates are shown as its local days). */
export function toCaseSummaryResponse(row: Omit<CaseRow, 'lastAuditHash' | 'snapshot' | 'participation'>, now: Date, timeZone: string): CaseSummaryResponse {
  const dueAt = row.dueAt === null ? null : new Date(row.dueAt);
  return {
    id: row.id,
    workflow: { id: row.workflowId, version: row.workflowVersion },
    areaId: row.areaId,
    familyId: row.familyId,
    childPersonId: row.childPersonId,
    origin: row.origin,
    previousEpisodeId: row.previousEpisodeId,
    leadPractitionerId: row.leadPractitionerId,
    stage: row.stage,
    state: row.state,
    status: row.status,
    closureReason: row.closureReason,
    dueAt: dueAt ? dueAt.toISOString() : null,
    dueOn: dueAt ? localDueDay(dueAt, timeZone) : null,
    timeZone,
    overdue: row.status !== 'closed' && dueAt !== null && dueAt.getTime() <= now.getTime(),
    version: row.version,
    openedAt: iso(row.openedAt),
    updatedAt: iso(row.updatedAt),
    closedAt: isoOrNull(row.closedAt),
  };
}

/**
 * What the workflow has recorded, without the engine's bookkeeping (clock reading, policy,
 * calendar, who last acted), in the current shape (`upgradeCaseContext`: a case recorded by an
 * earlier release reads like one recorded now).
 */
export function recordOf(snapshot: unknown): Record<string, unknown> {
  const context = (snapshot as { context?: unknown } | null)?.context;
  if (context === null || typeof context !== 'object' || Array.isArray(context)) return {};
  const { now: _now, policy: _policy, calendar: _calendar, actor: _actor, ...record } = upgradeCaseContext(context as Record<string, unknown>);
  return record;
}

export interface CaseDetail {
  row: Omit<CaseRow, 'lastAuditHash'>;
  allowedEvents: string[];
  waitingEvents: WaitingEventResponse[];
  deadlines: Array<{ name: string | null; dueAt: Date; fired: boolean }>;
  siblings: SiblingCaseResponse[];
  /** The family as the reader may read it (family-view.ts, libs/auth `readablePerson`). */
  members: FamilyMemberResponse[];
  preRequestChecklistId: string | null;
  /** The time zone of the case's organisation. */
  timeZone: string;
  /** What of the record the reader may read (libs/auth `readableRecord`). */
  readable: (record: Record<string, unknown>) => Record<string, unknown>;
}

export function toCaseResponse(detail: CaseDetail, now: Date): CaseResponse {
  return {
    ...toCaseSummaryResponse(detail.row, now, detail.timeZone),
    allowedEvents: detail.allowedEvents,
    waitingEvents: detail.waitingEvents,
    deadlines: detail.deadlines.map((d) => ({
      name: d.name,
      dueAt: iso(d.dueAt),
      dueOn: localDueDay(new Date(d.dueAt), detail.timeZone),
      passed: d.fired || new Date(d.dueAt).getTime() <= now.getTime(),
    })),
    siblingCases: detail.siblings,
    familyMembers: detail.members,
    preRequestChecklistId: detail.preRequestChecklistId,
    record: detail.readable(recordOf(detail.row.snapshot)),
  };
}

export function toTransitionResponse(result: TransitionResult): TransitionResponse {
  return {
    caseId: result.caseId,
    version: result.version,
    state: result.state,
    stage: result.stage,
    status: result.status,
    dueAt: result.dueAt,
    dueOn: result.dueOn,
    timeZone: result.timeZone,
    allowedEvents: result.allowedEvents,
    // Answers stored for an idempotent replay before waitingEvents existed have none.
    waitingEvents: result.waitingEvents ?? [],
    documents: result.documents,
    replayed: result.replayed,
  };
}

/** A history entry; `data` null when the reader may not read it (it is then withheld). */
export function toAuditEntryResponse(row: AuditEventRow, data: Record<string, unknown> | null = row.data ?? {}): AuditEntryResponse {
  return {
    seq: row.seq,
    at: iso(row.at),
    actor: { id: row.actorId, role: row.actorRole },
    eventType: row.eventType,
    fromState: row.fromState,
    toState: row.toState,
    data: data ?? {},
    ...(data === null ? { withheld: true } : {}),
    hash: row.hash,
  };
}
