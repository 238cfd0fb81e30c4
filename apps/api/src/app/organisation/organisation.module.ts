import { Module } from '@nestjs/common';
import { OrganisationController } from './organisation.controller';
import { OrganisationService } from './organisation.service';

/** The organisation's working calendar: its routes, and bringing it up to date at start-up. */
@Module({
  controllers: [OrganisationController],
  providers: [OrganisationService],
})
export class OrganisationModule {}
