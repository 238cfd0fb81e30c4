import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Actor } from '@tacu/domain';
import { CurrentActor, RequirePermission } from '../auth/auth.decorators';
import { AreaListResponse, ListUsersQueryDto, UserListResponse } from './people.dto';
import { PeopleService } from './people.service';

/** Who one may name on a case: the caller's area and its active people (libs/auth `people:read`). */
@ApiTags('people')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid bearer token (problem+json).' })
@ApiForbiddenResponse({ description: 'Your role may not do this (problem+json).' })
@Controller()
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Get('areas')
  @RequirePermission('people:read')
  @ApiOperation({ summary: 'The areas you may open cases in and name people of (your own).' })
  @ApiOkResponse({ type: AreaListResponse })
  areas(@CurrentActor() actor: Actor): Promise<AreaListResponse> {
    return this.people.areas(actor);
  }

  @Get('users')
  @RequirePermission('people:read')
  @ApiOperation({ summary: 'The active people of your area you may name on a case: a lead practitioner, an invitee and their agency, an action owner, a liaison.' })
  @ApiOkResponse({ type: UserListResponse })
  users(@CurrentActor() actor: Actor, @Query() query: ListUsersQueryDto): Promise<UserListResponse> {
    return this.people.users(actor, query);
  }
}
