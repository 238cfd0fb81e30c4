import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/auth.decorators';
import { DiagramQueryDto, WorkflowDiagramResponse, WorkflowListResponse } from './workflows.dto';
import { WorkflowsService } from './workflows.service';

@ApiTags('workflows')
@ApiBearerAuth()
@Controller('workflows')
export class WorkflowsController {
  constructor(private readonly workflows: WorkflowsService) {}

  @Get()
  @RequirePermission('workflows:read')
  @ApiOperation({ summary: 'The machines and their versions.' })
  @ApiOkResponse({ type: WorkflowListResponse })
  list(): WorkflowListResponse {
    return this.workflows.list();
  }

  @Get(':id/diagram')
  @RequirePermission('workflows:read')
  @ApiOperation({ summary: 'The state diagram of a machine (Mermaid), latest version unless ?version=.' })
  @ApiParam({ name: 'id', description: 'The machine (GET /workflows lists them).', schema: { type: 'string', maxLength: 100 }, example: 'case' })
  @ApiOkResponse({ type: WorkflowDiagramResponse })
  @ApiBadRequestResponse({ description: 'Unknown workflow or version (problem+json).' })
  diagram(@Param('id') id: string, @Query() query: DiagramQueryDto): WorkflowDiagramResponse {
    return this.workflows.diagram(id, query);
  }
}
