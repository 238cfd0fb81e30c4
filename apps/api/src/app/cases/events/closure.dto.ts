/** Closure: propose it with a reason, collect feedback and final ratings, close. */
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import {
  CLOSURE_REASONS,
  type CloseCase,
  type ClosureReason,
  type ProposeClosure,
  type RecordClosureFeedback,
  type RecordedView,
} from '@tacu/domain';
import { EventType, OutcomeRatingDto, RecordedViewDto } from './common.dto';
import { HasUniqueItems, IsNestedArray, IsOneOf, IsRecordedView, IsText, IsTextList, LIMITS, OptionalUnless } from './validation';

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

@ApiSchema({ name: 'RecordClosureFeedback', description: 'Record the family\'s and the child\'s feedback, final ratings and onward referrals.' })
export class RecordClosureFeedbackDto implements RecordClosureFeedback {
  @EventType('RECORD_CLOSURE_FEEDBACK')
  type!: 'RECORD_CLOSURE_FEEDBACK';

  @ApiProperty({ description: "The family's feedback in their own words, or why it could not be recorded.", type: () => RecordedViewDto })
  @IsRecordedView(() => RecordedViewDto, "the family's feedback")
  familyFeedback!: RecordedView;

  @ApiProperty({ description: "The child's feedback in their own words, or why it could not be recorded.", type: () => RecordedViewDto })
  @IsRecordedView(() => RecordedViewDto, "the child's feedback")
  childFeedback!: RecordedView;

  @ApiProperty({ description: 'Final ratings on the national outcomes (each outcome at most once).', type: () => [OutcomeRatingDto], maxItems: 5 })
  @IsNestedArray(() => OutcomeRatingDto, { max: 5 })
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
}

@ApiSchema({ name: 'CloseCase', description: 'Close the case.' })
export class CloseCaseDto implements CloseCase {
  @EventType('CLOSE_CASE')
  type!: 'CLOSE_CASE';
}
