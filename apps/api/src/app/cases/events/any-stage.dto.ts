/** Events accepted in any active stage: consent withdrawn, lead practitioner (re)assigned. */
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import type { AssignLeadPractitioner, WithdrawConsent } from '@tacu/domain';
import { EventType, PersonRefDto } from './common.dto';
import { IsNestedObject, IsText, LIMITS, Optional } from './validation';

@ApiSchema({
  name: 'WithdrawConsent',
  description: 'The family withdraws consent: processing stops and the case closes as consentWithdrawn (an escalation is never blocked).',
})
export class WithdrawConsentDto implements WithdrawConsent {
  @EventType('WITHDRAW_CONSENT')
  type!: 'WITHDRAW_CONSENT';

  @ApiProperty({ description: 'Who withdrew consent.', type: () => PersonRefDto })
  @IsNestedObject(() => PersonRefDto)
  withdrawnBy!: PersonRefDto;

  @ApiPropertyOptional({ description: 'Why, if they said.', example: 'We are managing fine now.', maxLength: LIMITS.reason })
  @Optional()
  @IsText(LIMITS.reason)
  reason?: string;
}

@ApiSchema({ name: 'AssignLeadPractitioner', description: 'Assign (or change) the lead practitioner.' })
export class AssignLeadPractitionerDto implements AssignLeadPractitioner {
  @EventType('ASSIGN_LEAD_PRACTITIONER')
  type!: 'ASSIGN_LEAD_PRACTITIONER';

  @ApiProperty({ description: 'User id of the new lead practitioner.', example: 'u-lp-0002', maxLength: LIMITS.id })
  @IsText(LIMITS.id)
  leadPractitionerId!: string;
}
