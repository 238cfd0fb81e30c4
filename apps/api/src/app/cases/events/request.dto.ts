/** Request for support: details, consent, submission, and the coordinator's decision. */
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import {
  conflictingAgencies,
  type ConsentAs,
  FRAMEWORK_LIMITS,
  type DeclineRequest,
  type RecordConsent,
  type RecordRequestDetails,
  type RedirectRequest,
  type RegisterRequest,
  type RequestConsent,
  type SubmitRequest,
} from '@tacu/domain';
import { EventType, OutcomeRatingDto, PersonRefDto } from './common.dto';
import {
  AbsentWhen,
  HasUniqueItems,
  IsDay,
  IsFlag,
  IsName,
  IsNestedArray,
  IsNestedObject,
  IsOneOf,
  IsText,
  IsTextList,
  LIMITS,
  Optional,
  OptionalUnless,
  SharesNoneWith,
} from './validation';

type Checklist = NonNullable<RecordRequestDetails['preRequestChecklist']>;

@ApiSchema({
  name: 'PreRequestChecklist',
  description: "Baseline ratings on the outcomes of the case's framework (Ireland's five national outcomes by default), the reference that reviews and closure rate again.",
})
export class PreRequestChecklistDto implements Checklist {
  @ApiProperty({
    description: "Ratings on the outcomes of the case's framework (at least one, each outcome once).",
    type: () => [OutcomeRatingDto],
    minItems: 1,
    maxItems: FRAMEWORK_LIMITS.outcomes,
  })
  @IsNestedArray(() => OutcomeRatingDto, { min: 1, max: FRAMEWORK_LIMITS.outcomes })
  @HasUniqueItems('outcome')
  ratings!: OutcomeRatingDto[];

  @ApiProperty({ description: 'Whether the checklist was completed with the parent or carer.', example: true })
  @IsFlag()
  completedWithParent!: boolean;

  @ApiProperty({ description: 'Whether the checklist was completed with the child.', example: false })
  @IsFlag()
  completedWithChild!: boolean;
}

@ApiSchema({ name: 'RecordRequestDetails', description: 'Record why support is asked for, and optionally the pre-request checklist.' })
export class RecordRequestDetailsDto implements RecordRequestDetails {
  @EventType('RECORD_REQUEST_DETAILS')
  type!: 'RECORD_REQUEST_DETAILS';

  @ApiProperty({
    description: 'Why support is asked for, in plain words the family will read.',
    example: 'Seán has missed a third of school days this term and his mother is struggling since a bereavement.',
    maxLength: LIMITS.text,
  })
  @IsText(LIMITS.text)
  reasonForRequest!: string;

  @ApiPropertyOptional({ description: 'The pre-request checklist, when one was filled.', type: () => PreRequestChecklistDto })
  @Optional()
  @IsNestedObject(() => PreRequestChecklistDto)
  preRequestChecklist?: PreRequestChecklistDto;
}

@ApiSchema({ name: 'RequestConsent', description: "Ask the family for written consent (the request waits for it)." })
export class RequestConsentDto implements RequestConsent {
  @EventType('REQUEST_CONSENT')
  type!: 'REQUEST_CONSENT';
}

type ConsentGiver = RecordConsent['givenBy'];
type ConsentScopes = RecordConsent['scopes'];
type YoungPersonConsent = NonNullable<RecordConsent['youngPersonConsent']>;
const CONSENT_AS: readonly ConsentAs[] = ['parentCarer', 'youngPerson'];

@ApiSchema({ name: 'ConsentGiver', description: 'The person who gives (or refuses) their own written consent.' })
export class ConsentGiverDto extends PersonRefDto implements ConsentGiver {
  @ApiProperty({ description: 'Whether this person has parental responsibility for the child.', example: true })
  @IsFlag()
  hasParentalResponsibility!: boolean;

  @ApiPropertyOptional({
    description:
      "Whose own consent this is: a parent/carer's (the default) or the young person's (their personId is the child's). Each person's consent is kept beside the others'.",
    enum: CONSENT_AS,
    example: 'parentCarer',
  })
  @Optional()
  @IsOneOf(CONSENT_AS)
  as?: ConsentAs;
}

/** The agencies of `doNotShareWith` also named as shared with, or as receiving the plan. */
const sharedAndNot = (scopes: Record<string, unknown>): string[] =>
  conflictingAgencies({
    shareWithAgencies: Array.isArray(scopes['shareWithAgencies']) ? (scopes['shareWithAgencies'] as unknown[]).filter((a): a is string => typeof a === 'string') : [],
    doNotShareWith: Array.isArray(scopes['doNotShareWith']) ? (scopes['doNotShareWith'] as unknown[]).filter((a): a is string => typeof a === 'string') : [],
    planCopyTo: Array.isArray(scopes['planCopyTo']) ? (scopes['planCopyTo'] as unknown[]).filter((a): a is string => typeof a === 'string') : [],
  });

@ApiSchema({ name: 'ConsentScopes', description: 'What the consent covers, scope by scope.' })
export class ConsentScopesDto implements ConsentScopes {
  @ApiProperty({ description: 'Consent to take part in the process.', example: true })
  @IsFlag()
  takePart!: boolean;

  @ApiProperty({ description: 'Consent to keep records.', example: true })
  @IsFlag()
  keepRecords!: boolean;

  @ApiProperty({
    description: 'Agencies the family agrees information may be shared with (may be empty).',
    example: ['Scoil Bhríde National School', 'Public Health Nursing'],
    type: 'array',
    items: { type: 'string', maxLength: LIMITS.label },
    maxItems: LIMITS.people,
  })
  @IsTextList(LIMITS.people, LIMITS.label)
  shareWithAgencies!: string[];

  @ApiPropertyOptional({
    description:
      "Agencies this person asks that nothing is shared with, whatever another person's consent says (may be empty). An agency may not also be in shareWithAgencies or planCopyTo.",
    example: ['An Garda Síochána'],
    type: 'array',
    items: { type: 'string', maxLength: LIMITS.label },
    maxItems: LIMITS.people,
  })
  @Optional()
  @IsTextList(LIMITS.people, LIMITS.label)
  @SharesNoneWith(
    sharedAndNot,
    (both) =>
      `names ${both.join(', ')}, also named in shareWithAgencies or planCopyTo: an agency is either shared with or not. Ask the person which they mean and record one of the two.`,
  )
  doNotShareWith?: string[];

  @ApiPropertyOptional({
    description: 'Who receives a copy of the action plan (people or agencies; may be empty).',
    example: ['Siobhán Murphy', 'Scoil Bhríde National School'],
    type: 'array',
    items: { type: 'string', maxLength: LIMITS.label },
    maxItems: LIMITS.people,
  })
  @Optional()
  @IsTextList(LIMITS.people, LIMITS.label)
  planCopyTo?: string[];

  @ApiPropertyOptional({ description: 'A named practitioner the service may contact.', example: 'Niamh Kelly, school completion programme', maxLength: LIMITS.name })
  @Optional()
  @IsName()
  contactPractitioner?: string;
}

@ApiSchema({ name: 'YoungPersonConsent', description: "The young person's own consent, or why it was not sought." })
export class YoungPersonConsentDto implements YoungPersonConsent {
  @ApiProperty({ description: 'Whether the young person gave their own consent.', example: false })
  @IsFlag()
  given!: boolean;

  @ApiPropertyOptional({
    description: 'Why the young person\'s consent was not sought (e.g. age). Required when `given` is false.',
    example: 'Seán is 7; his views are sought in the assessment.',
    maxLength: LIMITS.reason,
  })
  @OptionalUnless<YoungPersonConsent>((o) => o.given === false)
  @IsText(LIMITS.reason, { whenMissing: 'reasonNotSought is required when given is false: say why the young person was not asked' })
  reasonNotSought?: string;
}

const isYoungPersons = (o: RecordConsent): boolean => (o.givenBy as { as?: unknown } | undefined)?.as === 'youngPerson';

@ApiSchema({
  name: 'RecordConsent',
  description:
    "Record one person's written consent (or refusal), scope by scope. From the same person again it widens or narrows their consent (the earlier version is kept); from another person it is added beside. What the case may do is what every required consent allows.",
})
export class RecordConsentDto implements RecordConsent {
  @EventType('RECORD_CONSENT')
  type!: 'RECORD_CONSENT';

  @ApiProperty({ description: 'Who gives (or refuses) their own consent.', type: () => ConsentGiverDto })
  @IsNestedObject(() => ConsentGiverDto)
  givenBy!: ConsentGiverDto;

  @ApiPropertyOptional({
    description: 'false records a refusal (default true). Someone whose consent stands withdraws it with WITHDRAW_CONSENT instead.',
    example: true,
  })
  @Optional()
  @IsFlag()
  given?: boolean;

  @ApiProperty({ description: 'What the consent covers.', type: () => ConsentScopesDto })
  @IsNestedObject(() => ConsentScopesDto)
  scopes!: ConsentScopesDto;

  @ApiPropertyOptional({
    description: "On a parent/carer's consent (required there): the young person's own consent, or why it was not sought. Left out of the young person's own consent.",
    type: () => YoungPersonConsentDto,
  })
  @OptionalUnless<RecordConsent>((o) => !isYoungPersons(o))
  @AbsentWhen<RecordConsent>(isYoungPersons, "is left out of the young person's own consent (givenBy.as youngPerson): their consent is this record")
  @IsNestedObject(() => YoungPersonConsentDto)
  youngPersonConsent?: YoungPersonConsentDto;

  @ApiProperty({
    description: 'Day the written consent was signed (YYYY-MM-DD): today or before, and at most a year before the case opened.',
    example: '2026-03-02',
    format: 'date',
    maxLength: 10,
  })
  @IsDay()
  signedOn!: string;
}

@ApiSchema({ name: 'SubmitRequest', description: 'Submit the request to the area coordinator.' })
export class SubmitRequestDto implements SubmitRequest {
  @EventType('SUBMIT_REQUEST')
  type!: 'SUBMIT_REQUEST';
}

@ApiSchema({ name: 'RegisterRequest', description: 'The coordinator registers the request and confirms or assigns the lead practitioner.' })
export class RegisterRequestDto implements RegisterRequest {
  @EventType('REGISTER_REQUEST')
  type!: 'REGISTER_REQUEST';

  @ApiProperty({ description: 'User id of the lead practitioner (the proposed one, or another).', example: 'u-lp-0001', maxLength: LIMITS.id })
  @IsText(LIMITS.id)
  leadPractitionerId!: string;
}

@ApiSchema({ name: 'RedirectRequest', description: 'The coordinator redirects the request to another service.' })
export class RedirectRequestDto implements RedirectRequest {
  @EventType('REDIRECT_REQUEST')
  type!: 'REDIRECT_REQUEST';

  @ApiProperty({ description: 'The service the family is redirected to.', example: 'Primary Care Psychology', maxLength: LIMITS.label })
  @IsText(LIMITS.label)
  service!: string;

  @ApiProperty({ description: 'Why, in plain words the family will read.', example: 'The need is a single assessment that Primary Care Psychology offers directly.', maxLength: LIMITS.reason })
  @IsText(LIMITS.reason)
  reason!: string;
}

@ApiSchema({ name: 'DeclineRequest', description: 'The coordinator declines the request, with a reason.' })
export class DeclineRequestDto implements DeclineRequest {
  @EventType('DECLINE_REQUEST')
  type!: 'DECLINE_REQUEST';

  @ApiProperty({ description: 'Why, in plain words the family will read.', example: 'The family already has an open Meitheal in another area.', maxLength: LIMITS.reason })
  @IsText(LIMITS.reason)
  reason!: string;
}
