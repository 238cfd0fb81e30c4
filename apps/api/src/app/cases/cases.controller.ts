import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
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
import { ChildDetailsChangeDto, FamilyMemberChangeDto } from './family-details.dto';
import { FamilyDetailsService } from './family-details.service';
import { OpenCaseDto } from './open-case.dto';

/** The case id in a path: a UUID (a malformed one answers 404 like a missing case). */
const CASE_ID = ApiParam({ name: 'id', description: 'The case id.', schema: { type: 'string', format: 'uuid', maxLength: 36 }, example: '3f1c2a4e-8b7d-4c1a-9e2f-5d6b7a8c9e0f' });
/** Idempotency-Key: 1-255 visible ASCII characters (command-headers.ts). */
const MEMBER_ID = ApiParam({ name: 'memberId', description: "The family member's id (from the case's familyMembers).", schema: { type: 'string', format: 'uuid', maxLength: 36 }, example: '5d6b7a8c-9e0f-4c1a-8b7d-3f1c2a4e9e2f' });
const IF_MATCH = ApiHeader({
  name: 'If-Match',
  required: false,
  description: 'The case version you read (its ETag): the change applies only if the case has not changed since.',
  schema: { type: 'string', maxLength: 14, pattern: '^(\\*|(W/)?"?[0-9]{1,9}"?)$', example: '"7"' },
});
const DETAILS_FORBIDDEN = 'You may read the case but not change its family: its lead practitioner or a coordinator of its area does.';
const DETAILS_CONFLICT = 'The case is closed (reopen the child\'s record as a new episode), or it changed since the version of If-Match, or (a family member) parental responsibility cannot be taken from the person whose consent an open case stands on.';
const IDEMPOTENCY_KEY_SCHEMA = { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]{1,255}$', example: 'c7b1f0e2-5d7a-4c3e-9a1b-2f4d6e8a0b1c' } as const;

@ApiTags('cases')
@ApiBearerAuth()
@ApiExtraModels(...CASE_EVENT_MODELS)
@ApiUnauthorizedResponse({ description: 'No valid bearer token (problem+json).' })
@ApiForbiddenResponse({ description: 'Your role may not do this (problem+json).' })
@Controller('cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly familyDetails: FamilyDetailsService,
  ) {}

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
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: "A retry with the same key, by the same user on the same case, returns the first answer instead of acting twice; another user's same key is a command of its own.", schema: IDEMPOTENCY_KEY_SCHEMA })
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

  @Patch(':id/child')
  @RequirePermission('cases:send')
  @ApiOperation({
    summary: "Change or complete the child's details (school, GP, language, who lives in the home, professionals involved; sensitive ones too). Audited in the case's history: who, when, which fields.",
  })
  @CASE_ID
  @ApiBody({ type: ChildDetailsChangeDto })
  @IF_MATCH
  @ApiOkResponse({ type: CaseResponse, description: 'The case as you see it, with its new version (also as ETag).' })
  @ApiForbiddenResponse({ description: DETAILS_FORBIDDEN })
  @ApiNotFoundResponse({ description: 'No such case, or not one you may see.' })
  @ApiConflictResponse({ description: DETAILS_CONFLICT })
  async changeChild(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: unknown,
    @CommandHeaders() options: CommandOptions,
    @RequestId() requestId: string | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseResponse> {
    return withVersionTag(reply, await this.familyDetails.changeChild(actor, id, body, options, requestId));
  }

  @Patch(':id/family-members/:memberId')
  @RequirePermission('cases:send')
  @ApiOperation({ summary: "Change or complete a family member's details (relationship, parental responsibility, language, contact and sensitive details). Audited in the case's history: who, when, which fields." })
  @CASE_ID
  @MEMBER_ID
  @ApiBody({ type: FamilyMemberChangeDto })
  @IF_MATCH
  @ApiOkResponse({ type: CaseResponse, description: 'The case as you see it, with its new version (also as ETag).' })
  @ApiForbiddenResponse({ description: DETAILS_FORBIDDEN })
  @ApiNotFoundResponse({ description: 'No such case or family member, or not one you may see.' })
  @ApiConflictResponse({ description: DETAILS_CONFLICT })
  async changeFamilyMember(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('memberId') memberId: string,
    @Body() body: unknown,
    @CommandHeaders() options: CommandOptions,
    @RequestId() requestId: string | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseResponse> {
    return withVersionTag(reply, await this.familyDetails.changeFamilyMember(actor, id, memberId, body, options, requestId));
  }
}
