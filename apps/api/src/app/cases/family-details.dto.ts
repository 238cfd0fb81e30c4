/**
 * Changing or completing what a case records of its family, as practitioners learn it:
 * `PATCH /cases/:id/child` (the child's details) and `PATCH /cases/:id/family-members/:memberId`
 * (a family member's). A field given replaces what is recorded (a list replaces the whole list;
 * `contact` and `sensitive` change only the keys given); a field left out stays; `clear` names the
 * fields to empty (e.g. a family that asks for its religion not to be recorded).
 */
import { ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { ValidateBy, type ValidationArguments } from 'class-validator';
import { IsDay, IsFlag, IsName, IsNestedObject, IsText, LIMITS, Optional, isPlainObject, validateBody, type FieldError } from './events/validation';
import {
  ChildDetailsDto,
  ContactDetailsDto,
  DETAIL_LIMITS,
  SensitiveDetailsDto,
  type ChildDetailsInput,
  type ContactDetails,
  type MemberDetailsInput,
  type SensitiveDetails,
} from './person-details.dto';

/** The child's fields that `clear` may empty. */
export const CHILD_CLEARABLE = [
  'gender',
  'school',
  'schoolClass',
  'gp',
  'firstLanguage',
  'interpreterNeeded',
  'livesInHome',
  'professionalsInvolved',
  'sensitive.address',
  'sensitive.ethnicity',
  'sensitive.religion',
  'sensitive.disabilityOrAdditionalNeeds',
] as const;
export type ChildClearable = (typeof CHILD_CLEARABLE)[number];

/** A family member's fields that `clear` may empty (name, relationship and parental responsibility are always recorded). */
export const MEMBER_CLEARABLE = ['dateOfBirth', 'firstLanguage', 'interpreterNeeded', 'contact.phone', 'contact.email', 'sensitive.address'] as const;
export type MemberClearable = (typeof MEMBER_CLEARABLE)[number];

/** A list of distinct field names, each one of `fields`. */
function IsFieldList(fields: readonly string[]): PropertyDecorator {
  const problemOf = (value: unknown): string | null => {
    if (!Array.isArray(value)) return `must be a list of field names, not ${value === null ? 'null' : typeof value}`;
    if (value.length > fields.length) return `may have at most ${fields.length} items (it has ${value.length})`;
    const seen = new Set<unknown>();
    for (const [index, item] of value.entries()) {
      if (typeof item !== 'string' || !fields.includes(item)) return `.${index} must be one of ${fields.join(', ')}`;
      if (seen.has(item)) return ` names ${item} more than once`;
      seen.add(item);
    }
    return null;
  };
  return ValidateBy({
    name: 'isFieldList',
    validator: {
      validate: (value: unknown) => problemOf(value) === null,
      defaultMessage: ({ property, value }: ValidationArguments) => {
        const problem = problemOf(value) ?? '';
        return problem.startsWith('.') || problem.startsWith(' ') ? `${property}${problem}` : `${property} ${problem}`;
      },
    },
  });
}

export interface ChildDetailsChange extends ChildDetailsInput {
  clear?: ChildClearable[];
}

@ApiSchema({
  name: 'ChildDetailsChange',
  description:
    "Change or complete the child's details. A field given replaces what is recorded (lists whole; `sensitive` key by key); a field left out stays; `clear` empties fields. At least one change.",
})
export class ChildDetailsChangeDto extends ChildDetailsDto implements ChildDetailsChange {
  @ApiPropertyOptional({
    description: 'Fields to empty (e.g. a family that asks for its religion not to be recorded). A field may not be both given and cleared.',
    type: 'array',
    items: { type: 'string', enum: [...CHILD_CLEARABLE] },
    maxItems: CHILD_CLEARABLE.length,
    example: ['sensitive.religion'],
  })
  @Optional()
  @IsFieldList(CHILD_CLEARABLE)
  clear?: ChildClearable[];
}

export interface FamilyMemberChange extends MemberDetailsInput {
  name?: string;
  relationship?: string;
  dateOfBirth?: string;
  hasParentalResponsibility?: boolean;
  contact?: ContactDetails;
  sensitive?: SensitiveDetails;
  clear?: MemberClearable[];
}

@ApiSchema({
  name: 'FamilyMemberChange',
  description:
    "Change or complete a family member's details. A field given replaces what is recorded (`contact` and `sensitive` key by key); a field left out stays; `clear` empties fields. At least one change.",
})
export class FamilyMemberChangeDto implements FamilyMemberChange {
  @ApiPropertyOptional({ description: 'Name.', example: 'Siobhán Murphy', maxLength: LIMITS.name })
  @Optional()
  @IsName()
  name?: string;

  @ApiPropertyOptional({ description: 'Relationship to the child: mother, father, grandparent, carer, sibling, …', example: 'mother', maxLength: DETAIL_LIMITS.relationship })
  @Optional()
  @IsText(DETAIL_LIMITS.relationship)
  relationship?: string;

  @ApiPropertyOptional({ description: 'Date of birth (YYYY-MM-DD): not in the future, and younger than 120.', example: '1989-05-02', format: 'date', maxLength: 10 })
  @Optional()
  @IsDay()
  dateOfBirth?: string;

  @ApiPropertyOptional({
    description: "Whether they have parental responsibility (may give consent). It cannot be taken from someone whose consent an open case of the family stands on: record another parent's consent first.",
    example: true,
  })
  @Optional()
  @IsFlag()
  hasParentalResponsibility?: boolean;

  @ApiPropertyOptional({ description: 'First language.', example: 'Polish', maxLength: DETAIL_LIMITS.language })
  @Optional()
  @IsText(DETAIL_LIMITS.language)
  firstLanguage?: string;

  @ApiPropertyOptional({ description: 'Whether an interpreter is needed to work with them.', example: true })
  @Optional()
  @IsFlag()
  interpreterNeeded?: boolean;

  @ApiPropertyOptional({ description: 'Contact details (kept with the sensitive details).', type: () => ContactDetailsDto })
  @Optional()
  @IsNestedObject(() => ContactDetailsDto)
  contact?: ContactDetailsDto;

  @ApiPropertyOptional({ description: 'Sensitive details of this person.', type: () => SensitiveDetailsDto })
  @Optional()
  @IsNestedObject(() => SensitiveDetailsDto)
  sensitive?: SensitiveDetailsDto;

  @ApiPropertyOptional({
    description: 'Fields to empty. A field may not be both given and cleared.',
    type: 'array',
    items: { type: 'string', enum: [...MEMBER_CLEARABLE] },
    maxItems: MEMBER_CLEARABLE.length,
    example: ['contact.email'],
  })
  @Optional()
  @IsFieldList(MEMBER_CLEARABLE)
  clear?: MemberClearable[];
}

/** The dotted names of the fields a change gives a value (`sensitive.address`, `contact.phone`, `school`...). */
export function givenFields(change: Record<string, unknown>): string[] {
  return Object.entries(change).flatMap(([key, value]) => {
    if (key === 'clear' || value === undefined) return [];
    if ((key === 'sensitive' || key === 'contact') && isPlainObject(value)) return Object.keys(value).map((inner) => `${key}.${inner}`);
    return [key];
  });
}

/** Problems of a change as a whole: nothing to change, or a field both given and cleared. */
function wholeChangeProblems(change: Record<string, unknown> & { clear?: string[] }, fields: string): FieldError[] {
  const given = givenFields(change);
  const cleared = change.clear ?? [];
  if (given.length === 0 && cleared.length === 0) return [{ field: '', problems: [`the body changes nothing: give at least one field to change (${fields}) or name fields to empty in clear`] }];
  const both = cleared.filter((field) => given.includes(field));
  return both.length > 0 ? [{ field: 'clear', problems: both.map((field) => `${field} is both given a value and cleared: do one or the other`) }] : [];
}

type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

function parseChange<T extends Record<string, unknown> & { clear?: string[] }>(cls: new () => object, body: unknown, fields: string): Parsed<T> {
  if (!isPlainObject(body)) return { ok: false, errors: [{ field: '', problems: ['the body must be a JSON object'] }] };
  const parsed = validateBody<T>(cls, body);
  if (!parsed.ok) return parsed;
  const problems = wholeChangeProblems(parsed.value, fields);
  return problems.length > 0 ? { ok: false, errors: problems } : parsed;
}

/** Validates a parsed JSON body of `PATCH /cases/:id/child`; every invalid field is reported. */
export function parseChildDetailsChange(body: unknown): Parsed<ChildDetailsChange> {
  return parseChange<ChildDetailsChange & Record<string, unknown>>(ChildDetailsChangeDto, body, 'gender, school, schoolClass, gp, firstLanguage, interpreterNeeded, livesInHome, professionalsInvolved, sensitive');
}

/** Validates a parsed JSON body of `PATCH /cases/:id/family-members/:memberId`; every invalid field is reported. */
export function parseFamilyMemberChange(body: unknown): Parsed<FamilyMemberChange> {
  return parseChange<FamilyMemberChange & Record<string, unknown>>(FamilyMemberChangeDto, body, 'name, relationship, dateOfBirth, hasParentalResponsibility, firstLanguage, interpreterNeeded, contact, sensitive');
}
