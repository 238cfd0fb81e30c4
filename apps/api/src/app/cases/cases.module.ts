import { Module } from '@nestjs/common';
import { CaseHeadersInterceptor } from './case-headers.interceptor';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

@Module({
  controllers: [CasesController],
  providers: [CasesService, CaseHeadersInterceptor],
})
export class CasesModule {}
