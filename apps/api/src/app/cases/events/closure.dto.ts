/** Closure: propose it with a reason, hold the closing meeting, collect feedback and final ratings, close. */
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import {
  CLOSURE_REASONS,
  FRAMEWORK_LIMITS,
  type CloseCase,
  type ClosureReason,
  type HoldClosingMeeting,
  type ProposeClosure,
  type RecordClosureFeedback,
  type RecordedView,
} from '@tacu/domain';
import { EventType, OutcomeRatingDto, PersonRefDto, RecordedViewDto } from './common.dto';
import { HasUniqueItems, IsDay, IsNestedArray, IsNestedObject, IsOneOf, IsRecordedView, IsText, IsTextList, LIMITS, Optional, OptionalUnless } from './validation';

@ApiSchema({ name: 'ProposeClosure', description: 'Propose closing the case, with a reason.' })
export class ProposeClosureDto implements ProposeClosure {
  @EventType('PROPOSE_CLOSURE')
  type!: 'PROPOSE_CLOSURE';

  @ApiProperty({ description: 'Why the case closes.', enum: CLOSURE_REASONS, enumName: 'ClosureReason', example: 'needsMet' })
  @IsOneOf(CLOSURE_REASONS)
  reason!: ClosureReason;

  @ApiPropertyOptional({ description: 'The reason in words. Required when `reason` is `other`.', example: 'Family moved to a service run by their new school.', maxLength: LIMITS.reason })
  @OptionalUnless<ProposeClosure>((o) => o.reason === 'other')
  @IsText(LIMITS.reason, { whenMissing: 'reasonText is required when reason is other: say why the case closes' })
  reasonText?: string;
}

@ApiSchema({
  name: 'HoldClosingMeeting',
  description: 'Record that the closing meeting was held: who attended, who sent apologies, who chaired. The closing summary is then due within closureCompletion of its day.',
})
export class HoldClosingMeetingDto implements HoldClosingMeeting {
  @EventType('HOLD_CLOSING_MEETING')
  type!: 'HOLD_CLOSING_MEETING';

  @ApiProperty({ description: 'Day the closing meeting was held (YYYY-MM-DD): today or before, and not before the case opened nor the day closing was proposed.', example: '2026-09-16', format: 'date', maxLength: 10 })
  @IsDay()
  heldOn!: string;

  @ApiProperty({ description: 'Who attended (at least one).', type: () => [PersonRefDto], maxItems: LIMITS.people })
  @IsNestedArray(() => PersonRefDto, { min: 1, max: LIMITS.people })
  attendance!: PersonRefDto[];

  @ApiProperty({ description: 'Who sent apologies (may be empty).', type: () => [PersonRefDto], maxItems: LIMITS.people })
  @IsNestedArray(() => PersonRefDto, { max: LIMITS.people })
  apologies!: PersonRefDto[];

  @ApiProperty({ description: 'Who chaired the closing meeting.', type: () => PersonRefDto })
  @IsNestedObject(() => PersonRefDto)
  chair!: PersonRefDto;
}

@ApiSchema({
  name: 'RecordClosureFeedback',
  description:
    "Record the Closure and Feedback record: the family's and the child's feedback, final ratings, onward referrals, and the closing meeting's minutes when one was held (HOLD_CLOSING_MEETING).",
})
export class RecordClosureFeedbackDto implements RecordClosureFeedback {
  @EventType('RECORD_CLOSURE_FEEDBACK')
  type!: 'RECORD_CLOSURE_FEEDBACK';

  @ApiProperty({ description: "The family's feedback in their own words, or why it could not be recorded.", type: () => RecordedViewDto })
  @IsRecordedView(() => RecordedViewDto, "the family's feedback")
  familyFeedback!: RecordedView;

  @ApiProperty({ description: "The child's feedback in their own words, or why it could not be recorded.", type: () => RecordedViewDto })
  @IsRecordedView(() => RecordedViewDto, "the child's feedback")
  childFeedback!: RecordedView;

  @ApiProperty({ description: "Final ratings on the outcomes of the case's framework (each outcome at most once).", type: () => [OutcomeRatingDto], maxItems: FRAMEWORK_LIMITS.outcomes })
  @IsNestedArray(() => OutcomeRatingDto, { max: FRAMEWORK_LIMITS.outcomes })
  @HasUniqueItems('outcome')
  finalRatings!: OutcomeRatingDto[];

  @ApiProperty({
    description: 'Services the family is referred on to (may be empty).',
    example: ['Local youth club', 'Parent support group'],
    type: 'array',
    items: { type: 'string', maxLength: LIMITS.label },
    maxItems: LIMITS.items,
  })
  @IsTextList(LIMITS.items, LIMITS.label)
  onwardReferrals!: string[];

  @ApiPropertyOptional({
    description: 'The minutes of the closing meeting, in plain language the family can read: required when a closing meeting was held, and only then.',
    example: 'Present: Mam, Seán, Aoife Byrne (lead practitioner). Agreed that the plan has done its work; youth club referral made.',
    maxLength: LIMITS.minutes,
  })
  @Optional()
  @IsText(LIMITS.minutes)
  minutes?: string;
}

@ApiSchema({ name: 'CloseCase', description: 'Close the case.' })
export class CloseCaseDto implements CloseCase {
  @EventType('CLOSE_CASE')
  type!: 'CLOSE_CASE';
}
