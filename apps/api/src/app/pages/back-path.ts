/** Where a form of the pages may send a browser back to: only a page of ours. */

/** A page of ours to come back to: a path under /app, with a query of plain characters only (never another site). */
const BACK_PATH = /^\/app(\/[A-Za-z0-9/_-]*)?(\?[A-Za-z0-9=&_%.~-]*)?$/;

/** Where the language switch returns: the page it was on, if that is a page of ours. */
export function backPathOf(value: unknown): string {
  return typeof value === 'string' && BACK_PATH.test(value) && !value.startsWith('//') ? value : '/app/cases';
}
