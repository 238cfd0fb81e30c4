import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth/auth.guard';
import { UserAccounts } from './auth/user-accounts';
import { CasesModule } from './cases/cases.module';
import { ChecklistsModule } from './checklists/checklists.module';
import { DocumentsModule } from './documents/documents.module';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { CoreModule, type AppOptions } from './core/core.module';
import { HealthModule } from './health/health.module';
import { OrganisationModule } from './organisation/organisation.module';
import { PeopleModule } from './people/people.module';
import { RATE_LIMITER, UserRateLimitGuard } from './rate-limit/rate-limit.guard';
import { RateLimiter } from './rate-limit/rate-limiter';
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
        PeopleModule,
        WorkflowsModule,
        OrganisationModule,
        ChecklistsModule,
        DocumentsModule,
      ],
      providers: [
        UserAccounts,
        { provide: RATE_LIMITER, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new RateLimiter(config.rateLimit) },
        // In this order: the per-user limit counts only callers the AuthGuard has verified.
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: UserRateLimitGuard },
      ],
    };
  }
}
