/** Parts shared by several events: a person, an outcome rating, a recorded view. */
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import {
  NATIONAL_OUTCOMES,
  type CaseEventType,
  type NationalOutcome,
  type OutcomeRating,
  type OutcomeRatingValue,
  type PersonRef,
} from '@tacu/domain';
import { IsOneOf, IsText, LIMITS, Optional } from './validation';

@ApiSchema({ name: 'PersonRef', description: 'A named person in a record: a family member or a practitioner.' })
export class PersonRefDto implements PersonRef {
  @ApiProperty({ description: 'Name as it should appear in the record.', example: 'Aoife Byrne', maxLength: LIMITS.name })
  @IsText(LIMITS.name)
  name!: string;

  @ApiPropertyOptional({
    description: 'Id of the family member or user, where the system knows them.',
    example: 'u-lp-0001',
    maxLength: LIMITS.id,
  })
  @Optional()
  @IsText(LIMITS.id)
  personId?: string;
}

export const OUTCOME_RATING_VALUES: readonly OutcomeRatingValue[] = [1, 2, 3];

@ApiSchema({ name: 'OutcomeRating', description: "A rating on one of Ireland's five national outcomes for children." })
export class OutcomeRatingDto implements OutcomeRating {
  @ApiProperty({ description: 'The national outcome rated.', enum: NATIONAL_OUTCOMES, enumName: 'NationalOutcome', example: 'safeAndProtected' })
  @IsOneOf(NATIONAL_OUTCOMES)
  outcome!: NationalOutcome;

  @ApiProperty({
    description: '1 little progress, 2 some progress, 3 on target.',
    enum: OUTCOME_RATING_VALUES,
    type: 'integer',
    format: 'int32',
    minimum: 1,
    maximum: 3,
    example: 2,
  })
  @IsOneOf(OUTCOME_RATING_VALUES, { whenMissing: 'rating is required: 1 (little progress), 2 (some progress) or 3 (on target)' })
  rating!: OutcomeRatingValue;

  @ApiProperty({ description: 'Why this rating, in plain words.', example: 'Attends school most days since the new bus route.', maxLength: LIMITS.reason })
  @IsText(LIMITS.reason)
  reason!: string;
}

/**
 * Field types use the domain's `RecordedView` (a union); this class only validates and documents it.
 * The parent field's `@IsRecordedView` checks that exactly one of the two is given.
 */
@ApiSchema({
  name: 'RecordedView',
  description:
    "A view in the person's own words, or the reason it could not be recorded (age, capacity). Give exactly one of `words` and `reasonNotRecorded`.",
})
export class RecordedViewDto {
  @ApiPropertyOptional({ description: "The view in the person's own words.", example: 'I like my teacher but the yard is scary.', maxLength: LIMITS.text })
  @Optional()
  @IsText(LIMITS.text)
  words?: string;

  @ApiPropertyOptional({
    description: 'Why the view could not be recorded (e.g. age, capacity). Only when `words` is not given.',
    example: 'Too young to give a view (18 months); observed settled and playful with her mother.',
    maxLength: LIMITS.reason,
  })
  @Optional()
  @IsText(LIMITS.reason)
  reasonNotRecorded?: string;
}

/** The `type` of an event: its discriminator, one literal per DTO. */
export function EventType(type: CaseEventType): PropertyDecorator {
  const api = ApiProperty({ description: 'The event type (discriminator).', enum: [type], example: type });
  const check = IsOneOf([type]);
  return (target, key) => {
    api(target, key);
    check(target, key);
  };
}
