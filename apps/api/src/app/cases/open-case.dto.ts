/**
 * `POST /cases`: open a case for one child, in the request-for-support stage. A sibling case links to
 * an existing family with `familyId` and shares its people; a reopened case links to the episode it
 * follows with `previousEpisodeId`.
 */
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { REQUEST_ORIGINS, type RequestOrigin } from '@tacu/domain';
import { ValidateBy, type ValidationArguments } from 'class-validator';
import {
  IsDay,
  IsFlag,
  IsName,
  IsNestedArray,
  IsNestedObject,
  IsOneOf,
  IsText,
  IsUuid,
  LIMITS,
  Optional,
  OptionalUnless,
  isPlainObject,
  validateBody,
  type FieldError,
} from './events/validation';
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

export type { ContactDetails, SensitiveDetails } from './person-details.dto';

export interface ChildInput extends ChildDetailsInput {
  name: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
}

export interface FamilyMemberInput extends MemberDetailsInput {
  name: string;
  /** e.g. mother, father, grandparent, carer, sibling. */
  relationship: string;
  /** YYYY-MM-DD, when known. */
  dateOfBirth?: string;
  hasParentalResponsibility: boolean;
  contact?: ContactDetails;
  sensitive?: SensitiveDetails;
}

/** The parsed body of `POST /cases`. */
export interface OpenCaseInput {
  areaId: string;
  origin: RequestOrigin;
  /** The child the case is for; left out when the case reopens an episode (its child's record continues). */
  child?: ChildInput;
  familyMembers: FamilyMemberInput[];
  /** Links a sibling case to an existing family (its people are shared). */
  familyId?: string;
  leadPractitionerId?: string;
  /** A reopened case: the episode it follows. */
  previousEpisodeId?: string;
  /** The pre-request checklist that led to this request for support. */
  preRequestChecklistId?: string;
}

@ApiSchema({ name: 'ChildInput', description: 'The child the case is for: name and date of birth, and any of the details practitioners record (optional: they can be completed later with PATCH /cases/:id/child).' })
export class ChildDto extends ChildDetailsDto implements ChildInput {
  @ApiProperty({ description: "The child's name.", example: 'Seán Murphy', maxLength: LIMITS.name })
  @IsName()
  name!: string;

  @ApiProperty({ description: 'Date of birth (YYYY-MM-DD): a child is under 18, so today or in the 18 years before.', example: '2018-09-21', format: 'date', maxLength: 10 })
  @IsDay()
  dateOfBirth!: string;
}

@ApiSchema({ name: 'FamilyMemberInput', description: 'A member of the child\'s family.' })
export class FamilyMemberDto implements FamilyMemberInput {
  @ApiProperty({ description: 'Name.', example: 'Siobhán Murphy', maxLength: LIMITS.name })
  @IsName()
  name!: string;

  @ApiProperty({ description: 'Relationship to the child: mother, father, grandparent, carer, sibling, …', example: 'mother', maxLength: 50 })
  @IsText(50)
  relationship!: string;

  @ApiPropertyOptional({ description: 'Date of birth (YYYY-MM-DD), when known: not in the future, and younger than 120.', example: '1989-05-02', format: 'date', maxLength: 10 })
  @Optional()
  @IsDay()
  dateOfBirth?: string;

  @ApiProperty({ description: 'Whether they have parental responsibility (may give consent).', example: true })
  @IsFlag()
  hasParentalResponsibility!: boolean;

  @ApiPropertyOptional({ description: 'First language.', example: 'Polish', maxLength: DETAIL_LIMITS.language })
  @Optional()
  @IsText(DETAIL_LIMITS.language)
  firstLanguage?: string;

  @ApiPropertyOptional({ description: 'Whether an interpreter is needed to work with them.', example: true })
  @Optional()
  @IsFlag()
  interpreterNeeded?: boolean;

  @ApiPropertyOptional({ description: 'Contact details.', type: () => ContactDetailsDto })
  @Optional()
  @IsNestedObject(() => ContactDetailsDto)
  contact?: ContactDetailsDto;

  @ApiPropertyOptional({ description: 'Sensitive details of this person.', type: () => SensitiveDetailsDto })
  @Optional()
  @IsNestedObject(() => SensitiveDetailsDto)
  sensitive?: SensitiveDetailsDto;
}

/** At least one family member, unless the case joins an existing family (`familyId`) or reopens an episode. */
function HasFamilyUnlessLinked(): PropertyDecorator {
  return ValidateBy({
    name: 'hasFamilyUnlessLinked',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const body = args?.object as OpenCaseInput;
        return !Array.isArray(value) || value.length > 0 || body.familyId !== undefined || body.previousEpisodeId !== undefined;
      },
      defaultMessage: () => 'familyMembers needs at least one family member, or give familyId to link the case to an existing family',
    },
  });
}

@ApiSchema({ name: 'OpenCase', description: 'Open a case for one child, in the request-for-support stage.' })
export class OpenCaseDto implements OpenCaseInput {
  @ApiProperty({ description: 'The network area the case belongs to (the demo area is dublin-south-central; GET /areas lists yours).', example: 'dublin-south-central', maxLength: LIMITS.id })
  @IsText(LIMITS.id)
  areaId!: string;

  @ApiProperty({ description: 'Where the request comes from.', enum: REQUEST_ORIGINS, enumName: 'RequestOrigin', example: 'school' })
  @IsOneOf(REQUEST_ORIGINS)
  origin!: RequestOrigin;

  @ApiPropertyOptional({ description: "The child the case is for. Required, except when reopening an episode (previousEpisodeId): the child's own record then continues.", type: () => ChildDto })
  @OptionalUnless<OpenCaseInput>((body) => body.previousEpisodeId === undefined)
  @IsNestedObject(() => ChildDto)
  child?: ChildDto;

  @ApiProperty({
    description: 'Family members (at least one, unless `familyId` links to an existing family).',
    type: () => [FamilyMemberDto],
    maxItems: 20,
  })
  @IsNestedArray(() => FamilyMemberDto, { max: 20 })
  @HasFamilyUnlessLinked()
  familyMembers!: FamilyMemberDto[];

  @ApiPropertyOptional({ description: 'Links a sibling case to an existing family, sharing its people.', example: '3f1c2a4e-8b7d-4c1a-9e2f-5d6b7a8c9e0f', format: 'uuid', maxLength: 36 })
  @Optional()
  @IsUuid()
  familyId?: string;

  @ApiPropertyOptional({ description: 'User id of the proposed lead practitioner.', example: 'u-lp-0001', maxLength: LIMITS.id })
  @Optional()
  @IsText(LIMITS.id)
  leadPractitionerId?: string;

  @ApiPropertyOptional({ description: "A reopened case: the id of the closed case (episode) it follows. The new episode continues that child's record and family; a child has one open episode at a time, and an episode is reopened once.", example: '9b2e7c1d-4a3f-4e8b-8c6d-1f2a3b4c5d6e', format: 'uuid', maxLength: 36 })
  @Optional()
  @IsUuid()
  previousEpisodeId?: string;

  @ApiPropertyOptional({
    description:
      "The pre-request checklist that led to this request (POST /pre-request-checklists): one whose outcome is requestForSupport, of the case's area, not linked to another case, and one you may see. Optional: a case is opened without one too.",
    example: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    format: 'uuid',
    maxLength: 36,
  })
  @Optional()
  @IsUuid()
  preRequestChecklistId?: string;
}

/** Validates a parsed JSON body of `POST /cases`; unknown fields are rejected, every invalid field reported. */
export function parseOpenCase(body: unknown): { ok: true; value: OpenCaseInput } | { ok: false; errors: FieldError[] } {
  if (!isPlainObject(body)) {
    return { ok: false, errors: [{ field: '', problems: ['the body must be a JSON object'] }] };
  }
  return validateBody<OpenCaseInput>(OpenCaseDto, body);
}
