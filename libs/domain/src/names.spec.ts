import { nameCharacterProblem, nameKey, normaliseName, sameName } from './names';

describe('names of people', () => {
  it('are stored NFC, trimmed, with one space between words', () => {
    expect(normaliseName('  Sea\u0301n   Murphy ')).toBe('Seán Murphy');
    expect(normaliseName('Sea\u0301n')).toBe('Se\u00e1n');
  });

  it('are the same name whatever the case, the spacing, the Unicode form or the fadas', () => {
    expect(sameName('Máire Ó Briain', 'maire o briain')).toBe(true);
    expect(sameName('Máire Ó Briain', ' MA\u0301IRE  O\u0301 BRIAIN')).toBe(true);
    expect(nameKey('Éabha Ní Bhriain')).toBe('eabha ni bhriain');
    expect(sameName('Máire Ó Briain', 'Máire Ní Bhriain')).toBe(false);
    expect(sameName('Siobhán', 'Siobhán Murphy')).toBe(false);
  });

  it('refuse bidirectional controls and invisible characters, and allow the joiners scripts need', () => {
    expect(nameCharacterProblem('Seán Murphy')).toBeNull();
    expect(nameCharacterProblem('Seán \u202Eyhprum')).toMatch(/^must not hold bidirectional control characters/);
    expect(nameCharacterProblem('Se\u2067án')).toMatch(/bidirectional/);
    expect(nameCharacterProblem('Se\u200Bán')).toMatch(/^must not hold invisible characters/);
    expect(nameCharacterProblem('Se\uFEFFán')).toMatch(/invisible/);
    expect(nameCharacterProblem('Seán\nMurphy')).toBe('must be one line of text without control characters');
    // Persian "Mehrdad" with a zero-width non-joiner; Malayalam with a zero-width joiner.
    expect(nameCharacterProblem('مهر\u200Cداد')).toBeNull();
    expect(nameCharacterProblem('ന്\u200D')).toBeNull();
  });
});
