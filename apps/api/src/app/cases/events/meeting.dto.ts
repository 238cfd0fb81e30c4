/** Child and Family Support Meeting: invite, hold, cancel, reschedule, distribute the minutes. */
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import type { CancelMeeting, DistributeMinutes, HoldMeeting, InviteToMeeting, Invitee, RescheduleMeeting } from '@tacu/domain';
import { EventType, PersonRefDto } from './common.dto';
import { IsDay, IsFlag, IsInstant, IsNestedArray, IsNestedObject, IsText, LIMITS, Optional } from './validation';

@ApiSchema({ name: 'Invitee', description: 'A person invited to the meeting. The family approves every invitee.' })
export class InviteeDto extends PersonRefDto implements Invitee {
  @ApiPropertyOptional({
    description: 'The agency they come from; absent for family members. Consent must cover sharing with it.',
    example: 'Public Health Nursing',
    maxLength: LIMITS.label,
  })
  @Optional()
  @IsText(LIMITS.label)
  agency?: string;

  @ApiProperty({ description: 'Whether the family approved this invitee.', example: true })
  @IsFlag()
  approvedByFamily!: boolean;
}

@ApiSchema({ name: 'InviteToMeeting', description: 'Schedule the meeting and invite the people the family approved.' })
export class InviteToMeetingDto implements InviteToMeeting {
  @EventType('INVITE_TO_MEETING')
  type!: 'INVITE_TO_MEETING';

  @ApiProperty({
    description: 'When the meeting takes place: a date and time with a zone, on or after the day the case opened and at most a year ahead.',
    example: '2026-04-15T10:00:00+01:00',
    format: 'date-time',
    maxLength: 35,
  })
  @IsInstant()
  scheduledFor!: string;

  @ApiProperty({ description: 'Where the meeting takes place.', example: 'Family Resource Centre, Main Street, meeting room 2', maxLength: LIMITS.label })
  @IsText(LIMITS.label)
  location!: string;

  @ApiProperty({ description: 'Who chairs the meeting.', type: () => PersonRefDto })
  @IsNestedObject(() => PersonRefDto)
  chair!: PersonRefDto;

  @ApiProperty({ description: 'Who takes the minutes.', type: () => PersonRefDto })
  @IsNestedObject(() => PersonRefDto)
  minuteTaker!: PersonRefDto;

  @ApiProperty({ description: 'The people invited (at least one).', type: () => [InviteeDto], maxItems: LIMITS.people })
  @IsNestedArray(() => InviteeDto, { min: 1, max: LIMITS.people })
  invitees!: InviteeDto[];
}

@ApiSchema({ name: 'HoldMeeting', description: 'Record that the meeting was held: attendance and apologies.' })
export class HoldMeetingDto implements HoldMeeting {
  @EventType('HOLD_MEETING')
  type!: 'HOLD_MEETING';

  @ApiProperty({ description: 'Day the meeting was held (YYYY-MM-DD): today or before, and not before the case opened nor the day the meeting was arranged (its invitations recorded).', example: '2026-04-15', format: 'date', maxLength: 10 })
  @IsDay()
  heldOn!: string;

  @ApiProperty({ description: 'Who attended (at least one).', type: () => [PersonRefDto], maxItems: LIMITS.people })
  @IsNestedArray(() => PersonRefDto, { min: 1, max: LIMITS.people })
  attendance!: PersonRefDto[];

  @ApiProperty({ description: 'Who sent apologies (may be empty).', type: () => [PersonRefDto], maxItems: LIMITS.people })
  @IsNestedArray(() => PersonRefDto, { max: LIMITS.people })
  apologies!: PersonRefDto[];
}

@ApiSchema({ name: 'CancelMeeting', description: 'Cancel the meeting; it can then be rescheduled.' })
export class CancelMeetingDto implements CancelMeeting {
  @EventType('CANCEL_MEETING')
  type!: 'CANCEL_MEETING';

  @ApiProperty({ description: 'Why it was cancelled.', example: 'Mam is in hospital this week.', maxLength: LIMITS.reason })
  @IsText(LIMITS.reason)
  reason!: string;
}

@ApiSchema({ name: 'RescheduleMeeting', description: 'Propose the cancelled meeting again.' })
export class RescheduleMeetingDto implements RescheduleMeeting {
  @EventType('RESCHEDULE_MEETING')
  type!: 'RESCHEDULE_MEETING';
}

@ApiSchema({ name: 'DistributeMinutes', description: 'Record the minutes and who they were sent to.' })
export class DistributeMinutesDto implements DistributeMinutes {
  @EventType('DISTRIBUTE_MINUTES')
  type!: 'DISTRIBUTE_MINUTES';

  @ApiProperty({
    description: 'The minutes, in plain language the family can read.',
    example: 'Present: Mam, Seán (first half), Ms Kelly (school), Aoife (lead practitioner). Agreed: ...',
    maxLength: LIMITS.minutes,
  })
  @IsText(LIMITS.minutes)
  minutes!: string;

  @ApiProperty({ description: 'Who the minutes were sent to (at least one).', type: () => [PersonRefDto], maxItems: LIMITS.people })
  @IsNestedArray(() => PersonRefDto, { min: 1, max: LIMITS.people })
  distributedTo!: PersonRefDto[];
}
