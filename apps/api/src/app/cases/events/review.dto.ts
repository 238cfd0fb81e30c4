/** Review: hold the review meeting, record it, then continue or revise the plan. */
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import {
  ACTION_STATUSES,
  DATE_LIMITS,
  FRAMEWORK_LIMITS,
  type ActionStatus,
  type ContinuePlan,
  type HoldReview,
  type RecordReview,
  type RecordedView,
  type RevisePlan,
} from '@tacu/domain';
import { EventType, OutcomeRatingDto, PersonRefDto, RecordedViewDto } from './common.dto';
import { HasUniqueItems, IsDay, IsNestedArray, IsNestedObject, IsOneOf, IsRecordedView, IsText, LIMITS, Optional } from './validation';

@ApiSchema({ name: 'HoldReview', description: 'Record that the review meeting was held: who attended, who sent apologies, who chaired.' })
export class HoldReviewDto implements HoldReview {
  @EventType('HOLD_REVIEW')
  type!: 'HOLD_REVIEW';

  @ApiProperty({ description: 'Day the review was held (YYYY-MM-DD): today or before, and not before the case opened nor the day its review cycle started (the plan signed off, or the review before decided).', example: '2026-06-10', format: 'date', maxLength: 10 })
  @IsDay()
  heldOn!: string;

  @ApiProperty({ description: 'Who attended (at least one).', type: () => [PersonRefDto], maxItems: LIMITS.people })
  @IsNestedArray(() => PersonRefDto, { min: 1, max: LIMITS.people })
  attendance!: PersonRefDto[];

  @ApiProperty({ description: 'Who sent apologies (may be empty).', type: () => [PersonRefDto], maxItems: LIMITS.people })
  @IsNestedArray(() => PersonRefDto, { max: LIMITS.people })
  apologies!: PersonRefDto[];

  @ApiProperty({ description: 'Who chaired the review.', type: () => PersonRefDto })
  @IsNestedObject(() => PersonRefDto)
  chair!: PersonRefDto;
}

type ProgressNote = RecordReview['progress'][number];

@ApiSchema({ name: 'ActionProgressNote', description: 'Progress on one action, as found at the review.' })
export class ActionProgressNoteDto implements ProgressNote {
  @ApiProperty({ description: 'Id of the action in the plan.', example: 'a1', maxLength: LIMITS.id })
  @IsText(LIMITS.id)
  actionId!: string;

  @ApiProperty({ description: 'Where the action stands.', enum: ACTION_STATUSES, enumName: 'ActionStatus', example: 'done' })
  @IsOneOf(ACTION_STATUSES)
  status!: ActionStatus;

  @ApiProperty({ description: 'A note on progress, in plain words.', example: 'Attendance up from 66% to 94%.', maxLength: LIMITS.reason })
  @IsText(LIMITS.reason)
  note!: string;
}

@ApiSchema({
  name: 'RecordReview',
  description: 'Record the review: progress on each action, ratings again, the views of the family and the child, the minutes, and the day of the next review if the meeting set one.',
})
export class RecordReviewDto implements RecordReview {
  @EventType('RECORD_REVIEW')
  type!: 'RECORD_REVIEW';

  @ApiProperty({ description: 'Progress on each action (each action once).', type: () => [ActionProgressNoteDto], maxItems: LIMITS.items })
  @IsNestedArray(() => ActionProgressNoteDto, { max: LIMITS.items })
  @HasUniqueItems('actionId')
  progress!: ActionProgressNoteDto[];

  @ApiProperty({ description: "Ratings on the outcomes of the case's framework again (each outcome at most once).", type: () => [OutcomeRatingDto], maxItems: FRAMEWORK_LIMITS.outcomes })
  @IsNestedArray(() => OutcomeRatingDto, { max: FRAMEWORK_LIMITS.outcomes })
  @HasUniqueItems('outcome')
  ratings!: OutcomeRatingDto[];

  @ApiProperty({ description: "The family's views in their own words, or why they could not be recorded.", type: () => RecordedViewDto })
  @IsRecordedView(() => RecordedViewDto, "the family's views")
  familyViews!: RecordedView;

  @ApiProperty({ description: "The child's views in their own words, or why they could not be recorded.", type: () => RecordedViewDto })
  @IsRecordedView(() => RecordedViewDto, "the child's views")
  childViews!: RecordedView;

  @ApiProperty({
    description: 'The minutes of the review meeting, in plain language the family can read.',
    example: 'Present: Mam, Aoife Byrne (lead practitioner), Niamh Kelly (school). Attendance is up to 94%; breakfast club continues.',
    maxLength: LIMITS.minutes,
  })
  @IsText(LIMITS.minutes)
  minutes!: string;

  @ApiPropertyOptional({
    description: `The day of the next review, if the meeting set one (YYYY-MM-DD): after the day this review was held and at most ${DATE_LIMITS.nextReviewAheadMonths} months after it. The next review is then due at the end of that day instead of after the policy's weeks.`,
    example: '2026-07-22',
    format: 'date',
    maxLength: 10,
  })
  @Optional()
  @IsDay()
  nextReviewOn?: string;
}

@ApiSchema({ name: 'ContinuePlan', description: 'After a review: the plan continues as it is.' })
export class ContinuePlanDto implements ContinuePlan {
  @EventType('CONTINUE_PLAN')
  type!: 'CONTINUE_PLAN';
}

@ApiSchema({ name: 'RevisePlan', description: 'After a review: the plan is revised (back to drafting).' })
export class RevisePlanDto implements RevisePlan {
  @EventType('REVISE_PLAN')
  type!: 'REVISE_PLAN';

  @ApiProperty({ description: 'Why the plan is revised.', example: 'Attendance is on target; the next need is support with reading.', maxLength: LIMITS.reason })
  @IsText(LIMITS.reason)
  reason!: string;
}
