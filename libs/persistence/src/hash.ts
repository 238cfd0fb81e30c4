import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level, so that a value read back from jsonb (which
 * reorders keys) serialises to the same text as the value that was written.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(JSON.parse(JSON.stringify(value ?? null))));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The fields of an audit event that its hash covers (everything but the row id). */
export interface AuditHashInput {
  caseId: string;
  seq: number;
  at: Date | string;
  actorId: string;
  actorRole: string;
  eventType: string;
  fromState: string | null;
  toState: string;
  data: unknown;
  prevHash: string | null;
}

/** sha256 over the canonical JSON of the event and the previous event's hash: the chain link. */
export function auditHash(input: AuditHashInput): string {
  const at = input.at instanceof Date ? input.at.toISOString() : new Date(input.at).toISOString();
  return sha256(
    canonicalJson({
      caseId: input.caseId,
      seq: input.seq,
      at,
      actorId: input.actorId,
      actorRole: input.actorRole,
      eventType: input.eventType,
      fromState: input.fromState,
      toState: input.toState,
      data: input.data ?? {},
      prevHash: input.prevHash,
    }),
  );
}

export interface ChainVerification {
  valid: boolean;
  /** Number of events checked. */
  length: number;
  /** The first seq whose link or hash does not hold. */
  brokenAt?: number;
  reason?: string;
}

/** Recomputes every link of a case's audit trail (events in seq order). */
export function verifyAuditChain(events: ReadonlyArray<AuditHashInput & { hash: string }>, expectedHead?: string): ChainVerification {
  let prev: string | null = null;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.seq !== i + 1) return { valid: false, length: events.length, brokenAt: e.seq, reason: `expected seq ${i + 1}` };
    if (e.prevHash !== prev) return { valid: false, length: events.length, brokenAt: e.seq, reason: 'prev_hash does not match the previous hash' };
    if (auditHash(e) !== e.hash) return { valid: false, length: events.length, brokenAt: e.seq, reason: 'hash does not match the event' };
    prev = e.hash;
  }
  if (expectedHead !== undefined && prev !== expectedHead) {
    return { valid: false, length: events.length, brokenAt: events.length, reason: 'last hash differs from cases.last_audit_hash' };
  }
  return { valid: true, length: events.length };
}
