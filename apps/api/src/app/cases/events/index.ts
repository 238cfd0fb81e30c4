/**
 * HTTP-side validation of the events a person can send to a case (`@tacu/domain` CaseEvent).
 *
 * - `EVENT_DTOS`: one class-validator/OpenAPI class per event type.
 * - `parseCaseEvent(body)`: the event, or every invalid field with a dotted path.
 * - `caseEventBodySchema()` and `CASE_EVENT_MODELS`: for `@ApiBody` and `@ApiExtraModels` on the
 *   controller that accepts events:
 *
 *   @ApiExtraModels(...CASE_EVENT_MODELS)
 *   @ApiBody({ schema: caseEventBodySchema() })
 */
import { getSchemaPath, type SchemaObject } from '@nestjs/swagger';
import { CASE_EVENT_TYPES, type CaseEvent, type CaseEventType } from '@tacu/domain';
import {
  AgreeAssessmentDto,
  CompleteAssessmentDto,
  RecordAssessmentDto,
  ReopenAssessmentDto,
} from './assessment.dto';
import {
  DraftPlanDto,
  ReportActionProgressDto,
  RequestPlanChangesDto,
  SignOffPlanDto,
  SubmitPlanForSignOffDto,
} from './action-plan.dto';
import { AssignLeadPractitionerDto, DecideOnWithdrawalDto, WithdrawConsentDto } from './any-stage.dto';
import { CloseCaseDto, HoldClosingMeetingDto, ProposeClosureDto, RecordClosureFeedbackDto } from './closure.dto';
import { RecordContactDto } from './contact-log.dto';
import {
  AcknowledgeReportDto,
  ConsultLiaisonDto,
  DecideNotToReportDto,
  RaiseConcernDto,
  RecordConcernOutcomeDto,
  SubmitReportDto,
} from './escalation.dto';
import {
  CancelMeetingDto,
  DistributeMinutesDto,
  HoldMeetingDto,
  InviteToMeetingDto,
  RescheduleMeetingDto,
} from './meeting.dto';
import {
  DeclineRequestDto,
  RecordConsentDto,
  RecordRequestDetailsDto,
  RedirectRequestDto,
  RegisterRequestDto,
  RequestConsentDto,
  SubmitRequestDto,
} from './request.dto';
import { ContinuePlanDto, HoldReviewDto, RecordReviewDto, RevisePlanDto } from './review.dto';
import { isPlainObject, validateBody, type FieldError } from './validation';

export * from './common.dto';
export * from './request.dto';
export * from './assessment.dto';
export * from './meeting.dto';
export * from './action-plan.dto';
export * from './review.dto';
export * from './closure.dto';
export * from './escalation.dto';
export * from './any-stage.dto';
export * from './contact-log.dto';
export { LIMITS, isDay, isInstant, validateBody, toFieldErrors, type FieldError, type ParseResult } from './validation';

type EventOf<K extends CaseEventType> = Extract<CaseEvent, { type: K }>;

/** Each class builds the event of its key: a DTO filed under the wrong type is a type error. */
const DTO_CLASSES = {
  RECORD_REQUEST_DETAILS: RecordRequestDetailsDto,
  REQUEST_CONSENT: RequestConsentDto,
  RECORD_CONSENT: RecordConsentDto,
  SUBMIT_REQUEST: SubmitRequestDto,
  REGISTER_REQUEST: RegisterRequestDto,
  REDIRECT_REQUEST: RedirectRequestDto,
  DECLINE_REQUEST: DeclineRequestDto,
  RECORD_ASSESSMENT: RecordAssessmentDto,
  COMPLETE_ASSESSMENT: CompleteAssessmentDto,
  AGREE_ASSESSMENT: AgreeAssessmentDto,
  REOPEN_ASSESSMENT: ReopenAssessmentDto,
  INVITE_TO_MEETING: InviteToMeetingDto,
  HOLD_MEETING: HoldMeetingDto,
  CANCEL_MEETING: CancelMeetingDto,
  RESCHEDULE_MEETING: RescheduleMeetingDto,
  DISTRIBUTE_MINUTES: DistributeMinutesDto,
  DRAFT_PLAN: DraftPlanDto,
  SUBMIT_PLAN_FOR_SIGN_OFF: SubmitPlanForSignOffDto,
  SIGN_OFF_PLAN: SignOffPlanDto,
  REQUEST_PLAN_CHANGES: RequestPlanChangesDto,
  REPORT_ACTION_PROGRESS: ReportActionProgressDto,
  HOLD_REVIEW: HoldReviewDto,
  RECORD_REVIEW: RecordReviewDto,
  CONTINUE_PLAN: ContinuePlanDto,
  REVISE_PLAN: RevisePlanDto,
  PROPOSE_CLOSURE: ProposeClosureDto,
  RECORD_CLOSURE_FEEDBACK: RecordClosureFeedbackDto,
  CLOSE_CASE: CloseCaseDto,
  RAISE_CONCERN: RaiseConcernDto,
  CONSULT_LIAISON: ConsultLiaisonDto,
  SUBMIT_REPORT: SubmitReportDto,
  DECIDE_NOT_TO_REPORT: DecideNotToReportDto,
  ACKNOWLEDGE_REPORT: AcknowledgeReportDto,
  RECORD_CONCERN_OUTCOME: RecordConcernOutcomeDto,
  WITHDRAW_CONSENT: WithdrawConsentDto,
  RECORD_CONTACT: RecordContactDto,
  DECIDE_ON_WITHDRAWAL: DecideOnWithdrawalDto,
  ASSIGN_LEAD_PRACTITIONER: AssignLeadPractitionerDto,
  HOLD_CLOSING_MEETING: HoldClosingMeetingDto,
} as const satisfies { [K in CaseEventType]: new () => EventOf<K> };

/**
 * Compile-time drift check the other way round: a DTO declares exactly the event's fields (`implements`
 * alone would let a DTO miss a new optional field). Names the event types whose fields differ.
 */
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : false;
type DriftedEvents = {
  [K in CaseEventType]: SameKeys<InstanceType<(typeof DTO_CLASSES)[K]>, EventOf<K>> extends true ? never : K;
}[CaseEventType];
const _noDrift: [DriftedEvents] extends [never] ? true : DriftedEvents = true;
void _noDrift;

/** The DTO class of each event type. */
export const EVENT_DTOS: Record<CaseEventType, new () => object> = DTO_CLASSES;

/** Every event DTO, in the order of CASE_EVENT_TYPES: for `@ApiExtraModels(...CASE_EVENT_MODELS)`. */
export const CASE_EVENT_MODELS: (new () => object)[] = CASE_EVENT_TYPES.map((type) => EVENT_DTOS[type]);

/** `$ref` of each event's schema, keyed by event type. */
export function eventRequestSchemaRefs(): Record<CaseEventType, string> {
  return Object.fromEntries(CASE_EVENT_TYPES.map((type) => [type, getSchemaPath(EVENT_DTOS[type])])) as Record<
    CaseEventType,
    string
  >;
}

/** The request body schema of "send an event": one of the event schemas, discriminated by `type`. */
export function caseEventBodySchema(): SchemaObject {
  const refs = eventRequestSchemaRefs();
  return {
    description: 'An event for the case; `type` says which, and decides the other fields.',
    oneOf: CASE_EVENT_TYPES.map((type) => ({ $ref: refs[type] })),
    discriminator: { propertyName: 'type', mapping: refs },
  };
}

const isEventType = (value: unknown): value is CaseEventType =>
  typeof value === 'string' && (CASE_EVENT_TYPES as readonly string[]).includes(value);

/**
 * Validates a parsed JSON body as a CaseEvent. Unknown fields are rejected; every invalid field is
 * reported with its dotted path (`actions.0.owner.agency`). The field `''` means the body itself.
 */
export function parseCaseEvent(body: unknown): { ok: true; event: CaseEvent } | { ok: false; errors: FieldError[] } {
  if (!isPlainObject(body)) {
    return { ok: false, errors: [{ field: '', problems: ['the body must be a JSON object with a "type" field naming the event'] }] };
  }
  const type = (body as { type?: unknown }).type;
  if (!isEventType(type)) {
    const known = CASE_EVENT_TYPES.join(', ');
    const problem =
      type === undefined
        ? `type is required: the event to send, one of ${known}`
        : typeof type !== 'string'
          ? `type must be text naming the event, one of ${known}`
          : `unknown event type ${JSON.stringify(type.slice(0, 60))}; known types: ${known}`;
    return { ok: false, errors: [{ field: 'type', problems: [problem] }] };
  }
  const result = validateBody<CaseEvent>(EVENT_DTOS[type], body);
  return result.ok ? { ok: true, event: result.value } : result;
}
