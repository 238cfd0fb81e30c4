import { Module } from '@nestjs/common';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { FamilyDetailsService } from './family-details.service';

@Module({
  controllers: [CasesController],
  providers: [CasesService, FamilyDetailsService],
  exports: [CasesService],
})
export class CasesModule {}
