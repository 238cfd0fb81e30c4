/**
 * The pre-request checklist as its own record (Tusla's Pre-Meitheal Checklist, domain.md): the
 * body of `POST /pre-request-checklists`, the list query, and the answers.
 */
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateBy, type ValidationArguments } from 'class-validator';
import {
  CHECKLIST_COMPLETED_WITH,
  CHECKLIST_OUTCOMES,
  FRAMEWORK_LIMITS,
  type ChecklistCompletedWith,
  type ChecklistOutcome,
  type OutcomeRating,
} from '@tacu/domain';
import { FRAMEWORK_ID_SCHEMA, OutcomeRatingDto } from '../cases/events/common.dto';
import { HasUniqueItems, IsNestedArray, IsName, IsOneOf, IsText, LIMITS, OptionalUnless, isPlainObject, validateBody, type FieldError } from '../cases/events/validation';

const UUID = { format: 'uuid', maxLength: 36 } as const;
const INSTANT = { format: 'date-time', maxLength: 35 } as const;
const COUNT = { type: 'integer', format: 'int32', minimum: 0, maximum: 2147483647 } as const;

/** The parsed body of `POST /pre-request-checklists`. */
export interface NewChecklistInput {
  areaId: string;
  childName: string;
  ratings: OutcomeRating[];
  completedWith: ChecklistCompletedWith;
  outcome: ChecklistOutcome;
  actionTaken?: string;
}

/** What was done instead is said only when no Meitheal is needed. */
function OnlyWhenNoMeithealNeeded(): PropertyDecorator {
  return ValidateBy({
    name: 'onlyWhenNoMeithealNeeded',
    validator: {
      validate: (_value: unknown, args?: ValidationArguments) => (args?.object as NewChecklistInput | undefined)?.outcome === 'noMeithealNeeded',
      defaultMessage: () => 'actionTaken is only for a checklist whose outcome is noMeithealNeeded: leave it out for a request for support',
    },
  });
}

@ApiSchema({
  name: 'NewPreRequestChecklist',
  description:
    "A pre-request checklist (Tusla's Pre-Meitheal Checklist): every outcome of the area's outcome framework (GET /organisation/outcome-framework; Ireland's five national outcomes, rated 1-3, by default) rated on its scale with a reason, whom it was completed with, and its outcome. A request for support is then opened with POST /cases (preRequestChecklistId links it); 'no Meitheal needed' says what was done instead, and is kept and counted: no case is opened.",
})
export class NewChecklistDto implements NewChecklistInput {
  @ApiProperty({ description: 'Your network area (GET /areas).', example: 'dublin-south-central', maxLength: LIMITS.id })
  @IsText(LIMITS.id)
  areaId!: string;

  @ApiProperty({ description: 'The child the checklist is about.', example: 'Seán Murphy', maxLength: LIMITS.name })
  @IsName()
  childName!: string;

  @ApiProperty({
    description: "One rating for each outcome of the area's outcome framework, each once (checked against the framework when the checklist is made).",
    type: () => [OutcomeRatingDto],
    minItems: 1,
    maxItems: FRAMEWORK_LIMITS.outcomes,
  })
  @IsNestedArray(() => OutcomeRatingDto, { min: 1, max: FRAMEWORK_LIMITS.outcomes })
  @HasUniqueItems('outcome')
  ratings!: OutcomeRatingDto[];

  @ApiProperty({ description: 'Whom it was completed with: the parent or carer, the child, or both.', enum: CHECKLIST_COMPLETED_WITH, example: 'parent' })
  @IsOneOf(CHECKLIST_COMPLETED_WITH)
  completedWith!: ChecklistCompletedWith;

  @ApiProperty({ description: 'What it led to: a request for support, or no Meitheal needed (say what was done instead in actionTaken).', enum: CHECKLIST_OUTCOMES, example: 'noMeithealNeeded' })
  @IsOneOf(CHECKLIST_OUTCOMES)
  outcome!: ChecklistOutcome;

  @ApiPropertyOptional({
    description: 'What was done instead, when no Meitheal is needed (required then, and only then).',
    example: 'Referred to the school completion programme for a homework club; mother linked with the local family resource centre.',
    maxLength: LIMITS.reason,
  })
  @OptionalUnless<NewChecklistInput>((body) => body.outcome === 'noMeithealNeeded')
  @IsText(LIMITS.reason, { whenMissing: 'actionTaken is required when the outcome is noMeithealNeeded: say what was done instead (e.g. a referral to one service)' })
  @OnlyWhenNoMeithealNeeded()
  actionTaken?: string;
}

/** Validates a parsed JSON body of `POST /pre-request-checklists`; every invalid field is reported. */
export function parseNewChecklist(body: unknown): { ok: true; value: NewChecklistInput } | { ok: false; errors: FieldError[] } {
  if (!isPlainObject(body)) return { ok: false, errors: [{ field: '', problems: ['the body must be a JSON object'] }] };
  return validateBody<NewChecklistInput>(NewChecklistDto, body);
}

const toInteger = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);

export class ListChecklistsQueryDto {
  @ApiPropertyOptional({ enum: CHECKLIST_OUTCOMES, description: 'Only checklists with this outcome.' })
  @IsOptional()
  @IsIn(CHECKLIST_OUTCOMES, { message: `outcome must be one of ${CHECKLIST_OUTCOMES.join(', ')}` })
  outcome?: ChecklistOutcome;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page (signed by the server; a changed one is refused).', maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  cursor?: string;

  @ApiPropertyOptional({ description: 'Checklists per page.', type: 'integer', format: 'int32', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'limit must be a whole number from 1 to 100' })
  @Min(1, { message: 'limit must be a whole number from 1 to 100' })
  @Max(100, { message: 'limit must be a whole number from 1 to 100' })
  limit?: number;
}

export class ChecklistRatingResponse {
  @ApiProperty({ ...FRAMEWORK_ID_SCHEMA, description: "An outcome of the checklist's framework." }) outcome!: string;
  @ApiProperty({
    type: 'integer',
    format: 'int32',
    minimum: FRAMEWORK_LIMITS.scaleMin,
    maximum: FRAMEWORK_LIMITS.scaleMax,
    description: "A point of the framework's scale (Ireland's: 1 little progress, 2 some progress, 3 on target).",
  })
  rating!: number;
  @ApiProperty({ maxLength: LIMITS.reason, example: 'Attends school most days since the new bus route.' }) reason!: string;
}

export class ChecklistResponse {
  @ApiProperty({ ...UUID }) id!: string;
  @ApiProperty({ example: 'dublin-south-central', maxLength: LIMITS.id }) areaId!: string;
  @ApiProperty({ description: 'The practitioner who made it (user id).', example: 'u-lp-0001', maxLength: LIMITS.id }) madeBy!: string;
  @ApiProperty({ ...INSTANT }) madeAt!: string;
  @ApiProperty({ example: 'Seán Murphy', maxLength: LIMITS.name }) childName!: string;
  @ApiProperty({ ...FRAMEWORK_ID_SCHEMA, description: 'The outcome framework it was rated on (ireland-national-outcomes by default).', example: 'ireland-national-outcomes' })
  outcomeFrameworkId!: string;
  @ApiProperty({ type: [ChecklistRatingResponse], minItems: 1, maxItems: FRAMEWORK_LIMITS.outcomes, description: "Every outcome of its framework, in the framework's order." })
  ratings!: ChecklistRatingResponse[];
  @ApiProperty({ enum: CHECKLIST_COMPLETED_WITH }) completedWith!: string;
  @ApiProperty({ enum: CHECKLIST_OUTCOMES }) outcome!: string;
  @ApiProperty({ nullable: true, type: String, maxLength: LIMITS.reason, description: 'What was done instead (no Meitheal needed).' }) actionTaken!: string | null;
  @ApiProperty({ description: 'Whether a case was opened with it (a request for support).' }) linked!: boolean;
  @ApiProperty({ nullable: true, type: String, ...INSTANT }) linkedAt!: string | null;
  @ApiProperty({ ...UUID, nullable: true, type: String, description: 'The case it was linked to, when you may see that case (null otherwise, or when not linked).' }) caseId!: string | null;
}

export class ChecklistPageResponse {
  @ApiProperty({ type: [ChecklistResponse], maxItems: 100, description: 'At most `limit` checklists, newest first.' }) items!: ChecklistResponse[];
  @ApiProperty({ nullable: true, type: String, maxLength: 500, description: 'Pass as ?cursor= for the next page; null on the last page.' }) nextCursor!: string | null;
}

export class ChecklistFiguresResponse {
  @ApiProperty({ example: 'dublin-south-central', maxLength: LIMITS.id }) areaId!: string;
  @ApiProperty({ ...COUNT, description: 'Checklists made in the area.' }) total!: number;
  @ApiProperty({ ...COUNT, description: 'Those whose outcome was a request for support.' }) requestForSupport!: number;
  @ApiProperty({ ...COUNT, description: "Those whose outcome was that no Meitheal was needed (what was done instead is in each): kept and counted, no case opened." }) noMeithealNeeded!: number;
  @ApiProperty({ ...COUNT, description: 'Requests for support linked to the case they opened.' }) linkedToCase!: number;
}
