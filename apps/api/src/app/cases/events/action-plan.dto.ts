/** Action plan: draft it, submit it for the family's sign-off, sign off or ask for changes, report progress. */
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import {
  ACTION_STATUSES,
  type ActionStatus,
  type DraftPlan,
  type PlannedAction,
  type RecordedView,
  type ReportActionProgress,
  type RequestPlanChanges,
  type SignOffPlan,
  type SubmitPlanForSignOff,
} from '@tacu/domain';
import { EventType, PersonRefDto, RecordedViewDto } from './common.dto';
import {
  HasUniqueItems,
  IsDay,
  IsNestedArray,
  IsNestedObject,
  IsOneOf,
  IsRecordedView,
  IsSha256,
  IsText,
  IsWholeNumber,
  LIMITS,
  Optional,
  OptionalUnless,
} from './validation';

type ActionOwner = NonNullable<PlannedAction['owner']>;

@ApiSchema({
  name: 'ActionOwner',
  description: "Who owns an action: a practitioner and their agency, or a member of the family (their personId from the case, and no agency).",
})
export class ActionOwnerDto extends PersonRefDto implements ActionOwner {
  @ApiPropertyOptional({
    description: "The agency the practitioner acts for. Left out for a family member, who is named by personId.",
    example: 'Scoil Bhríde National School',
    maxLength: LIMITS.label,
  })
  @OptionalUnless<ActionOwner>((o) => o.personId === undefined)
  @IsText(LIMITS.label, { whenMissing: "agency is required for a practitioner; a family member who owns an action is named by personId (their id from the case) and has no agency" })
  agency?: string;
}

@ApiSchema({
  name: 'PlannedAction',
  description: 'One action of the plan. Every action needs an owner and a due date before the plan goes to the family for sign-off.',
})
export class PlannedActionDto implements PlannedAction {
  @ApiProperty({ description: 'Stable id of the action across plan versions, chosen by the client.', example: 'a1', maxLength: LIMITS.id })
  @IsText(LIMITS.id)
  id!: string;

  @ApiProperty({ description: 'The need or desired outcome the action answers.', example: 'Seán goes to school every day', maxLength: LIMITS.reason })
  @IsText(LIMITS.reason)
  answers!: string;

  @ApiProperty({ description: 'What will be done, in plain words.', example: 'Breakfast club place from Monday, with a lift on Tuesdays and Thursdays.', maxLength: LIMITS.text })
  @IsText(LIMITS.text)
  what!: string;

  @ApiPropertyOptional({ description: 'Who owns it (a practitioner and agency, or a family member). Needed before sign-off.', type: () => ActionOwnerDto })
  @Optional()
  @IsNestedObject(() => ActionOwnerDto)
  owner?: ActionOwnerDto;

  @ApiPropertyOptional({
    description: 'Day it is due (YYYY-MM-DD): on or after the day the case opened, at most two years ahead. Needed before sign-off.',
    example: '2026-05-29',
    format: 'date',
    maxLength: 10,
  })
  @Optional()
  @IsDay()
  dueDate?: string;

  @ApiProperty({ description: 'Where the action stands.', enum: ACTION_STATUSES, enumName: 'ActionStatus', example: 'notStarted' })
  @IsOneOf(ACTION_STATUSES)
  status!: ActionStatus;

  @ApiPropertyOptional({ description: 'Progress so far, in plain words.', example: 'Place confirmed; starts next week.', maxLength: LIMITS.reason })
  @Optional()
  @IsText(LIMITS.reason)
  progress?: string;
}

@ApiSchema({ name: 'DraftPlan', description: 'Draft (or redraft) the action plan: a new version of it.' })
export class DraftPlanDto implements DraftPlan {
  @EventType('DRAFT_PLAN')
  type!: 'DRAFT_PLAN';

  @ApiProperty({ description: 'The actions (at least one; each id once).', type: () => [PlannedActionDto], maxItems: LIMITS.items })
  @IsNestedArray(() => PlannedActionDto, { min: 1, max: LIMITS.items })
  @HasUniqueItems('id')
  actions!: PlannedActionDto[];

  @ApiProperty({ description: "The child's views on the plan, or why they could not be recorded.", type: () => RecordedViewDto })
  @IsRecordedView(() => RecordedViewDto, "the child's views")
  childViews!: RecordedView;
}

@ApiSchema({ name: 'SubmitPlanForSignOff', description: 'Send the current plan version to the family for sign-off.' })
export class SubmitPlanForSignOffDto implements SubmitPlanForSignOff {
  @EventType('SUBMIT_PLAN_FOR_SIGN_OFF')
  type!: 'SUBMIT_PLAN_FOR_SIGN_OFF';
}

type Signatory = SignOffPlan['signedBy'];
/** Plan versions a sign-off may name: a plan redrafted ten thousand times is not a plan. */
const PLAN_VERSION_MAX = 10_000;
const SIGNATORY_ROLES: readonly Signatory['as'][] = ['parentCarer', 'youngPerson'];
const SIGN_OFF_METHODS: readonly SignOffPlan['method'][] = ['inPerson', 'portal'];

@ApiSchema({ name: 'PlanSignatory', description: 'Who signs the plan, and as whom.' })
export class PlanSignatoryDto extends PersonRefDto implements Signatory {
  @ApiProperty({
    description: 'Signing as a parent/carer (with parental responsibility, whose consent is recorded) or as the young person (whose own consent is recorded).',
    enum: SIGNATORY_ROLES,
    example: 'parentCarer',
  })
  @IsOneOf(SIGNATORY_ROLES)
  as!: Signatory['as'];
}

@ApiSchema({
  name: 'SignOffPlan',
  description:
    "One person signs the exact current version of the plan. It becomes active when the organisation's rule is met (default: every parent/carer with parental responsibility who consented, and the young person where of age). Each person signs a version once.",
})
export class SignOffPlanDto implements SignOffPlan {
  @EventType('SIGN_OFF_PLAN')
  type!: 'SIGN_OFF_PLAN';

  @ApiProperty({ description: 'The plan version signed; must be the current one.', type: 'integer', format: 'int32', minimum: 1, maximum: PLAN_VERSION_MAX, example: 2 })
  @IsWholeNumber(1, PLAN_VERSION_MAX)
  planVersion!: number;

  @ApiProperty({ description: 'Who signed.', type: () => PlanSignatoryDto })
  @IsNestedObject(() => PlanSignatoryDto)
  signedBy!: PlanSignatoryDto;

  @ApiProperty({ description: 'How it was signed.', enum: SIGN_OFF_METHODS, example: 'inPerson' })
  @IsOneOf(SIGN_OFF_METHODS)
  method!: SignOffPlan['method'];

  @ApiPropertyOptional({
    description: "SHA-256 of the plan document the signer read: one issued when this plan version was sent for sign-off (GET /cases/{id}/documents). Left out: the family's version in English is the one signed.",
    pattern: '^[0-9a-f]{64}$',
    maxLength: 64,
    example: '9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c0b2d4f6e8a0c2e4f6a8b0d2f4e6a8c0b',
  })
  @Optional()
  @IsSha256()
  documentSha256?: string;
}

@ApiSchema({ name: 'RequestPlanChanges', description: 'The family asks for changes to the plan (it goes back to drafting).' })
export class RequestPlanChangesDto implements RequestPlanChanges {
  @EventType('REQUEST_PLAN_CHANGES')
  type!: 'REQUEST_PLAN_CHANGES';

  @ApiProperty({ description: 'What the family wants changed, in their words.', example: 'The Tuesday lift clashes with my shift; could it be Wednesday?', maxLength: LIMITS.text })
  @IsText(LIMITS.text)
  changesRequested!: string;
}

@ApiSchema({ name: 'ReportActionProgress', description: 'An action owner reports progress on an action of the active plan.' })
export class ReportActionProgressDto implements ReportActionProgress {
  @EventType('REPORT_ACTION_PROGRESS')
  type!: 'REPORT_ACTION_PROGRESS';

  @ApiProperty({ description: 'Id of the action in the plan.', example: 'a1', maxLength: LIMITS.id })
  @IsText(LIMITS.id)
  actionId!: string;

  @ApiProperty({ description: 'Where the action stands now.', enum: ACTION_STATUSES, enumName: 'ActionStatus', example: 'inProgress' })
  @IsOneOf(ACTION_STATUSES)
  status!: ActionStatus;

  @ApiProperty({ description: 'Progress, in plain words.', example: 'Attended breakfast club 9 of 10 days.', maxLength: LIMITS.reason })
  @IsText(LIMITS.reason)
  progress!: string;
}
