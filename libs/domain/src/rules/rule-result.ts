/**
 * What a rule of the practice model answers: it holds, or it does not and the reason says, in a
 * sentence a practitioner can act on, what is missing and how to put it right.
 */
export type RuleResult = { ok: true } | { ok: false; reason: string };

export const OK: RuleResult = { ok: true };

export function fail(reason: string): RuleResult {
  return { ok: false, reason };
}

/**
 * OK when every rule holds; otherwise every failing rule's reason, in order, in one reason: a
 * practitioner sees all that is missing at once instead of fixing one thing to meet the next.
 */
export function allOf(...results: RuleResult[]): RuleResult {
  const reasons = results.flatMap((r) => (r.ok ? [] : [r.reason]));
  return reasons.length === 0 ? OK : fail(reasons.join(' '));
}

function isBlank(text: string | undefined | null): boolean {
  return text === undefined || text === null || text.trim() === '';
}

export { isBlank };
