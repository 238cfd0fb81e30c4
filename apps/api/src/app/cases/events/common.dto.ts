/** Parts shared by several events: a person, an outcome rating, a recorded view. */
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { FRAMEWORK_ID_PATTERN, FRAMEWORK_LIMITS, type CaseEventType, type OutcomeRating, type OutcomeRatingValue, type PersonRef } from '@tacu/domain';
import { IsFrameworkId, IsName, IsOneOf, IsText, IsWholeNumber, LIMITS, Optional } from './validation';

@ApiSchema({ name: 'PersonRef', description: 'A named person in a record: a family member or a practitioner.' })
export class PersonRefDto implements PersonRef {
  @ApiProperty({ description: 'Name as it should appear in the record.', example: 'Aoife Byrne', maxLength: LIMITS.name })
  @IsName()
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

/**
 * An outcome's or a side's id as the shape allows it; which ids a case accepts is its framework's
 * (checked with the case, libs/domain framework.rules).
 */
export const FRAMEWORK_ID_SCHEMA = { type: 'string', pattern: FRAMEWORK_ID_PATTERN, maxLength: FRAMEWORK_LIMITS.id } as const;

@ApiSchema({
  name: 'OutcomeRating',
  description:
    "A rating on one outcome of the case's outcome framework (Ireland's five national outcomes by default; the case's `record.outcomeFramework` lists them and the scale), on that framework's scale.",
})
export class OutcomeRatingDto implements OutcomeRating {
  @ApiProperty({
    ...FRAMEWORK_ID_SCHEMA,
    description: "The id of an outcome of the case's framework (Ireland's: activeAndHealthy, achievingFullPotential, safeAndProtected, economicSecurity, connectedRespectedContributing).",
    example: 'safeAndProtected',
  })
  @IsFrameworkId()
  outcome!: string;

  @ApiProperty({
    description: `A point of the case's framework's scale (Ireland's: 1 little progress, 2 some progress, 3 on target); any framework's scale lies within ${FRAMEWORK_LIMITS.scaleMin}-${FRAMEWORK_LIMITS.scaleMax}.`,
    type: 'integer',
    format: 'int32',
    minimum: FRAMEWORK_LIMITS.scaleMin,
    maximum: FRAMEWORK_LIMITS.scaleMax,
    example: 2,
  })
  @IsWholeNumber(FRAMEWORK_LIMITS.scaleMin, FRAMEWORK_LIMITS.scaleMax)
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
