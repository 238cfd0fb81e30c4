import { fail, isBlank, OK, type RuleResult } from './rule-result';

/** The request says why support is asked for before the family is asked to consent. */
export function requestDetailsRecorded(reasonForRequest: string | null | undefined): RuleResult {
  if (isBlank(reasonForRequest)) {
    return fail('The request does not say why support is needed: record the reason for the request (RECORD_REQUEST_DETAILS) before asking for consent.');
  }
  return OK;
}
