/** RFC 9457 problem details: what the API answers for every error. */
export interface Problem {
  /** A URI naming the kind of problem (stable; documented in /docs). */
  type: string;
  title: string;
  status: number;
  /** What is wrong and how to fix it. */
  detail: string;
  /** The machine-readable code (DomainErrorCode or an HTTP-level code). */
  code: string;
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export function problemType(code: string): string {
  return `urn:tacu:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}
