import { WORKFLOWS, toMermaid } from '@tacu/workflows';
import { DIAGRAM_MAX_LENGTH, toWorkflowVersionResponse } from './workflows.dto';

describe('what the OpenAPI document promises of the workflow answers', () => {
  it('every shipped machine draws a diagram shorter than the documented maxLength, with fewer states and delays than maxItems', () => {
    for (const definition of WORKFLOWS) {
      expect(toMermaid(definition.machine).length).toBeLessThan(DIAGRAM_MAX_LENGTH);
      const listed = toWorkflowVersionResponse(definition, true);
      expect(listed.states.length).toBeLessThanOrEqual(100);
      expect(listed.dueDateDelays.length).toBeLessThanOrEqual(100);
    }
    expect(WORKFLOWS.length).toBeLessThanOrEqual(100);
  });
});
