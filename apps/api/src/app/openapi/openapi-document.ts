/**
 * The published OpenAPI document (`/docs`, `/docs/openapi.json`): what Nest's decorators describe,
 * completed with what every operation has in common because global code does it:
 *
 * - the errors it can answer, each `application/problem+json` (the `Problem` schema) with an
 *   example: 400 (the boundary check of every request), 401 and 403 (secured operations: token,
 *   route permission), 413 and 415 (operations with a body), 429 (rate limits), 500; and the 403, 404,
 *   409 and 422 an operation declares itself, which gain the same content;
 * - the RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset headers on every 2xx and 4xx
 *   answer, and Retry-After on 429 (rate-limit/rate-limiter.ts), except where nothing is limited;
 * - the bearer scheme, described per RFC 8725 (JWT best current practices).
 *
 * It passes the OWASP API Security ruleset of Spectral (openapi-owasp.spec.ts).
 */
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type HeaderObject, type OpenAPIObject, type OperationObject, type ReferenceObject, type ResponseObject, type SchemaObject } from '@nestjs/swagger';
import { CASE_EVENT_TYPES } from '@tacu/domain';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem';
import { INPUT_LIMITS } from '../input/input-limits';
import { RATE_LIMIT_HEADERS, UNLIMITED_ROUTES } from '../rate-limit/rate-limiter';

/** The name of the bearer scheme in the document (what `@ApiBearerAuth()` refers to). */
export const BEARER_SCHEME = 'bearer';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const DESCRIPTION = [
  'Early-intervention family support (Meitheal-style): open a case for a child, send it events, follow its deadlines.',
  'Every request carries a bearer token (`npm run tokens` prints demo tokens). Errors are `application/problem+json`',
  '`{type, title, status, detail, code, requestId, ...}`: 400 VALIDATION_FAILED lists the first 20 invalid fields in `errors`',
  '(`errorCount` counts them all); 401; 403; 404 CASE_NOT_FOUND (also for a case you may not see); 409 EVENT_NOT_ALLOWED with',
  '`allowedEvents`, or VERSION_CONFLICT with `currentVersion`; 413; 422 GUARD_FAILED with `reasons`, or IDEMPOTENCY_KEY_REUSED;',
  '429 with Retry-After. Every text is well-formed Unicode with no control characters but newline and tab, at most',
  `${INPUT_LIMITS.textLength} characters (each field has its own limit, as documented); a body is at most ${INPUT_LIMITS.bodyBytes} bytes,`,
  `${INPUT_LIMITS.depth} levels deep, with at most ${INPUT_LIMITS.keysPerObject} fields per object, ${INPUT_LIMITS.keys} fields in all,`,
  `${INPUT_LIMITS.listItems} items per list and ${INPUT_LIMITS.values} values. Date-times carry a zone (Z or an offset).`,
].join(' ');

const BEARER_DESCRIPTION = [
  'A JWT (RFC 7519) signed as a JWS, naming the user (`sub`), their `role`, network `area` and display `name`, for issuer',
  'TOKEN_ISSUER and audience TOKEN_AUDIENCE. Tokens are handled following RFC8725 (JSON Web Token Best Current Practices):',
  'the algorithm is never taken from the token alone (HS256 only with TOKEN_SECRET; with JWKS_URL the keys of the identity',
  'provider, never "none"), the signature, `iss`, `aud` and `exp` (when present) are verified, and every claim is checked before use.',
].join(' ');

/** Nest's document settings: title, description, version, the bearer scheme. */
export function openApiSettings(): Omit<OpenAPIObject, 'paths'> {
  return new DocumentBuilder()
    .setTitle('Tacú API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: BEARER_DESCRIPTION }, BEARER_SCHEME)
    .build();
}

// ---- shared parts --------------------------------------------------------------------------

const ref = (kind: 'schemas' | 'headers' | 'responses', name: string): ReferenceObject => ({ $ref: `#/components/${kind}/${name}` });

const COUNT: SchemaObject = { type: 'integer', format: 'int32', minimum: 0, maximum: 1_000_000_000 };

const HEADERS: Record<string, HeaderObject> = {
  [RATE_LIMIT_HEADERS.limit]: { description: 'Requests allowed in the current window by the limit nearest to running out (per user or per client address).', schema: COUNT },
  [RATE_LIMIT_HEADERS.remaining]: { description: 'Requests left in the current window under that limit.', schema: COUNT },
  [RATE_LIMIT_HEADERS.reset]: { description: 'Seconds until the current window ends.', schema: { ...COUNT, maximum: 86_400 } },
  [RATE_LIMIT_HEADERS.retryAfter]: { description: 'Seconds to wait before trying again.', schema: { ...COUNT, minimum: 1, maximum: 86_400 } },
};

const FIELD_PROBLEM: SchemaObject = {
  type: 'object',
  description: 'One invalid field and every reason it is invalid.',
  required: ['field', 'problems'],
  properties: {
    field: { type: 'string', maxLength: 1_100, description: 'Dotted path of the field (`actions.0.owner.agency`); `""` is the body itself, `query` the query string.', example: 'child.dateOfBirth' },
    problems: {
      type: 'array',
      maxItems: 10,
      description: 'What is wrong, in words that say how to fix it.',
      items: { type: 'string', maxLength: 2_000, example: 'child.dateOfBirth is 2026-03-03, after today (2026-03-02 in Europe/Dublin): a date of birth cannot be in the future' },
    },
  },
};

const PROBLEM: SchemaObject = {
  type: 'object',
  description: 'RFC 9457 problem details: what went wrong and how to fix it. Extensions depend on `code`.',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', format: 'uri', maxLength: 200, description: 'Names the kind of problem.', example: 'urn:tacu:problem:validation-failed' },
    title: { type: 'string', maxLength: 200, description: 'The kind of problem, in words.', example: 'Invalid request' },
    status: { type: 'integer', format: 'int32', minimum: 400, maximum: 599, description: 'The HTTP status.', example: 400 },
    detail: { type: 'string', maxLength: 4_000, description: 'What is wrong and how to fix it.' },
    code: { type: 'string', maxLength: 50, pattern: '^[A-Z_]+$', description: 'Machine-readable code.', example: 'VALIDATION_FAILED' },
    requestId: { type: 'string', maxLength: 64, description: 'The request id (also in x-request-id and the logs).', example: '6f1f0b0e-8d2c-4a5e-9b1f-2c3d4e5f6a7b' },
    errors: { type: 'array', maxItems: INPUT_LIMITS.reportedProblems, items: ref('schemas', 'FieldProblem'), description: `400 VALIDATION_FAILED: the first ${INPUT_LIMITS.reportedProblems} invalid fields.` },
    errorCount: { type: 'integer', format: 'int32', minimum: INPUT_LIMITS.reportedProblems + 1, maximum: 1_000_000, description: 'How many invalid fields there were, when more than are listed.' },
    allowedEvents: { type: 'array', maxItems: CASE_EVENT_TYPES.length, items: { type: 'string', enum: [...CASE_EVENT_TYPES] }, description: '403/409: the events you may send now.' },
    currentVersion: { type: 'integer', format: 'int32', minimum: 1, maximum: 2_147_483_647, description: '409 VERSION_CONFLICT: the case version now.' },
    expectedVersion: { type: 'integer', format: 'int32', minimum: 0, maximum: 999_999_999, description: '409 VERSION_CONFLICT: the version you sent (If-Match).' },
    reasons: { type: 'array', maxItems: 20, items: { type: 'string', maxLength: 2_000 }, description: '422 GUARD_FAILED: each rule of the practice model that is not met.' },
  },
};

/** Realistic examples of each status (demo ids: area dublin-south-central, user u-lp-0001). */
const EXAMPLES: Record<number, { description: string; example: Record<string, unknown> }> = {
  400: {
    description: 'Invalid input: a field, the query, a path parameter, a header or the JSON itself (VALIDATION_FAILED lists the fields; BAD_REQUEST for bytes that are not UTF-8 or JSON).',
    example: {
      type: 'urn:tacu:problem:validation-failed',
      title: 'Invalid request',
      status: 400,
      detail: 'The request has invalid fields; see errors for each field and why.',
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'reasonForRequest', problems: ['reasonForRequest contains the control character U+0000 at character 5; text may hold newlines and tabs but no other control characters'] }],
      requestId: '6f1f0b0e-8d2c-4a5e-9b1f-2c3d4e5f6a7b',
    },
  },
  401: {
    description: 'No valid bearer token (WWW-Authenticate: Bearer).',
    example: { type: 'urn:tacu:problem:unauthenticated', title: 'Authentication required', status: 401, detail: 'The bearer token has expired; ask for a new one.', code: 'UNAUTHENTICATED', requestId: '6f1f0b0e-8d2c-4a5e-9b1f-2c3d4e5f6a7b' },
  },
  403: {
    description: 'Your role may not do this (FORBIDDEN), or not now (ROLE_NOT_PERMITTED, with allowedEvents).',
    example: {
      type: 'urn:tacu:problem:forbidden',
      title: 'Forbidden',
      status: 403,
      detail: 'Your role (manager) may not use this: it needs the "cases:read" permission.',
      code: 'FORBIDDEN',
      requestId: '6f1f0b0e-8d2c-4a5e-9b1f-2c3d4e5f6a7b',
    },
  },
  404: {
    description: 'No such case, or none you may see (CASE_NOT_FOUND).',
    example: { type: 'urn:tacu:problem:case-not-found', title: 'Case not found', status: 404, detail: 'There is no case with this id that you can see.', code: 'CASE_NOT_FOUND', requestId: '6f1f0b0e-8d2c-4a5e-9b1f-2c3d4e5f6a7b' },
  },
  409: {
    description: 'Not now: the event is not accepted in this state (EVENT_NOT_ALLOWED, with allowedEvents), or the case changed (VERSION_CONFLICT, with currentVersion).',
    example: {
      type: 'urn:tacu:problem:event-not-allowed',
      title: 'Event not allowed now',
      status: 409,
      detail: 'CLOSE_CASE is not accepted while the case is request.draft.',
      code: 'EVENT_NOT_ALLOWED',
      allowedEvents: ['RECORD_REQUEST_DETAILS', 'REQUEST_CONSENT', 'RAISE_CONCERN', 'WITHDRAW_CONSENT'],
      requestId: '6f1f0b0e-8d2c-4a5e-9b1f-2c3d4e5f6a7b',
    },
  },
  413: {
    description: `The body is over ${INPUT_LIMITS.bodyBytes} bytes.`,
    example: { type: 'urn:tacu:problem:payload-too-large', title: 'Request body too large', status: 413, detail: 'Request body is too large', code: 'PAYLOAD_TOO_LARGE', requestId: '6f1f0b0e-8d2c-4a5e-9b1f-2c3d4e5f6a7b' },
  },
  415: {
    description: 'The body is not JSON (send "Content-Type: application/json"), or is compressed (send it as is).',
    example: { type: 'urn:tacu:problem:unsupported-media-type', title: 'Unsupported media type', status: 415, detail: 'The body is application/x-www-form-urlencoded: send JSON, with "Content-Type: application/json".', code: 'UNSUPPORTED_MEDIA_TYPE', requestId: '6f1f0b0e-8d2c-4a5e-9b1f-2c3d4e5f6a7b' },
  },
  422: {
    description: 'A rule of the practice model is not met (GUARD_FAILED, with reasons), or the Idempotency-Key was used for another request (IDEMPOTENCY_KEY_REUSED).',
    example: {
      type: 'urn:tacu:problem:guard-failed',
      title: 'A rule of the practice model is not met',
      status: 422,
      detail: 'Consent of a parent/carer with parental responsibility is not recorded: record written consent (RECORD_CONSENT) before submitting.',
      code: 'GUARD_FAILED',
      reasons: ['Consent of a parent/carer with parental responsibility is not recorded: record written consent (RECORD_CONSENT) before submitting.'],
      requestId: '6f1f0b0e-8d2c-4a5e-9b1f-2c3d4e5f6a7b',
    },
  },
  429: {
    description: 'Too many requests from this user or this client address, or too many failed authentications from it; Retry-After says when to try again.',
    example: {
      type: 'urn:tacu:problem:too-many-requests',
      title: 'Too many requests',
      status: 429,
      detail: 'Too many requests from you (at most 600 in 60 seconds); try again in 42 seconds (Retry-After).',
      code: 'TOO_MANY_REQUESTS',
      requestId: '6f1f0b0e-8d2c-4a5e-9b1f-2c3d4e5f6a7b',
    },
  },
  500: {
    description: 'Something went wrong on our side (logged with the request id); nothing was half-written.',
    example: {
      type: 'urn:tacu:problem:internal',
      title: 'Internal error',
      status: 500,
      detail: 'Something went wrong on our side. It has been logged; try again, and tell the service desk the request id if it persists.',
      code: 'INTERNAL',
      requestId: '6f1f0b0e-8d2c-4a5e-9b1f-2c3d4e5f6a7b',
    },
  },
  503: {
    description: 'The database does not answer.',
    example: { type: 'urn:tacu:problem:service-unavailable', title: 'Service unavailable', status: 503, detail: 'The database does not answer.', code: 'SERVICE_UNAVAILABLE', requestId: '6f1f0b0e-8d2c-4a5e-9b1f-2c3d4e5f6a7b' },
  },
};

// ---- completing the document -----------------------------------------------------------------

function isReference(value: unknown): value is ReferenceObject {
  return typeof value === 'object' && value !== null && '$ref' in value;
}

/** The responses every operation can give, by what it is: secured, with a body, limited. */
function commonErrors(operation: OperationObject, secured: boolean, limited: boolean): number[] {
  return [400, ...(secured ? [401, 403] : []), ...(operation.requestBody ? [413, 415] : []), ...(limited ? [429] : []), 500];
}

/** `application/problem+json` content for an error response (kept when the operation gave its own). */
function asProblem(response: ResponseObject, status: number): void {
  const example = EXAMPLES[status]?.example ?? EXAMPLES[500]?.example;
  response.content = { [PROBLEM_CONTENT_TYPE.split(';')[0] as string]: { schema: ref('schemas', 'Problem'), example: { ...example, status } } };
}

/**
 * Adds the Problem schemas, the rate-limit headers and the common error responses to every
 * operation of a document Nest built. Pure apart from changing `document`; returns it.
 */
export function completeOpenApiDocument(document: OpenAPIObject): OpenAPIObject {
  const components = (document.components ??= {});
  components.schemas = { ...components.schemas, Problem: PROBLEM, FieldProblem: FIELD_PROBLEM };
  components.headers = { ...components.headers, ...HEADERS };
  for (const [path, item] of Object.entries(document.paths)) {
    const limited = !UNLIMITED_ROUTES.includes(path);
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const secured = (operation.security ?? document.security ?? []).length > 0;
      const responses = operation.responses;
      for (const status of commonErrors(operation, secured, limited)) {
        responses[String(status)] ??= { description: EXAMPLES[status]?.description ?? 'An error.' };
      }
      for (const [code, response] of Object.entries(responses)) {
        if (response === undefined || isReference(response)) continue;
        const status = Number(code);
        if (status >= 400 && !response.content) asProblem(response, status);
        if (limited && (code.startsWith('2') || code.startsWith('4'))) {
          response.headers = {
            ...response.headers,
            [RATE_LIMIT_HEADERS.limit]: ref('headers', RATE_LIMIT_HEADERS.limit),
            [RATE_LIMIT_HEADERS.remaining]: ref('headers', RATE_LIMIT_HEADERS.remaining),
            [RATE_LIMIT_HEADERS.reset]: ref('headers', RATE_LIMIT_HEADERS.reset),
            ...(status === 429 ? { [RATE_LIMIT_HEADERS.retryAfter]: ref('headers', RATE_LIMIT_HEADERS.retryAfter) } : {}),
          };
        }
      }
    }
  }
  return document;
}

/** The document of an initialised app, as served at /docs/openapi.json. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  return completeOpenApiDocument(SwaggerModule.createDocument(app, openApiSettings()));
}

/** Serves the document and its UI at /docs (document: /docs/openapi.json); returns the document. */
export function setUpOpenApi(app: INestApplication): OpenAPIObject {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return document;
}
