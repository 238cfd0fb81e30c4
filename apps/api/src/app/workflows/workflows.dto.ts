import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { WorkflowDefinition } from '@tacu/workflows';

export class WorkflowVersionResponse {
  @ApiProperty({ example: 'case' }) id!: string;
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty({ description: 'True for the version new cases start on.' }) latest!: boolean;
  @ApiProperty({ description: 'Top-level states of the machine.', type: [String] }) states!: string[];
  @ApiProperty({ description: 'Delay names whose timers set the stage due date.', type: [String] }) dueDateDelays!: string[];
}

export class WorkflowListResponse {
  @ApiProperty({ type: [WorkflowVersionResponse] }) items!: WorkflowVersionResponse[];
}

export class DiagramQueryDto {
  @ApiPropertyOptional({ description: 'The version to draw (default: the latest).' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt({ message: 'version must be a whole number of at least 1' })
  @Min(1, { message: 'version must be a whole number of at least 1' })
  @Max(1_000_000, { message: 'version must be a whole number of at least 1' })
  version?: number;
}

export class WorkflowDiagramResponse {
  @ApiProperty() id!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ example: 'mermaid' }) format!: 'mermaid';
  @ApiProperty({ description: 'Mermaid stateDiagram-v2 source.' }) diagram!: string;
}

export function toWorkflowVersionResponse(definition: WorkflowDefinition, latest: boolean): WorkflowVersionResponse {
  const states = Object.keys((definition.machine.config as { states?: Record<string, unknown> }).states ?? {});
  return { id: definition.id, version: definition.version, latest, states, dueDateDelays: [...definition.dueDateDelays].sort() };
}
