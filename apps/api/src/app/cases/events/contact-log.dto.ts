/** The contact log: a visit, call or message with the family, accepted in every active stage. */
import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { CONTACT_METHODS, type ContactMethod, type RecordContact } from '@tacu/domain';
import { EventType, PersonRefDto } from './common.dto';
import { IsInstant, IsNestedArray, IsOneOf, IsText, LIMITS } from './validation';

@ApiSchema({
  name: 'RecordContact',
  description:
    'Log a contact you had with the family: when, how, with whom, and what it was about. The log names you (the signed-in user) as the practitioner; the latest contact restarts the 4-week "no contact with the family" alert.',
})
export class RecordContactDto implements RecordContact {
  @EventType('RECORD_CONTACT')
  type!: 'RECORD_CONTACT';

  @ApiProperty({
    description: 'When the contact took place (date and time with a zone): not in the future, not before the case opened.',
    example: '2026-03-02T16:30:00Z',
    format: 'date-time',
    maxLength: 35,
  })
  @IsInstant()
  contactedOn!: string;

  @ApiProperty({ description: 'How the contact took place.', enum: CONTACT_METHODS, enumName: 'ContactMethod', example: 'homeVisit' })
  @IsOneOf(CONTACT_METHODS)
  method!: ContactMethod;

  @ApiProperty({
    description: 'The members of the family the contact was with (at least one): their personId from the case where they have one.',
    type: () => [PersonRefDto],
    maxItems: LIMITS.people,
  })
  @IsNestedArray(() => PersonRefDto, { min: 1, max: LIMITS.people })
  with!: PersonRefDto[];

  @ApiProperty({ description: 'What the contact was about, briefly.', example: 'Home visit: the new morning routine is working; Seán was at school on time all week.', maxLength: LIMITS.reason })
  @IsText(LIMITS.reason)
  note!: string;
}
