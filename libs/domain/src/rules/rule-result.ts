/**
 * What a rule of the practice model answers: it holds, or it does not and the reason says, in a
 * sentence a practitioner can act on, what is missing and how to put it right.
 */
export type RuleResult = { ok: true } | { ok: false; reason: string };

export const OK: RuleResult = { ok: true };

export function fail(reason: string): RuleResult {
  return { ok: false, reason };
}

/** The first failing result, or OK when every rule holds. */
export function allOf(...results: RuleResult[]): RuleResult {
  return results.find((r) => !r.ok) ?? OK;
}

function isBlank(text: string | undefined | null): boolean {
  return text === undefined || text === null || text.trim() === '';
}

export { isBlank };
