/**
 * Where the published OpenAPI document does not follow a rule of Spectral's OWASP API Security
 * ruleset (@stoplight/spectral-owasp-ruleset), and why. Each exception is as narrow as it can be
 * (one rule, for the paths or schema properties named) and gives its reason; openapi-owasp.e2e.spec
 * turns them into ruleset overrides.
 */

export type ExceptionScope =
  /** The whole document: a policy of the API, not of an operation. */
  | { document: true }
  /** These paths of the document (`/health/live`). */
  | { paths: string[] }
  /** These properties of these schemas, wherever the schema is used. */
  | { schemaProperties: Array<[schema: string, property: string]> };

export interface OwaspException {
  rule: string;
  scope: ExceptionScope;
  reason: string;
}

export const OWASP_EXCEPTIONS: readonly OwaspException[] = [
  {
    rule: 'owasp:api8:2023-define-cors-origin',
    scope: { document: true },
    reason:
      'The API sends no CORS headers, on purpose: its pages are served from its own origin, and without Access-Control-Allow-Origin a browser keeps every other site from reading an answer. Declaring the header would document one that is never sent ("null" would even admit sandboxed documents).',
  },
  {
    rule: 'owasp:api4:2023-rate-limit',
    scope: { paths: ['/health/live'] },
    reason: 'Liveness is never rate limited, so it sends no RateLimit headers: it costs nothing to answer (no I/O) and an orchestrator must always reach it, even while a client address is being limited.',
  },
  {
    rule: 'owasp:api4:2023-rate-limit-responses-429',
    scope: { paths: ['/health/live'] },
    reason: 'Liveness is never rate limited (see owasp:api4:2023-rate-limit), so it never answers 429.',
  },
  {
    rule: 'owasp:api8:2023-define-error-responses-401',
    scope: { paths: ['/health', '/health/live'] },
    reason: 'Health checks are public (orchestrators call them without a token) and never answer 401; they say nothing about any case.',
  },
  {
    rule: 'owasp:api2:2023-read-restricted',
    scope: { paths: ['/health', '/health/live'] },
    reason: 'Health checks are public on purpose (orchestrators call them without a token); they answer only "ok" or the database status.',
  },
  {
    rule: 'owasp:api4:2023-array-limit',
    scope: {
      schemaProperties: [
        ['CaseResponse', 'familyMembers'],
        ['CaseResponse', 'siblingCases'],
        ['CaseResponse', 'deadlines'],
        ['CaseHistoryResponse', 'events'],
      ],
    },
    reason:
      'Lists in answers whose length is the case\'s own data (its family, its sibling cases, its running deadlines, its audit trail), not anything a request sends: no maxItems can be promised that the data would keep. Every list in a request has its maxItems.',
  },
];
