/**
 * The errors a person can act on, one code each. The API maps them to HTTP (see
 * apps/api error filter): the code says what kind of problem it is, the message says what is
 * wrong and how to fix it, `details` carries what the caller needs (allowed events, version...).
 */
export enum DomainErrorCode {
  /** No such case, or the caller may not know it exists (need to know). → 404 */
  CASE_NOT_FOUND = 'CASE_NOT_FOUND',
  /**
   * The event is not accepted in the case's current state; details.allowedEvents lists those that
   * are, and (when the machine says) details.acceptedIn / leadingEvents the state that accepts it
   * and the events that lead there. → 409
   */
  EVENT_NOT_ALLOWED = 'EVENT_NOT_ALLOWED',
  /** The caller's expected version is stale; details.currentVersion says the case's version. → 409 */
  VERSION_CONFLICT = 'VERSION_CONFLICT',
  /** A rule of the practice model forbids it now (e.g. consent not recorded); details.reasons. → 422 */
  GUARD_FAILED = 'GUARD_FAILED',
  /** The caller's role may not send this event in this state; details.permittedRoles says who may. → 403 */
  ROLE_NOT_PERMITTED = 'ROLE_NOT_PERMITTED',
  /** The idempotency key was already used for a different command. → 422 */
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  /** The workflow id or version is unknown. → 400 */
  UNKNOWN_WORKFLOW = 'UNKNOWN_WORKFLOW',
  /** The input is malformed (beyond DTO validation). → 400 */
  INVALID_INPUT = 'INVALID_INPUT',
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
