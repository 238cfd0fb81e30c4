/**
 * What a parsed Handlebars template refers to, read from its syntax tree: the partials it calls,
 * the fixed wording it names (`t`/`tPlain` keys and `word`/`wordPlain` namespaces), and the
 * positions of its nodes (to tell which file a runtime error came from).
 */
import type Handlebars from 'handlebars';

/** A parsed template (Handlebars' syntax tree). */
export type TemplateProgram = ReturnType<typeof Handlebars.parse>;

type Node = hbs.AST.Node;

/** A place in a template's source (1-based line, 0-based column, as Handlebars counts). */
export interface Position {
  line: number;
  column: number;
}

/** What one template refers to. */
export interface TemplateRefs {
  partials: { name: string; at: Position }[];
  wordingKeys: { key: string; at: Position }[];
  wordingNamespaces: { namespace: string; at: Position }[];
  /** `line:column` of the start of every node. */
  positions: Set<string>;
}

function children(node: object): object[] {
  const out: object[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc') continue;
    if (Array.isArray(value)) out.push(...value.filter((v): v is object => v !== null && typeof v === 'object'));
    else if (value !== null && typeof value === 'object') out.push(value);
  }
  return out;
}

function positionOf(node: Node): Position {
  return { line: node.loc?.start.line ?? 0, column: node.loc?.start.column ?? 0 };
}

/** Calls of a helper: mustaches, blocks and subexpressions, with their literal first parameter. */
function helperCall(node: Node): { helper: string; first: string | null } | null {
  if (node.type !== 'MustacheStatement' && node.type !== 'SubExpression' && node.type !== 'BlockStatement') return null;
  const call = node as hbs.AST.MustacheStatement;
  if (call.path.type !== 'PathExpression') return null;
  const first = call.params[0];
  return { helper: (call.path as hbs.AST.PathExpression).original, first: first?.type === 'StringLiteral' ? (first as hbs.AST.StringLiteral).value : null };
}

/** Everything `program` refers to (see `TemplateRefs`). */
export function refsOf(program: TemplateProgram): TemplateRefs {
  const refs: TemplateRefs = { partials: [], wordingKeys: [], wordingNamespaces: [], positions: new Set() };
  const visit = (node: Node) => {
    if (node.loc) refs.positions.add(`${node.loc.start.line}:${node.loc.start.column}`);
    if (node.type === 'PartialStatement' || node.type === 'PartialBlockStatement') {
      const name = (node as hbs.AST.PartialStatement).name;
      if (name.type === 'PathExpression' && !(name as hbs.AST.PathExpression).original.startsWith('@')) {
        refs.partials.push({ name: (name as hbs.AST.PathExpression).original, at: positionOf(node) });
      }
    }
    const call = helperCall(node);
    if (call?.first !== null && call?.first !== undefined) {
      if (call.helper === 't' || call.helper === 'tPlain') refs.wordingKeys.push({ key: call.first, at: positionOf(node) });
      if (call.helper === 'word' || call.helper === 'wordPlain') refs.wordingNamespaces.push({ namespace: call.first, at: positionOf(node) });
    }
    for (const child of children(node)) visit(child as Node);
  };
  visit(program);
  return refs;
}
