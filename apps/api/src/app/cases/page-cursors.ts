/**
 * The opaque `cursor` of `GET /cases` pages: base64url of `[sort, sort key, case id]`, a dot, and
 * the first 16 bytes of its HMAC-SHA256 under the server's cursor secret (AppConfig.cursorSecret).
 * A cursor is verified before any of it is used: its signature first (only cursors this server
 * gave out pass), then its shape (the sort order asked for, the sort key exactly as the list
 * query writes it, a uuid). Anything else answers 400 on `cursor`, never reaches SQL.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isUuid } from '@tacu/persistence';
import { ValidationFailed } from '../errors/validation-failed';
import type { CaseSort } from './case-queries';
import { isDay } from './events/validation';

/** The sort key as the list query writes it: `to_char(… 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`. */
const SORT_KEY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{6}Z$/;
const SIGNATURE_BYTES = 16;

/** The sort orders of other lists than the cases' (their keys are instants too). */
export type ListSort = 'checklists:madeAt';

export interface CursorPosition {
  /** The sort key of the last case of the page (an instant, as written by the query). */
  key: string;
  /** Its id. */
  id: string;
}

export class PageCursors {
  constructor(private readonly secret: string) {}

  private sign(payload: string): Buffer {
    return createHmac('sha256', this.secret).update(payload).digest().subarray(0, SIGNATURE_BYTES);
  }

  /**
   * The cursor of the page after the row at `key`/`id`, for this sort order (a list of cases
   * sorts by `openedAt` or `dueAt`; a list of pre-request checklists by `checklists:madeAt`, so one
   * list's cursor never passes for another's).
   */
  encode(sort: CaseSort | ListSort, key: string, id: string): string {
    const payload = Buffer.from(JSON.stringify([sort, key, id]), 'utf8').toString('base64url');
    return `${payload}.${this.sign(payload).toString('base64url')}`;
  }

  /** The position a cursor of this server names, or ValidationFailed (400) on `cursor`. */
  decode(cursor: string, sort: CaseSort | ListSort): CursorPosition {
    const invalid = () => new ValidationFailed([{ field: 'cursor', problems: ['cursor is not one this API gave out for this sort order; start again without it'] }]);
    const [payload, signature, ...rest] = cursor.split('.');
    if (payload === undefined || signature === undefined || rest.length > 0) throw invalid();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== SIGNATURE_BYTES || !timingSafeEqual(given, this.sign(payload))) throw invalid();
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw invalid();
    }
    // Signed by this server, so well-formed unless the secret leaked: checked all the same.
    if (!Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== sort) throw invalid();
    const [, key, id] = parsed as unknown[];
    if (typeof key !== 'string' || !SORT_KEY.test(key) || !isDay(key.slice(0, 10)) || !isUuid(id)) throw invalid();
    return { key, id };
  }
}
