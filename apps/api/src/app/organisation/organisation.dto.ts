/**
 * The organisation's working calendar as the API shows it, and the closure day a coordinator or
 * manager adds. Days are local days of the organisation, written YYYY-MM-DD.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min, ValidateBy, type ValidationArguments } from 'class-validator';
import { FRAMEWORK_ID_PATTERN, FRAMEWORK_LIMITS, isLocalDay, SUBSTITUTE_DAY_RULES } from '@tacu/domain';

/** The longest closure day name. */
export const CLOSURE_DAY_NAME_MAX = 200;

const toInteger = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);
// Control characters (a name is one line) and a surrogate half without its other half: text nobody could mean.
const CONTROL = /\p{Cc}/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function isClosureDayName(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '' && value.length <= CLOSURE_DAY_NAME_MAX && !CONTROL.test(value) && !LONE_SURROGATE.test(value);
}

export class CalendarQueryDto {
  @ApiPropertyOptional({ description: 'The calendar year to show (default: this year, local time).', minimum: 2000, maximum: 2100, example: 2027, type: 'integer', format: 'int32' })
  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'year must be a whole number from 2000 to 2100' })
  @Min(2000, { message: 'year must be a whole number from 2000 to 2100' })
  @Max(2100, { message: 'year must be a whole number from 2000 to 2100' })
  year?: number;
}

export class AddClosureDayDto {
  @ApiProperty({ description: 'The day the organisation is closed, a local day (YYYY-MM-DD).', example: '2026-12-24', format: 'date', maxLength: 10 })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be a day written YYYY-MM-DD, e.g. 2026-12-24' })
  @ValidateBy({ name: 'isLocalDay', validator: { validate: isLocalDay, defaultMessage: () => 'date must be a real day of the calendar (e.g. 2026-02-30 does not exist)' } })
  date!: string;

  @ApiProperty({ description: 'Why the organisation is closed, as people will read it next to the day.', example: 'Christmas Eve closure', minLength: 1, maxLength: CLOSURE_DAY_NAME_MAX })
  @ValidateBy({
    name: 'isClosureDayName',
    validator: {
      validate: isClosureDayName,
      defaultMessage: ({ value }: ValidationArguments) =>
        value === undefined
          ? 'name is required: say why the organisation is closed that day'
          : `name must be text of 1 to ${CLOSURE_DAY_NAME_MAX} characters, without control characters`,
    },
  })
  name!: string;
}

export class ClosedDayResponse {
  @ApiProperty({ format: 'date', example: '2026-12-28', maxLength: 10 }) date!: string;
  @ApiProperty({ example: "St. Stephen's Day (substitute day)", maxLength: 200 }) name!: string;
  @ApiProperty({ enum: ['publicHoliday', 'substituteDay', 'closureDay'], description: 'A public holiday, the substitute day of one on a weekend, or a closure day of the organisation.' })
  kind!: string;
}

export class OrganisationCalendarResponse {
  @ApiProperty({ example: 'default', maxLength: 100 }) organisationId!: string;
  @ApiProperty({ example: 'Default organisation', maxLength: 200 }) name!: string;
  @ApiProperty({ example: 'IE', description: 'Whose public holidays apply (country code of the holiday library).', maxLength: 10 }) country!: string;
  @ApiProperty({ nullable: true, type: String, example: null, description: 'Region within the country, for regional holidays.', maxLength: 20 }) region!: string | null;
  @ApiProperty({ example: 'Europe/Dublin', maxLength: 100 }) timeZone!: string;
  @ApiProperty({ enum: SUBSTITUTE_DAY_RULES, description: 'How a public holiday on a weekend gets its substitute day.' }) substituteDays!: string;
  @ApiProperty({ example: 'date-holidays@3.37.0', description: 'The holiday library the public holidays come from.', maxLength: 100 }) holidayLibrary!: string;
  @ApiProperty({ example: 2027, type: 'integer', format: 'int32', minimum: 2000, maximum: 2100 }) year!: number;
  @ApiProperty({ type: [ClosedDayResponse], maxItems: 366, description: 'Every closed day of the year besides Saturdays and Sundays.' }) closedDays!: ClosedDayResponse[];
}

export class RecountResponse {
  @ApiProperty({ description: 'Open cases whose deadlines were recounted.', type: 'integer', format: 'int32', minimum: 0, maximum: 2147483647 }) cases!: number;
  @ApiProperty({ description: 'Cases at least one of whose deadlines moved (each has a DEADLINES_RECALCULATED entry in its history).', type: 'integer', format: 'int32', minimum: 0, maximum: 2147483647 }) moved!: number;
  @ApiProperty({ description: 'Cases whose recount failed; it is retried at the next start.', type: 'integer', format: 'int32', minimum: 0, maximum: 2147483647 }) failed!: number;
}

export class ClosureDayAddedResponse {
  @ApiProperty({ example: 'default', maxLength: 100 }) organisationId!: string;
  @ApiProperty({ format: 'date', example: '2026-12-24', maxLength: 10 }) date!: string;
  @ApiProperty({ example: 'Christmas Eve closure', maxLength: CLOSURE_DAY_NAME_MAX }) name!: string;
  @ApiProperty({ type: RecountResponse, description: 'The open deadlines the closure day falls inside have moved.' }) recount!: RecountResponse;
}

// ---- the outcome framework ------------------------------------------------------------------

const FRAMEWORK_ID = { type: 'string', pattern: FRAMEWORK_ID_PATTERN, maxLength: FRAMEWORK_LIMITS.id } as const;

export class LocalisedTextResponse {
  @ApiProperty({ description: 'In English.', example: 'Safe and protected from harm', maxLength: FRAMEWORK_LIMITS.description }) en!: string;
  @ApiPropertyOptional({ description: 'In Irish, where known.', maxLength: FRAMEWORK_LIMITS.description }) ga?: string;
}

export class FrameworkItemResponse {
  @ApiProperty({ ...FRAMEWORK_ID, description: 'The id a rating (an outcome) or a strength or need (a side) names.', example: 'safeAndProtected' }) id!: string;
  @ApiProperty({ type: LocalisedTextResponse }) label!: LocalisedTextResponse;
  @ApiPropertyOptional({ type: LocalisedTextResponse, description: 'What it means, where the framework says.' }) description?: LocalisedTextResponse;
}

export class ScaleLabelResponse {
  @ApiProperty({ type: 'integer', format: 'int32', minimum: FRAMEWORK_LIMITS.scaleMin, maximum: FRAMEWORK_LIMITS.scaleMax, example: 1 }) value!: number;
  @ApiProperty({ type: LocalisedTextResponse }) label!: LocalisedTextResponse;
}

export class RatingScaleResponse {
  @ApiProperty({ type: 'integer', format: 'int32', minimum: FRAMEWORK_LIMITS.scaleMin, maximum: FRAMEWORK_LIMITS.scaleMax, example: 1 }) min!: number;
  @ApiProperty({ type: 'integer', format: 'int32', minimum: FRAMEWORK_LIMITS.scaleMin, maximum: FRAMEWORK_LIMITS.scaleMax, example: 3 }) max!: number;
  @ApiProperty({ type: [ScaleLabelResponse], maxItems: FRAMEWORK_LIMITS.scaleMax - FRAMEWORK_LIMITS.scaleMin + 1, description: 'Names of points of the scale.' }) labels!: ScaleLabelResponse[];
}

export class OutcomeFrameworkResponse {
  @ApiProperty({ ...FRAMEWORK_ID, example: 'ireland-national-outcomes' }) id!: string;
  @ApiProperty({ type: LocalisedTextResponse }) name!: LocalisedTextResponse;
  @ApiProperty({ description: 'Where the outcomes, sides and scale come from.', maxLength: FRAMEWORK_LIMITS.source }) source!: string;
  @ApiProperty({ type: [FrameworkItemResponse], maxItems: FRAMEWORK_LIMITS.outcomes, description: 'The outcomes ratings name, in order.' }) outcomes!: FrameworkItemResponse[];
  @ApiProperty({ type: [FrameworkItemResponse], maxItems: FRAMEWORK_LIMITS.sides, description: "The sides of the child's world strengths and needs are placed on." }) sides!: FrameworkItemResponse[];
  @ApiProperty({ type: RatingScaleResponse }) scale!: RatingScaleResponse;
}

export class OrganisationOutcomeFrameworkResponse {
  @ApiProperty({ example: 'default', maxLength: 100 }) organisationId!: string;
  @ApiProperty({
    type: OutcomeFrameworkResponse,
    description: "The framework the organisation's new cases and pre-request checklists are rated on. An open case keeps the one it started with (its record's outcomeFramework).",
  })
  framework!: OutcomeFrameworkResponse;
}
