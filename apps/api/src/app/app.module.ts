import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AuthGuard } from './auth/auth.guard';
import { CasesModule } from './cases/cases.module';
import { CoreModule, type AppOptions } from './core/core.module';
import { HealthModule } from './health/health.module';
import { loggerParams } from './logging';
import { WorkflowsModule } from './workflows/workflows.module';

/** The whole API. `AppModule.register(options)` is used by main.ts, the tests and the bench alike. */
@Module({})
export class AppModule {
  static register(options: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot(loggerParams(options.config.logLevel, options.logDestination)),
        CoreModule.forRoot(options),
        HealthModule,
        CasesModule,
        WorkflowsModule,
      ],
      providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
    };
  }
}
