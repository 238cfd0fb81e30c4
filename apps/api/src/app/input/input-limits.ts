/**
 * The limits every request's input is held to before any DTO sees it (README "Limits on input").
 * Figures are set well above the largest valid request (a plan of 100 actions has about 1,100 fields
 * and is 4 levels deep) and low enough that refusing the worst body under them costs milliseconds.
 */
export const INPUT_LIMITS = {
  /** Bytes of a request body (Fastify `bodyLimit`): more answers 413 before the body is read. */
  bodyBytes: 1024 * 1024,
  /** Levels of nested objects and lists: `{"a":{"b":[1]}}` is 3 deep. */
  depth: 10,
  /** Fields of one object (a query string counts as one object). */
  keysPerObject: 64,
  /** Fields of all objects of one body together. */
  keys: 5_000,
  /** Items of one list. */
  listItems: 1_000,
  /** Values of one body together (objects, lists, texts, numbers, booleans, nulls). */
  values: 20_000,
  /** Characters (UTF-16 code units) of any one text: the longest field (meeting minutes, LIMITS.minutes); each field has its own limit too. */
  textLength: 50_000,
  /** Characters of a field name (LIMITS.id). */
  keyLength: 100,
  /** Problems listed in one 400 answer; `errorCount` says how many there were. */
  reportedProblems: 20,
} as const;
