import { Controller, Get, Inject, Injectable } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthCheckResult, type HealthIndicatorResult } from '@nestjs/terminus';
import type { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import { DATA_SOURCE } from '../core/tokens';

/** Database readiness: one `select 1` through the app's own DataSource, with a time limit. */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  async check(key: 'database', timeoutMs = 3000): Promise<HealthIndicatorResult<'database'>> {
    const indicator = this.health.check(key);
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      await Promise.race([this.dataSource.query('SELECT 1'), timeout]);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : 'unreachable' });
    } finally {
      clearTimeout(timer);
    }
  }
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
  ) {}

  @Get()
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ summary: 'Liveness and database readiness: 200 when the API can serve requests.' })
  @ApiOkResponse({ description: '{ status: "ok", info: { database: { status: "up" } } }' })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer (problem+json).' })
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => this.database.check('database')]);
  }

  @Get('live')
  @ApiOperation({ summary: 'Liveness only: the process answers.' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
