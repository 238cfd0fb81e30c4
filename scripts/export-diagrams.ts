/**
 * `npm run diagrams`: writes docs/diagrams/<machine id>.mmd (Mermaid stateDiagram-v2) for every
 * workflow, from the machines themselves. Commit the output so reviewers read the process
 * beside the code.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toMermaid, WORKFLOWS } from '@tacu/workflows';

const out = join(__dirname, '..', 'docs', 'diagrams');
mkdirSync(out, { recursive: true });
for (const workflow of WORKFLOWS) {
  const file = join(out, `${workflow.id}.mmd`);
  writeFileSync(file, toMermaid(workflow.machine));
  console.log(`wrote ${file}`);
}
