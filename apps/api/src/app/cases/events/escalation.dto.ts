/** Escalation to statutory child protection, accepted from any active state. Consent never blocks it. */
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import {
  CONCERN_CATEGORIES,
  CONCERN_OUTCOMES,
  REPORT_METHODS,
  type AcknowledgeReport,
  type ConcernCategory,
  type ConcernOutcome,
  type ConsultLiaison,
  type DecideNotToReport,
  type RaiseConcern,
  type RecordConcernOutcome,
  type ReportMethod,
  type SubmitReport,
} from '@tacu/domain';
import { EventType, PersonRefDto } from './common.dto';
import { IsFlag, IsInstant, IsNestedObject, IsOneOf, IsText, LIMITS, Optional, OptionalUnless } from './validation';

type ImmediateSafety = RaiseConcern['immediateSafety'];

@ApiSchema({ name: 'ImmediateSafety', description: 'Whether the child is safe now, and what was done.' })
export class ImmediateSafetyDto implements ImmediateSafety {
  @ApiProperty({ description: 'Whether the child is safe right now.', example: true })
  @IsFlag()
  childSafeNow!: boolean;

  @ApiProperty({ description: 'What was done to keep the child safe (or "none needed" and why).', example: 'Child stayed in school with the class teacher; DLP informed at 11:20.', maxLength: LIMITS.reason })
  @IsText(LIMITS.reason)
  actionTaken!: string;
}

@ApiSchema({ name: 'RaiseConcern', description: 'Raise a child-protection or welfare concern. The case goes on hold.' })
export class RaiseConcernDto implements RaiseConcern {
  @EventType('RAISE_CONCERN')
  type!: 'RAISE_CONCERN';

  @ApiProperty({ description: 'The category of concern.', enum: CONCERN_CATEGORIES, enumName: 'ConcernCategory', example: 'neglect' })
  @IsOneOf(CONCERN_CATEGORIES)
  category!: ConcernCategory;

  @ApiProperty({ description: 'Whether this is a mandated report (Children First).', example: true })
  @IsFlag()
  mandatedReport!: boolean;

  @ApiProperty({
    description: 'What was seen or said, in plain words.',
    example: 'Arrived without a coat for the third day running; said there was no dinner at home last night.',
    maxLength: LIMITS.text,
  })
  @IsText(LIMITS.text)
  observed!: string;

  @ApiProperty({ description: 'Immediate safety.', type: () => ImmediateSafetyDto })
  @IsNestedObject(() => ImmediateSafetyDto)
  immediateSafety!: ImmediateSafetyDto;
}

@ApiSchema({ name: 'ConsultLiaison', description: "Record the designated liaison person's advice." })
export class ConsultLiaisonDto implements ConsultLiaison {
  @EventType('CONSULT_LIAISON')
  type!: 'CONSULT_LIAISON';

  @ApiProperty({ description: 'The designated liaison person consulted.', type: () => PersonRefDto })
  @IsNestedObject(() => PersonRefDto)
  liaison!: PersonRefDto;

  @ApiProperty({ description: 'Their advice.', example: 'Report to Tusla today through the portal; inform the mother.', maxLength: LIMITS.text })
  @IsText(LIMITS.text)
  advice!: string;
}

@ApiSchema({
  name: 'SubmitReport',
  description:
    'Record the report you made to the statutory service: as the designated liaison person, or directly as a mandated person on the case (Children First Act 2015, s. 14), alone or jointly with another person. The record names you (the signed-in user) as the reporter; the designated liaison person is told.',
})
export class SubmitReportDto implements SubmitReport {
  @EventType('SUBMIT_REPORT')
  type!: 'SUBMIT_REPORT';

  @ApiProperty({ description: 'The statutory service reported to.', example: 'Tusla Social Work, Dublin South Central', maxLength: LIMITS.label })
  @IsText(LIMITS.label)
  statutoryService!: string;

  @ApiProperty({ description: 'How the report was made.', enum: REPORT_METHODS, enumName: 'ReportMethod', example: 'portal' })
  @IsOneOf(REPORT_METHODS)
  method!: ReportMethod;

  @ApiPropertyOptional({
    description: 'The reference the statutory service gave the report, when known at once (otherwise ACKNOWLEDGE_REPORT records it).',
    example: 'TUS-2026-004512',
    maxLength: LIMITS.id,
  })
  @Optional()
  @IsText(LIMITS.id)
  statutoryReference?: string;

  @ApiPropertyOptional({
    description: 'When the report was made (date and time with a zone), if earlier than now, and not before the day the concern was raised. A written report is due 3 days from an urgent phone call, counted from this time.',
    example: '2026-06-15T16:40:00+01:00',
    format: 'date-time',
    maxLength: 35,
  })
  @Optional()
  @IsInstant()
  reportedAt?: string;

  @ApiProperty({ description: 'Whether you made the report jointly with another person, mandated or not (Children First Act 2015, s. 14(3)).', example: false })
  @IsFlag()
  jointReport!: boolean;

  @ApiPropertyOptional({
    description:
      'The other person who made the joint report: their name, and their personId if they are a user here (a practitioner of the area). Required when `jointReport` is true, left out otherwise.',
    type: () => PersonRefDto,
  })
  @OptionalUnless<SubmitReport>((o) => o.jointReport === true)
  @IsNestedObject(() => PersonRefDto, { whenMissing: 'jointReporter is required when jointReport is true: name the other person who made the report with you' })
  jointReporter?: PersonRefDto;

  @ApiProperty({ description: 'Whether the parents were told of the report.', example: true })
  @IsFlag()
  parentsInformed!: boolean;

  @ApiPropertyOptional({
    description: 'Why the parents were not told (it would endanger the child). Required when `parentsInformed` is false.',
    example: 'Telling the father before Tusla acts could put the child at risk.',
    maxLength: LIMITS.reason,
  })
  @OptionalUnless<SubmitReport>((o) => o.parentsInformed === false)
  @IsText(LIMITS.reason, { whenMissing: 'reasonParentsNotInformed is required when parentsInformed is false: say why telling them would endanger the child' })
  reasonParentsNotInformed?: string;
}

@ApiSchema({ name: 'DecideNotToReport', description: 'The designated liaison person decides not to report, with a reason.' })
export class DecideNotToReportDto implements DecideNotToReport {
  @EventType('DECIDE_NOT_TO_REPORT')
  type!: 'DECIDE_NOT_TO_REPORT';

  @ApiProperty({ description: 'Why no report is made.', example: 'Below the threshold of reasonable grounds; welfare need is met within the plan.', maxLength: LIMITS.reason })
  @IsText(LIMITS.reason)
  reason!: string;
}

@ApiSchema({ name: 'AcknowledgeReport', description: 'The statutory service acknowledged the report.' })
export class AcknowledgeReportDto implements AcknowledgeReport {
  @EventType('ACKNOWLEDGE_REPORT')
  type!: 'ACKNOWLEDGE_REPORT';

  @ApiProperty({ description: "The statutory service's reference.", example: 'TUS-2026-004512', maxLength: LIMITS.id })
  @IsText(LIMITS.id)
  reference!: string;
}

@ApiSchema({ name: 'RecordConcernOutcome', description: 'The outcome of the concern: step up, return to early intervention, or no further action.' })
export class RecordConcernOutcomeDto implements RecordConcernOutcome {
  @EventType('RECORD_CONCERN_OUTCOME')
  type!: 'RECORD_CONCERN_OUTCOME';

  @ApiProperty({ description: 'The outcome.', enum: CONCERN_OUTCOMES, enumName: 'ConcernOutcome', example: 'returnToEarlyIntervention' })
  @IsOneOf(CONCERN_OUTCOMES)
  outcome!: ConcernOutcome;

  @ApiProperty({ description: 'Notes on the outcome.', example: 'Tusla screened the report; family support continues through the Meitheal.', maxLength: LIMITS.text })
  @IsText(LIMITS.text)
  notes!: string;
}
