/** Events accepted in any active stage: consent withdrawn (and the coordinator's decision after it), lead practitioner (re)assigned. */
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import type { AssignLeadPractitioner, DecideOnWithdrawal, WithdrawConsent } from '@tacu/domain';
import { EventType, PersonRefDto } from './common.dto';
import { IsNestedObject, IsOneOf, IsText, LIMITS, Optional } from './validation';

@ApiSchema({
  name: 'WithdrawConsent',
  description:
    "One person withdraws their consent. The last consent withdrawn (or any, if the organisation's policy is closeCase) closes the case as consentWithdrawn; otherwise processing stops and the coordinator decides (DECIDE_ON_WITHDRAWAL). An escalation is never blocked.",
})
export class WithdrawConsentDto implements WithdrawConsent {
  @EventType('WITHDRAW_CONSENT')
  type!: 'WITHDRAW_CONSENT';

  @ApiProperty({ description: 'Who withdrew their consent (their personId from the case, or the name their consent was recorded under).', type: () => PersonRefDto })
  @IsNestedObject(() => PersonRefDto)
  withdrawnBy!: PersonRefDto;

  @ApiPropertyOptional({ description: 'Why, if they said.', example: 'We are managing fine now.', maxLength: LIMITS.reason })
  @Optional()
  @IsText(LIMITS.reason)
  reason?: string;
}

const WITHDRAWAL_DECISIONS: readonly DecideOnWithdrawal['decision'][] = ['continueWithRemainingConsent', 'closeCase'];

@ApiSchema({
  name: 'DecideOnWithdrawal',
  description:
    'After one person withdrew consent and processing stopped, the coordinator decides: continue where the case was with the remaining consent (only if it still suffices), or close the case as consentWithdrawn.',
})
export class DecideOnWithdrawalDto implements DecideOnWithdrawal {
  @EventType('DECIDE_ON_WITHDRAWAL')
  type!: 'DECIDE_ON_WITHDRAWAL';

  @ApiProperty({ description: 'Continue with the remaining consent, or close the case.', enum: WITHDRAWAL_DECISIONS, example: 'continueWithRemainingConsent' })
  @IsOneOf(WITHDRAWAL_DECISIONS)
  decision!: DecideOnWithdrawal['decision'];

  @ApiProperty({ description: 'Why, in plain words the family will read.', example: "Mam's consent covers the school and the nurse, which is what the plan needs.", maxLength: LIMITS.reason })
  @IsText(LIMITS.reason)
  reason!: string;
}

@ApiSchema({ name: 'AssignLeadPractitioner', description: 'Assign (or change) the lead practitioner.' })
export class AssignLeadPractitionerDto implements AssignLeadPractitioner {
  @EventType('ASSIGN_LEAD_PRACTITIONER')
  type!: 'ASSIGN_LEAD_PRACTITIONER';

  @ApiProperty({ description: 'User id of the new lead practitioner.', example: 'u-lp-0002', maxLength: LIMITS.id })
  @IsText(LIMITS.id)
  leadPractitionerId!: string;
}
