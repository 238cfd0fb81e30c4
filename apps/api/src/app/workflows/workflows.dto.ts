import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { WorkflowDefinition } from '@tacu/workflows';

/** Bounds of what the machines shipped with the app describe (a few dozen states and delays each). */
const MACHINE_NAME = { type: 'string', maxLength: 100 } as const;
const MACHINE_LIST = 100;
/** Characters of the largest diagram a shipped machine may have (the case machine's is far below; a test keeps it so). */
export const DIAGRAM_MAX_LENGTH = 200_000;

export class WorkflowVersionResponse {
  @ApiProperty({ example: 'case', maxLength: 100 }) id!: string;
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty({ description: 'True for the version new cases start on.' }) latest!: boolean;
  @ApiProperty({ description: 'Top-level states of the machine.', type: 'array', items: MACHINE_NAME, maxItems: MACHINE_LIST }) states!: string[];
  @ApiProperty({ description: 'Delay names whose timers set the stage due date.', type: 'array', items: MACHINE_NAME, maxItems: MACHINE_LIST }) dueDateDelays!: string[];
}

export class WorkflowListResponse {
  @ApiProperty({ type: [WorkflowVersionResponse], maxItems: MACHINE_LIST, description: 'Every version of every machine the app runs.' }) items!: WorkflowVersionResponse[];
}

export class DiagramQueryDto {
  @ApiPropertyOptional({ description: 'The version to draw (default: the latest).', type: 'integer', format: 'int32', minimum: 1, maximum: 1_000_000 })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt({ message: 'version must be a whole number of at least 1' })
  @Min(1, { message: 'version must be a whole number of at least 1' })
  @Max(1_000_000, { message: 'version must be a whole number of at least 1' })
  version?: number;
}

export class WorkflowDiagramResponse {
  @ApiProperty({ example: 'case', maxLength: 100 }) id!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: ['mermaid'], example: 'mermaid' }) format!: 'mermaid';
  @ApiProperty({ description: 'Mermaid stateDiagram-v2 source.', maxLength: DIAGRAM_MAX_LENGTH }) diagram!: string;
}

export function toWorkflowVersionResponse(definition: WorkflowDefinition, latest: boolean): WorkflowVersionResponse {
  const states = Object.keys((definition.machine.config as { states?: Record<string, unknown> }).states ?? {});
  return { id: definition.id, version: definition.version, latest, states, dueDateDelays: [...definition.dueDateDelays].sort() };
}
