/**
 * Fixed wording written into a template when it is compiled for a locale: every `{{t "key"}}` and
 * `{{tPlain "key"}}` whose wording has no placeholder prints the same HTML at every render of that
 * locale (the helper's own output, from `constantWordingHtml`), so the compiled template carries
 * it as text instead of calling the helper each time (measured: `t` is called over 300 times in
 * the templates, a helper call through Handlebars' runtime costs far more than appending text).
 *
 * The template's syntax tree is copied, never changed: the start-up check still runs the helper on
 * the tree as written. A call is only replaced when the result cannot differ: a literal key, no
 * hash, a wording English has, no placeholder, and text without a line break (Handlebars decides
 * whether a block stands alone on its line by the text beside it: text with no line break is read
 * as a mustache would be, not on a line of its own).
 */
import type { TemplateProgram } from './template-ast';
import { constantWordingHtml } from './helpers';
import type { Locale } from './kinds';
import type { WordingTable } from './wording';

type Node = hbs.AST.Node;

/** The text a mustache statement always prints in `locale`, or null when it must be called at each render. */
function constantText(node: Node, locale: Locale, wording: WordingTable): string | null {
  if (node.type !== 'MustacheStatement') return null;
  const call = node as hbs.AST.MustacheStatement;
  if (call.path.type !== 'PathExpression') return null;
  const helper = (call.path as hbs.AST.PathExpression).original;
  if (helper !== 't' && helper !== 'tPlain') return null;
  if (call.params.length !== 1 || call.params[0]?.type !== 'StringLiteral') return null;
  if (call.hash !== undefined && call.hash.pairs.length > 0) return null;
  const found = wording.get(locale, (call.params[0] as hbs.AST.StringLiteral).value);
  if (!found) return null;
  const html = constantWordingHtml(found, locale, helper === 'tPlain');
  return html === null || /[\r\n]/.test(html) ? null : html;
}

/** A copy of `program` with each constant wording call of `locale` replaced by its text. */
export function withConstantWording(program: TemplateProgram, locale: Locale, wording: WordingTable): TemplateProgram {
  const copy = structuredClone(program);
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    const record = node as Record<string, unknown>;
    if (record['type'] === 'Program' && Array.isArray(record['body'])) {
      record['body'] = (record['body'] as Node[]).map((statement) => {
        const text = constantText(statement, locale, wording);
        // `original` is the text as written, which Handlebars' whitespace control reads (its typings call it StripFlags).
        return text === null ? statement : ({ type: 'ContentStatement', value: text, original: text, loc: statement.loc } as unknown as Node);
      });
    }
    for (const [key, value] of Object.entries(record)) if (key !== 'loc') visit(value);
  };
  visit(copy);
  return copy;
}
