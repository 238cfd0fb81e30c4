/**
 * The published OpenAPI document (/docs/openapi.json of the running app) passes the OWASP API
 * Security ruleset of Spectral (@stoplight/spectral-owasp-ruleset) with no errors. The only
 * exceptions are OWASP_EXCEPTIONS (apps/api/src/app/openapi/owasp-exceptions.ts), each one rule for
 * named paths or schema properties, with its reason. A failure prints every error.
 */
import { join } from 'node:path';
import { Document, Ruleset, Spectral, type ISpectralDiagnostic } from '@stoplight/spectral-core';
import { Json as JsonParser } from '@stoplight/spectral-parsers';
import owasp from '@stoplight/spectral-owasp-ruleset';
import { OWASP_EXCEPTIONS } from './support/api';
import { startHarness, type Harness } from './support/harness';

type Doc = { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };

const SEVERITY = ['error', 'warning', 'information', 'hint'];
const RULESET_SOURCE = join(__dirname, 'owasp-ruleset.js');
const DOCUMENT_SOURCE = join(__dirname, 'openapi.json');

/** JSON pointer of a path in the document (`~` and `/` escaped). */
const pointer = (...parts: string[]) => `#/${parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

/** Every place a schema property is used: in its component, and in each operation that refers to the schema. */
function propertyPointers(doc: Doc, schema: string, property: string): string[] {
  const found = [pointer('components', 'schemas', schema, 'properties', property)];
  const walk = (node: unknown, at: string[]) => {
    if (node === null || typeof node !== 'object') return;
    if ((node as { $ref?: unknown }).$ref === `#/components/schemas/${schema}`) found.push(pointer(...at, 'properties', property));
    for (const [key, value] of Object.entries(node)) walk(value, [...at, key]);
  };
  walk(doc.paths, ['paths']);
  return found;
}

/** The OWASP ruleset with OWASP_EXCEPTIONS as overrides. */
function rulesetFor(doc: Doc): Ruleset {
  const file = 'openapi.json';
  const overrides = OWASP_EXCEPTIONS.flatMap(({ rule, scope }) => {
    const places = 'document' in scope ? [file] : 'paths' in scope ? scope.paths.map((p) => `${file}${pointer('paths', p)}`) : scope.schemaProperties.flatMap(([s, p]) => propertyPointers(doc, s, p).map((ptr) => `${file}${ptr}`));
    return places.map((place) => ({ files: [place], rules: { [rule]: 'off' as const } }));
  });
  return new Ruleset({ extends: [owasp as never], overrides } as never, { source: RULESET_SOURCE });
}

const describeResult = (r: ISpectralDiagnostic) => `${SEVERITY[r.severity]} ${r.code} at ${r.path.join('.')}: ${r.message}`;

describe('the published OpenAPI document and the OWASP API Security ruleset', () => {
  let h: Harness;
  let text: string;
  let results: ISpectralDiagnostic[];
  beforeAll(async () => {
    h = await startHarness();
    const res = await h.http.get('/docs/openapi.json');
    expect(res.status).toBe(200);
    text = res.text;
    const spectral = new Spectral();
    spectral.setRuleset(rulesetFor(JSON.parse(text) as Doc));
    results = await spectral.run(new Document(text, JsonParser, DOCUMENT_SOURCE));
  });
  afterAll(() => h.close());

  it('has no errors (each error is listed here when it fails)', () => {
    expect(results.filter((r) => r.severity === 0).map(describeResult)).toEqual([]);
  });

  it('has no warnings but the kinds accepted: every operation declares its 400, 401, 429 and 500 answers', () => {
    // Free text (a name, a view in the child's own words) has no pattern or format to give; and the
    // record of a case, its sensitive details and an audit entry's data are open objects by nature.
    const accepted = ['owasp:api4:2023-string-restricted', 'owasp:api3:2023-no-additionalProperties'];
    expect(results.filter((r) => r.severity === 1 && !accepted.includes(String(r.code))).map(describeResult)).toEqual([]);
  });

  it('makes no exception but OWASP_EXCEPTIONS, each with a reason', () => {
    for (const exception of OWASP_EXCEPTIONS) expect(exception.reason.length).toBeGreaterThan(40);
    const rules = new Set(Object.keys(rulesetFor(JSON.parse(text) as Doc).rules));
    for (const exception of OWASP_EXCEPTIONS) expect(rules).toContain(exception.rule);
  });
});
