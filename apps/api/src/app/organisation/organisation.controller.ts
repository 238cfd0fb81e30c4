import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Actor } from '@tacu/domain';
import { CurrentActor, RequirePermission } from '../auth/auth.decorators';
import { RequestId } from '../core/request-id.decorator';
import { AddClosureDayDto, CalendarQueryDto, ClosureDayAddedResponse, OrganisationCalendarResponse, OrganisationOutcomeFrameworkResponse } from './organisation.dto';
import { OrganisationService } from './organisation.service';

@ApiTags('organisation')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid bearer token (problem+json).' })
@ApiForbiddenResponse({ description: 'Your role may not do this (problem+json).' })
@Controller('organisation')
export class OrganisationController {
  constructor(private readonly organisation: OrganisationService) {}

  @Get('calendar')
  @RequirePermission('calendar:read')
  @ApiOperation({ summary: "Your organisation's working calendar for a year: time zone, public holidays, substitute days and closure days." })
  @ApiOkResponse({ type: OrganisationCalendarResponse })
  @ApiBadRequestResponse({ description: 'An invalid year (problem+json with errors).' })
  calendar(@CurrentActor() actor: Actor, @Query() query: CalendarQueryDto): Promise<OrganisationCalendarResponse> {
    return this.organisation.calendar(actor, query.year);
  }

  @Get('outcome-framework')
  @RequirePermission('workflows:read')
  @ApiOperation({
    summary:
      "The outcome framework your organisation rates new cases and pre-request checklists on: its outcomes, the sides of the child's world and the rating scale. An open case is rated on the framework it started with (the case's record.outcomeFramework).",
  })
  @ApiOkResponse({ type: OrganisationOutcomeFrameworkResponse })
  outcomeFramework(@CurrentActor() actor: Actor): Promise<OrganisationOutcomeFrameworkResponse> {
    return this.organisation.outcomeFramework(actor);
  }

  @Post('closure-days')
  @RequirePermission('calendar:manage')
  @ApiOperation({
    summary: 'Add a day your organisation is closed (coordinators and managers). Open deadlines it falls inside move, each move in its case history.',
  })
  @ApiCreatedResponse({ type: ClosureDayAddedResponse })
  @ApiBadRequestResponse({ description: 'An invalid day or name, or a day outside the calendar (problem+json with errors).' })
  @ApiConflictResponse({ description: 'The day already is a closure day (problem+json).' })
  addClosureDay(@CurrentActor() actor: Actor, @Body() body: AddClosureDayDto, @RequestId() requestId: string | null): Promise<ClosureDayAddedResponse> {
    return this.organisation.addClosureDay(actor, body, requestId);
  }
}
