import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
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
import { RequestId } from '../core/request-id.decorator';
import { asCreatedCase, withVersionTag } from './case-headers';
import { CaseHistoryResponse, CasePageResponse, CaseResponse, ListCasesQueryDto, TransitionResponse } from './cases.dto';
import { CasesService, type CommandOptions } from './cases.service';
import { CommandHeaders } from './command-headers';
import { CASE_EVENT_MODELS, caseEventBodySchema } from './events';
import { OpenCaseDto } from './open-case.dto';

/** The case id in a path: a UUID (a malformed one answers 404 like a missing case). */
const CASE_ID = ApiParam({ name: 'id', description: 'The case id.', schema: { type: 'string', format: 'uuid', maxLength: 36 }, example: '3f1c2a4e-8b7d-4c1a-9e2f-5d6b7a8c9e0f' });
/** Idempotency-Key: 1-255 visible ASCII characters (command-headers.ts). */
const IDEMPOTENCY_KEY_SCHEMA = { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]{1,255}$', example: 'c7b1f0e2-5d7a-4c3e-9a1b-2f4d6e8a0b1c' } as const;

@ApiTags('cases')
@ApiBearerAuth()
@ApiExtraModels(...CASE_EVENT_MODELS)
@ApiUnauthorizedResponse({ description: 'No valid bearer token (problem+json).' })
@ApiForbiddenResponse({ description: 'Your role may not do this (problem+json).' })
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post()
  @RequirePermission('cases:open')
  @ApiOperation({ summary: 'Open a case for one child in the request stage (a sibling case links to its family with familyId).' })
  @ApiBody({ type: OpenCaseDto })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key answers the case the first request opened instead of opening another.', schema: IDEMPOTENCY_KEY_SCHEMA })
  @ApiCreatedResponse({ type: CaseResponse, description: 'The case; Location names it and ETag carries its version.' })
  @ApiUnprocessableEntityResponse({ description: 'The Idempotency-Key was used to open a different case.' })
  async open(
    @CurrentActor() actor: Actor,
    @Body() body: unknown,
    @CommandHeaders() options: CommandOptions,
    @RequestId() requestId: string | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseResponse> {
    return asCreatedCase(reply, await this.cases.open(actor, body, options, requestId));
  }

  @Get()
  @RequirePermission('cases:read')
  @ApiOperation({ summary: 'Cases you may see, filtered, newest first (or soonest deadline first), one page at a time.' })
  @ApiOkResponse({ type: CasePageResponse })
  list(@CurrentActor() actor: Actor, @Query() query: ListCasesQueryDto, @RequestId() requestId: string | null): Promise<CasePageResponse> {
    return this.cases.list(actor, query, requestId);
  }

  @Get(':id')
  @RequirePermission('cases:read')
  @ApiOperation({ summary: 'A case: stage, state, deadlines, version (also as ETag) and the events you may send now.' })
  @CASE_ID
  @ApiOkResponse({ type: CaseResponse })
  @ApiNotFoundResponse({ description: 'No such case, or not one you may see.' })
  async get(@CurrentActor() actor: Actor, @Param('id') id: string, @RequestId() requestId: string | null, @Res({ passthrough: true }) reply: FastifyReply): Promise<CaseResponse> {
    return withVersionTag(reply, await this.cases.get(actor, id, requestId));
  }

  @Post(':id/events')
  @HttpCode(200)
  @RequirePermission('cases:send')
  @ApiOperation({ summary: 'Send one event to the case: { "type": "...", ...data }.' })
  @CASE_ID
  @ApiBody({ schema: caseEventBodySchema() })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key returns the first answer instead of acting twice.', schema: IDEMPOTENCY_KEY_SCHEMA })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The case version you read (its ETag): the event applies only if the case has not changed since.',
    schema: { type: 'string', maxLength: 14, pattern: '^(\\*|(W/)?"?[0-9]{1,9}"?)$', example: '"7"' },
  })
  @ApiOkResponse({ type: TransitionResponse })
  @ApiNotFoundResponse({ description: 'No such case, or not one you may see.' })
  @ApiConflictResponse({ description: 'Event not allowed now (allowedEvents lists those that are), or the case changed (currentVersion).' })
  @ApiUnprocessableEntityResponse({ description: 'A rule of the practice model is not met (reasons), or the Idempotency-Key was used for another request.' })
  async send(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: unknown,
    @CommandHeaders() options: CommandOptions,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TransitionResponse> {
    return withVersionTag(reply, await this.cases.send(actor, id, body, options));
  }

  @Get(':id/history')
  @RequirePermission('cases:read')
  @ApiOperation({ summary: 'The audit trail of the case, oldest first (hash-chained).' })
  @CASE_ID
  @ApiOkResponse({ type: CaseHistoryResponse })
  @ApiNotFoundResponse({ description: 'No such case, or not one you may see.' })
  history(@CurrentActor() actor: Actor, @Param('id') id: string, @RequestId() requestId: string | null): Promise<CaseHistoryResponse> {
    return this.cases.history(actor, id, requestId);
  }
}
