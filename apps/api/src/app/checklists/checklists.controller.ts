import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '@tacu/domain';
import { CurrentActor, RequirePermission } from '../auth/auth.decorators';
import type { CommandOptions } from '../cases/cases.service';
import { CommandHeaders } from '../cases/command-headers';
import { RequestId } from '../core/request-id.decorator';
import { ChecklistFiguresResponse, ChecklistPageResponse, ChecklistResponse, ListChecklistsQueryDto, NewChecklistDto } from './checklists.dto';
import { ChecklistsService } from './checklists.service';

const CHECKLIST_ID = ApiParam({ name: 'id', description: 'The checklist id.', schema: { type: 'string', format: 'uuid', maxLength: 36 }, example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' });

/** The pre-request checklist as its own record (libs/auth: who made it, the area's coordinators, the lead of its case). */
@ApiTags('pre-request checklists')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid bearer token (problem+json).' })
@ApiForbiddenResponse({ description: 'Your role may not do this (problem+json).' })
@Controller('pre-request-checklists')
export class ChecklistsController {
  constructor(private readonly checklists: ChecklistsService) {}

  @Post()
  @RequirePermission('checklists:make')
  @ApiOperation({
    summary: "Make a pre-request checklist: the five national outcomes rated, whom it was completed with, and its outcome. 'No Meitheal needed' is kept and counted; no case is opened.",
  })
  @ApiBody({ type: NewChecklistDto })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retry with the same key answers the checklist the first request made instead of making another.',
    schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]{1,255}$', example: 'c7b1f0e2-5d7a-4c3e-9a1b-2f4d6e8a0b1c' },
  })
  @ApiCreatedResponse({ type: ChecklistResponse, description: 'The checklist; Location names it.' })
  @ApiUnprocessableEntityResponse({ description: 'The Idempotency-Key was used to make a different checklist.' })
  async make(
    @CurrentActor() actor: Actor,
    @Body() body: unknown,
    @CommandHeaders() options: CommandOptions,
    @RequestId() requestId: string | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ChecklistResponse> {
    const made = await this.checklists.make(actor, body, options, requestId);
    void reply.header('location', `/pre-request-checklists/${made.id}`);
    return made;
  }

  @Get()
  @RequirePermission('checklists:read')
  @ApiOperation({ summary: "The checklists you may see, newest first: those you made (or whose case you lead); a coordinator's, every one of the area." })
  @ApiOkResponse({ type: ChecklistPageResponse })
  list(@CurrentActor() actor: Actor, @Query() query: ListChecklistsQueryDto, @RequestId() requestId: string | null): Promise<ChecklistPageResponse> {
    return this.checklists.list(actor, query, requestId);
  }

  @Get('figures')
  @RequirePermission('checklists:figures')
  @ApiOperation({ summary: "Your area's checklists counted by outcome (requests for support, no Meitheal needed, linked to a case): figures, no child named." })
  @ApiOkResponse({ type: ChecklistFiguresResponse })
  figures(@CurrentActor() actor: Actor): Promise<ChecklistFiguresResponse> {
    return this.checklists.figures(actor);
  }

  @Get(':id')
  @RequirePermission('checklists:read')
  @ApiOperation({ summary: 'A checklist you may see: its ratings, whom it was completed with, its outcome, and the case it led to.' })
  @CHECKLIST_ID
  @ApiOkResponse({ type: ChecklistResponse })
  @ApiNotFoundResponse({ description: 'No such checklist, or not one you may see.' })
  get(@CurrentActor() actor: Actor, @Param('id') id: string, @RequestId() requestId: string | null): Promise<ChecklistResponse> {
    return this.checklists.get(actor, id, requestId);
  }
}
