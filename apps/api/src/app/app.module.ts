import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth/auth.guard';
import { CasesModule } from './cases/cases.module';
import { CoreModule, type AppOptions } from './core/core.module';
import { HealthModule } from './health/health.module';
import { OrganisationModule } from './organisation/organisation.module';
import { WorkflowsModule } from './workflows/workflows.module';

/** The whole API. `AppModule.register(options)` is used by main.ts, the tests and the bench alike. */
@Module({})
export class AppModule {
  static register(options: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(options),
        HealthModule,
        CasesModule,
        WorkflowsModule,
        OrganisationModule,
      ],
      providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
    };
  }
}
