import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth/auth.guard';
import { CasesModule } from './cases/cases.module';
import { ChecklistsModule } from './checklists/checklists.module';
import { DocumentsModule } from './documents/documents.module';
import { CoreModule, type AppOptions } from './core/core.module';
import { HealthModule } from './health/health.module';
import { OrganisationModule } from './organisation/organisation.module';
import { PeopleModule } from './people/people.module';
import { UserRateLimitGuard } from './rate-limit/rate-limit.guard';
import { PagesModule } from './pages/pages.module';
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
        PagesModule,
      ],
      providers: [
        // In this order: the per-user limit counts only callers the AuthGuard has verified.
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: UserRateLimitGuard },
      ],
    };
  }
}
