/** Strengths and needs assessment: record it, complete it, the family agrees it (or it is reopened). */
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import {
  FRAMEWORK_LIMITS,
  type AgreeAssessment,
  type CompleteAssessment,
  type RecordAssessment,
  type RecordedView,
  type ReopenAssessment,
  type StrengthOrNeed,
} from '@tacu/domain';
import { EventType, FRAMEWORK_ID_SCHEMA, OutcomeRatingDto, PersonRefDto, RecordedViewDto } from './common.dto';
import {
  HasUniqueItems,
  IsFrameworkId,
  IsNestedArray,
  IsNestedObject,
  IsRecordedView,
  IsText,
  IsTextList,
  IsWholeNumber,
  LIMITS,
  Optional,
} from './validation';

@ApiSchema({ name: 'StrengthOrNeed', description: "A strength or a need on one side of the child's world." })
export class StrengthOrNeedDto implements StrengthOrNeed {
  @ApiProperty({
    ...FRAMEWORK_ID_SCHEMA,
    description: "The id of a side of the child's world in the case's framework (Ireland's: howIGrowAndDevelop, whatINeedFromPeopleWhoLookAfterMe, myWiderWorld).",
    example: 'howIGrowAndDevelop',
  })
  @IsFrameworkId()
  side!: string;

  @ApiProperty({ description: 'What it is, in plain words.', example: 'Loves football and trains twice a week with the local club.', maxLength: LIMITS.text })
  @IsText(LIMITS.text)
  description!: string;

  @ApiPropertyOptional({ description: 'Optional scale from 0 to 10 (10 the best), e.g. Signs of Safety style.', type: 'integer', format: 'int32', minimum: 0, maximum: 10, example: 6 })
  @Optional()
  @IsWholeNumber(0, 10)
  scale?: number;

  @ApiPropertyOptional({ description: 'For needs: a category counted in reports.', example: 'school attendance', maxLength: LIMITS.label })
  @Optional()
  @IsText(LIMITS.label)
  category?: string;
}

type AssessmentViews = RecordAssessment['views'];

@ApiSchema({ name: 'AssessmentViews', description: 'The separate views of the child, the parents and the practitioner.' })
export class AssessmentViewsDto implements AssessmentViews {
  @ApiProperty({ description: "The child's views in their own words, or why they could not be recorded.", type: () => RecordedViewDto })
  @IsRecordedView(() => RecordedViewDto, "the child's views")
  child!: RecordedView;

  @ApiProperty({ description: "The parents' views in their own words, or why they could not be recorded.", type: () => RecordedViewDto })
  @IsRecordedView(() => RecordedViewDto, "the parents' views")
  parents!: RecordedView;

  @ApiProperty({ description: "The practitioner's view.", example: 'A loving family under strain; attendance is the first thing to work on.', maxLength: LIMITS.text })
  @IsText(LIMITS.text)
  practitioner!: string;
}

@ApiSchema({ name: 'RecordAssessment', description: 'Record (or replace) the strengths and needs assessment.' })
export class RecordAssessmentDto implements RecordAssessment {
  @EventType('RECORD_ASSESSMENT')
  type!: 'RECORD_ASSESSMENT';

  @ApiProperty({ description: 'Strengths, on the sides of the child\'s world.', type: () => [StrengthOrNeedDto], maxItems: LIMITS.items })
  @IsNestedArray(() => StrengthOrNeedDto, { max: LIMITS.items })
  strengths!: StrengthOrNeedDto[];

  @ApiProperty({ description: 'Needs, on the sides of the child\'s world.', type: () => [StrengthOrNeedDto], maxItems: LIMITS.items })
  @IsNestedArray(() => StrengthOrNeedDto, { max: LIMITS.items })
  needs!: StrengthOrNeedDto[];

  @ApiProperty({
    description: 'What the family wants to be different, in their words.',
    example: ['Seán goes to school every day', 'Mam gets some time for herself'],
    type: 'array',
    items: { type: 'string', maxLength: LIMITS.reason },
    maxItems: LIMITS.items,
  })
  @IsTextList(LIMITS.items, LIMITS.reason)
  desiredOutcomes!: string[];

  @ApiProperty({ description: 'The views of the child, the parents and the practitioner.', type: () => AssessmentViewsDto })
  @IsNestedObject(() => AssessmentViewsDto)
  views!: AssessmentViewsDto;

  @ApiPropertyOptional({ description: "Ratings on the outcomes of the case's framework (each outcome at most once).", type: () => [OutcomeRatingDto], maxItems: FRAMEWORK_LIMITS.outcomes })
  @Optional()
  @IsNestedArray(() => OutcomeRatingDto, { max: FRAMEWORK_LIMITS.outcomes })
  @HasUniqueItems('outcome')
  ratings?: OutcomeRatingDto[];
}

@ApiSchema({ name: 'CompleteAssessment', description: 'Mark the assessment complete, ready for the family to agree.' })
export class CompleteAssessmentDto implements CompleteAssessment {
  @EventType('COMPLETE_ASSESSMENT')
  type!: 'COMPLETE_ASSESSMENT';
}

@ApiSchema({ name: 'AgreeAssessment', description: 'The family agrees the assessment.' })
export class AgreeAssessmentDto implements AgreeAssessment {
  @EventType('AGREE_ASSESSMENT')
  type!: 'AGREE_ASSESSMENT';

  @ApiProperty({ description: 'The family member who agreed it.', type: () => PersonRefDto })
  @IsNestedObject(() => PersonRefDto)
  agreedBy!: PersonRefDto;
}

@ApiSchema({ name: 'ReopenAssessment', description: 'Reopen a completed assessment for changes.' })
export class ReopenAssessmentDto implements ReopenAssessment {
  @EventType('REOPEN_ASSESSMENT')
  type!: 'REOPEN_ASSESSMENT';

  @ApiProperty({ description: 'Why it is reopened.', example: 'Mam asked to add her own view on the housing situation.', maxLength: LIMITS.reason })
  @IsText(LIMITS.reason)
  reason!: string;
}
