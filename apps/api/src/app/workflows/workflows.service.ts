import { Inject, Injectable } from '@nestjs/common';
import { DomainError, DomainErrorCode } from '@tacu/domain';
import { toMermaid, type WorkflowDefinition } from '@tacu/workflows';
import { WORKFLOW_DEFINITIONS } from '../core/tokens';
import { toWorkflowVersionResponse, type DiagramQueryDto, type WorkflowDiagramResponse, type WorkflowListResponse } from './workflows.dto';

/** The machines this API runs, every version, and their diagrams. No case data: any signed-in role. */
@Injectable()
export class WorkflowsService {
  constructor(@Inject(WORKFLOW_DEFINITIONS) private readonly workflows: readonly WorkflowDefinition[]) {}

  private latestVersion(id: string): number {
    return Math.max(...this.workflows.filter((w) => w.id === id).map((w) => w.version));
  }

  list(): WorkflowListResponse {
    const items = [...this.workflows]
      .sort((a, b) => a.id.localeCompare(b.id) || a.version - b.version)
      .map((w) => toWorkflowVersionResponse(w, w.version === this.latestVersion(w.id)));
    return { items };
  }

  diagram(id: string, query: DiagramQueryDto): WorkflowDiagramResponse {
    const versions = this.workflows.filter((w) => w.id === id);
    const version = query.version ?? (versions.length > 0 ? this.latestVersion(id) : undefined);
    const definition = versions.find((w) => w.version === version);
    if (!definition) {
      throw new DomainError(
        DomainErrorCode.UNKNOWN_WORKFLOW,
        versions.length === 0
          ? `There is no workflow "${id}"; GET /workflows lists them.`
          : `Workflow "${id}" has no version ${String(version)}; it has ${versions.map((w) => w.version).join(', ')}.`,
        { workflowId: id, known: this.workflows.map((w) => `${w.id}@${w.version}`) },
      );
    }
    return { id: definition.id, version: definition.version, format: 'mermaid', diagram: toMermaid(definition.machine) };
  }
}
