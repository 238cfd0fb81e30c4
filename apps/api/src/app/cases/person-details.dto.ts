/**
 * What practitioners record about the child and the family (domain.md, from the Meitheal forms):
 * the parts shared by `POST /cases` (open-case.dto.ts) and the routes that change or complete
 * them later (family-details.dto.ts). Every field is optional: practitioners learn these over time.
 *
 * Which are sensitive (shown only to whom libs/auth `canSeeSensitiveDetails` allows: the case's
 * lead practitioner and its area's coordinators) is decided here, field by field:
 * - sensitive: an address kept from someone; contact details (a family member's, a professional's);
 *   the child's ethnicity, religion, disability or additional needs (special-category data, GDPR
 *   art. 9: never required, and the case's work does not need them shared with an invited agency);
 * - not sensitive: gender, school and class, GP, first language and interpreter need, who lives in
 *   the home, the professionals involved (name and service): what an invited practitioner needs
 *   to work with the family.
 */
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import type { ProfessionalInvolved } from '@tacu/persistence';
import { ValidateBy, type ValidationArguments } from 'class-validator';
import { HasUniqueItems, IsFlag, IsName, IsNestedArray, IsNestedObject, IsText, IsUuid, LIMITS, Optional, OptionalUnless } from './events/validation';

/** Limits of the details (characters, items), in the OpenAPI document too. */
export const DETAIL_LIMITS = {
  /** gender, as the family describes it */
  gender: 50,
  /** a school or pre-school, a GP and practice */
  place: LIMITS.label,
  /** a class or year */
  schoolClass: 50,
  /** a language */
  language: 100,
  /** ethnicity, religion */
  identity: 100,
  /** disability or additional needs, in words */
  needs: LIMITS.reason,
  /** a relationship */
  relationship: 50,
  /** people who live in the home; professionals involved */
  people: 20,
} as const;

/** Details shown only to the lead practitioner and the coordinators. */
export interface SensitiveDetails {
  address?: string;
}

/** The child's sensitive details: an address, and special-category data (GDPR art. 9). */
export interface ChildSensitiveDetails extends SensitiveDetails {
  ethnicity?: string;
  religion?: string;
  disabilityOrAdditionalNeeds?: string;
}

export interface ContactDetails {
  phone?: string;
  email?: string;
}

/** A professional involved with the child, as given: their contact is a sensitive detail. */
export interface ProfessionalInvolvedInput extends ProfessionalInvolved {
  contact?: ContactDetails;
}

/** Someone who lives in the home, as given: `familyMemberId`, or `name` and `relationship` (checked: one or the other). */
export interface HomeMemberInput {
  familyMemberId?: string;
  name?: string;
  relationship?: string;
}

/** The child's details beyond name and date of birth (each optional). */
export interface ChildDetailsInput {
  gender?: string;
  school?: string;
  schoolClass?: string;
  gp?: string;
  firstLanguage?: string;
  interpreterNeeded?: boolean;
  livesInHome?: HomeMemberInput[];
  professionalsInvolved?: ProfessionalInvolvedInput[];
  sensitive?: ChildSensitiveDetails;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 ()-]{5,22}$/;

function Matches(pattern: RegExp, what: string, max: number): PropertyDecorator {
  return ValidateBy({
    name: 'matches',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && value.length <= max && pattern.test(value),
      defaultMessage: ({ property }: ValidationArguments) => `${property} must be ${what}`,
    },
  });
}

@ApiSchema({ name: 'SensitiveDetails', description: 'Details shown only to the lead practitioner and the coordinator.' })
export class SensitiveDetailsDto implements SensitiveDetails {
  @ApiPropertyOptional({ description: 'Home address, when it must not be shared (e.g. kept from a person they fled).', example: '12 Church Road, Tallaght, Dublin 24', maxLength: 500 })
  @Optional()
  @IsText(500)
  address?: string;
}

@ApiSchema({
  name: 'ChildSensitiveDetails',
  description:
    "The child's sensitive details, shown only to the case's lead practitioner and the area's coordinators (never to an invited agency): an address kept from someone, and special-category data (GDPR art. 9), each optional and never required.",
})
export class ChildSensitiveDetailsDto extends SensitiveDetailsDto implements ChildSensitiveDetails {
  @ApiPropertyOptional({ description: "Ethnicity, in the family's own words (optional, never required).", example: 'Irish Traveller', maxLength: DETAIL_LIMITS.identity })
  @Optional()
  @IsText(DETAIL_LIMITS.identity)
  ethnicity?: string;

  @ApiPropertyOptional({ description: 'Religion, if the family wants it recorded (optional, never required).', example: 'Catholic', maxLength: DETAIL_LIMITS.identity })
  @Optional()
  @IsText(DETAIL_LIMITS.identity)
  religion?: string;

  @ApiPropertyOptional({ description: 'Disability or additional needs, in plain words.', example: 'Autism diagnosis (2023); sensory needs at lunchtime.', maxLength: DETAIL_LIMITS.needs })
  @Optional()
  @IsText(DETAIL_LIMITS.needs)
  disabilityOrAdditionalNeeds?: string;
}

@ApiSchema({ name: 'ContactDetails', description: 'How to reach a person. Kept with the sensitive details: shown only to the lead practitioner and the coordinators.' })
export class ContactDetailsDto implements ContactDetails {
  @ApiPropertyOptional({ description: 'Phone number.', example: '+353 87 123 4567', maxLength: 30 })
  @Optional()
  @Matches(PHONE, 'a phone number of digits, spaces, brackets or dashes, optionally starting with +', 30)
  phone?: string;

  @ApiPropertyOptional({ description: 'Email address.', example: 'siobhan.murphy@example.ie', maxLength: 254 })
  @Optional()
  @Matches(EMAIL, 'an email address like name@example.ie', 254)
  email?: string;
}

/** `familyMemberId`, or `name` with `relationship`: never both. */
function NotWithName(): PropertyDecorator {
  return ValidateBy({
    name: 'notWithName',
    validator: {
      validate: (_value: unknown, args?: ValidationArguments) => {
        const item = (args?.object ?? {}) as Record<string, unknown>;
        return item['name'] === undefined && item['relationship'] === undefined;
      },
      defaultMessage: () => 'give either familyMemberId (a member of the family) or name and relationship (someone else), not both',
    },
  });
}

@ApiSchema({
  name: 'HomeMember',
  description: "Someone who lives in the child's home: a member of the family by the id of their record (`familyMemberId`, from the case's familyMembers), or someone else by `name` and `relationship`.",
})
export class HomeMemberDto implements HomeMemberInput {
  @ApiPropertyOptional({ description: "Id of a member of the case's family (from familyMembers).", format: 'uuid', maxLength: 36, example: '5d6b7a8c-9e0f-4c1a-8b7d-3f1c2a4e9e2f' })
  @OptionalUnless<{ name?: unknown }>((item) => item.name === undefined)
  @IsUuid()
  @NotWithName()
  familyMemberId?: string;

  @ApiPropertyOptional({ description: 'Name of someone else who lives in the home.', example: 'Darren Kelly', maxLength: LIMITS.name })
  @Optional()
  @IsName()
  name?: string;

  @ApiPropertyOptional({ description: 'How they are related to the child (with `name`).', example: "mother's partner", maxLength: DETAIL_LIMITS.relationship })
  @OptionalUnless<{ name?: unknown; familyMemberId?: unknown }>((item) => item.name !== undefined && item.familyMemberId === undefined)
  @IsText(DETAIL_LIMITS.relationship, { whenMissing: 'relationship is required with name: how they are related to the child (e.g. "mother\'s partner")' })
  relationship?: string;
}

@ApiSchema({ name: 'ProfessionalInvolved', description: 'A professional already involved with the child. Their contact details are shown only to the lead practitioner and the coordinators.' })
export class ProfessionalInvolvedDto implements ProfessionalInvolvedInput {
  @ApiProperty({ description: 'Name.', example: 'Dr Nuala Hayes', maxLength: LIMITS.name })
  @IsName()
  name!: string;

  @ApiProperty({ description: 'The service or agency they work for.', example: 'Speech and Language Therapy, HSE', maxLength: LIMITS.label })
  @IsText(LIMITS.label)
  service!: string;

  @ApiPropertyOptional({ description: 'How to reach them: a sensitive detail, like a family member\'s contact.', type: () => ContactDetailsDto })
  @Optional()
  @IsNestedObject(() => ContactDetailsDto)
  contact?: ContactDetailsDto;
}

/**
 * The child's details: the child of `POST /cases` and the body of `PATCH /cases/:id/child` extend
 * this class (class-validator and the OpenAPI document read the inherited properties).
 */
@ApiSchema({ name: 'ChildDetails', description: "The child's details beyond name and date of birth, each optional." })
export class ChildDetailsDto implements ChildDetailsInput {
  @ApiPropertyOptional({ description: 'Sex/gender, as the family describes it.', example: 'male', maxLength: DETAIL_LIMITS.gender })
  @Optional()
  @IsText(DETAIL_LIMITS.gender)
  gender?: string;

  @ApiPropertyOptional({ description: 'School or pre-school.', example: 'Scoil Bhríde National School, Tallaght', maxLength: DETAIL_LIMITS.place })
  @Optional()
  @IsText(DETAIL_LIMITS.place)
  school?: string;

  @ApiPropertyOptional({ description: 'Class or year there.', example: '2nd class', maxLength: DETAIL_LIMITS.schoolClass })
  @Optional()
  @IsText(DETAIL_LIMITS.schoolClass)
  schoolClass?: string;

  @ApiPropertyOptional({ description: 'GP: name and practice.', example: 'Dr Ciara Lynch, Main Street Medical Centre, Tallaght', maxLength: DETAIL_LIMITS.place })
  @Optional()
  @IsText(DETAIL_LIMITS.place)
  gp?: string;

  @ApiPropertyOptional({ description: 'First language.', example: 'Irish', maxLength: DETAIL_LIMITS.language })
  @Optional()
  @IsText(DETAIL_LIMITS.language)
  firstLanguage?: string;

  @ApiPropertyOptional({ description: 'Whether an interpreter is needed.', example: false })
  @Optional()
  @IsFlag()
  interpreterNeeded?: boolean;

  @ApiPropertyOptional({
    description:
      "Who lives in the child's home (a whole list: it replaces the one recorded). Family members are named by the id of their record: when a case opens a new family its members have none yet, so name them, or add them by id later (PATCH /cases/:id/child).",
    type: () => [HomeMemberDto],
    maxItems: DETAIL_LIMITS.people,
  })
  @Optional()
  @IsNestedArray(() => HomeMemberDto, { max: DETAIL_LIMITS.people })
  @HasUniqueItems('familyMemberId')
  livesInHome?: HomeMemberDto[];

  @ApiPropertyOptional({ description: 'The professionals already involved (a whole list: it replaces the one recorded).', type: () => [ProfessionalInvolvedDto], maxItems: DETAIL_LIMITS.people })
  @Optional()
  @IsNestedArray(() => ProfessionalInvolvedDto, { max: DETAIL_LIMITS.people })
  professionalsInvolved?: ProfessionalInvolvedDto[];

  @ApiPropertyOptional({ description: 'Sensitive details of the child (an address kept from someone; ethnicity, religion, disability or additional needs).', type: () => ChildSensitiveDetailsDto })
  @Optional()
  @IsNestedObject(() => ChildSensitiveDetailsDto)
  sensitive?: ChildSensitiveDetailsDto;
}

/** A family member's own details beyond name, relationship and date of birth. */
export interface MemberDetailsInput {
  firstLanguage?: string;
  interpreterNeeded?: boolean;
}
