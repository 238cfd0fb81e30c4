/** Review: hold it, record it, then continue or revise the plan. */
import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import {
  ACTION_STATUSES,
  type ActionStatus,
  type ContinuePlan,
  type HoldReview,
  type RecordReview,
  type RecordedView,
  type RevisePlan,
} from '@tacu/domain';
import { EventType, OutcomeRatingDto, RecordedViewDto } from './common.dto';
import { HasUniqueItems, IsDay, IsNestedArray, IsOneOf, IsRecordedView, IsText, LIMITS } from './validation';

@ApiSchema({ name: 'HoldReview', description: 'Record that the review meeting was held.' })
export class HoldReviewDto implements HoldReview {
  @EventType('HOLD_REVIEW')
  type!: 'HOLD_REVIEW';

  @ApiProperty({ description: 'Day the review was held (YYYY-MM-DD): today or before, and not before the case opened.', example: '2026-06-10', format: 'date', maxLength: 10 })
  @IsDay()
  heldOn!: string;
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

@ApiSchema({ name: 'RecordReview', description: 'Record the review: progress on each action, ratings again, and the views of the family and the child.' })
export class RecordReviewDto implements RecordReview {
  @EventType('RECORD_REVIEW')
  type!: 'RECORD_REVIEW';

  @ApiProperty({ description: 'Progress on each action (each action once).', type: () => [ActionProgressNoteDto], maxItems: LIMITS.items })
  @IsNestedArray(() => ActionProgressNoteDto, { max: LIMITS.items })
  @HasUniqueItems('actionId')
  progress!: ActionProgressNoteDto[];

  @ApiProperty({ description: 'Ratings on the national outcomes again (each outcome at most once).', type: () => [OutcomeRatingDto], maxItems: 5 })
  @IsNestedArray(() => OutcomeRatingDto, { max: 5 })
  @HasUniqueItems('outcome')
  ratings!: OutcomeRatingDto[];

  @ApiProperty({ description: "The family's views in their own words, or why they could not be recorded.", type: () => RecordedViewDto })
  @IsRecordedView(() => RecordedViewDto, "the family's views")
  familyViews!: RecordedView;

  @ApiProperty({ description: "The child's views in their own words, or why they could not be recorded.", type: () => RecordedViewDto })
  @IsRecordedView(() => RecordedViewDto, "the child's views")
  childViews!: RecordedView;
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
