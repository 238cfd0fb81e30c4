/**
 * Names of people as the record keeps and compares them (domain.md "People and roles": a consent,
 * a signature, a pre-request checklist name a real person of the family).
 *
 * - Stored NFC-normalised (Unicode Standard Annex #15): "Seán" typed with a combining acute
 *   (`Sea\u0301n`) and with a precomposed á is one name, found by one search.
 * - Refused when they hold bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F,
 *   U+061C: Unicode Technical Standard #39 and CVE-2021-42574 "Trojan Source" show how they make
 *   a text read as another) or invisible characters (zero-width space U+200B, word joiner U+2060,
 *   BOM U+FEFF, soft hyphen U+00AD), which make two names look the same and compare different.
 *   The zero-width joiner and non-joiner (U+200D, U+200C) stay allowed: scripts such as Persian
 *   and the Indic scripts need them in ordinary names.
 * - Compared as the same person's name (`sameName`) without regard to case, spacing or accents
 *   (fadas): a practitioner typing "Maire O Briain" on a keyboard without fadas means Máire Ó
 *   Briain. Where an id says who the person is, the name is only a cross-check against a wrong id,
 *   and the record keeps the family record's own spelling, fadas and all.
 */

const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;
const INVISIBLE = /[\u200B\u2060\uFEFF\u00AD\u180E]/u;
/** Other control characters (C0, DEL, C1): a name is one line of text. */
const CONTROL = /\p{Cc}/u;

/** The name as stored: NFC, surrounding spaces trimmed and runs of spaces made one. */
export function normaliseName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/gu, ' ');
}

/** Free text as stored: NFC (so that search and comparison see one spelling of each letter). */
export function normaliseText(text: string): string {
  return text.normalize('NFC');
}

/** Why `name` cannot be a person's name (bidi controls, invisible or control characters), or null. */
export function nameCharacterProblem(name: string): string | null {
  if (BIDI_CONTROLS.test(name)) {
    return 'must not hold bidirectional control characters (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), which make a name display as another: type the name as plain text';
  }
  if (INVISIBLE.test(name)) {
    return 'must not hold invisible characters (zero-width space U+200B, word joiner U+2060, U+FEFF, soft hyphen U+00AD): type the name as plain text';
  }
  if (CONTROL.test(name)) return 'must be one line of text without control characters';
  return null;
}

/** The form two names are compared in: NFC, accents removed, case folded, spacing collapsed. */
export function nameKey(name: string): string {
  return normaliseName(name)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .normalize('NFC');
}

/** Whether two names are the same person's name (see the module comment). */
export function sameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}
