import { ValidationFailed } from '../errors/validation-failed';
import { PageCursors } from './page-cursors';

const SECRET = 'cursor-secret-0123456789-abcdefghijklmnop';
const ID = '3f1c2a4e-8b7d-4c1a-9e2f-5d6b7a8c9e0f';
const KEY = '2026-03-02T09:00:00.000000Z';

function refused(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationFailed) return error.errors.map((e) => `${e.field}: ${e.problems.join()}`);
    throw error;
  }
  throw new Error('expected the cursor to be refused');
}

describe('list cursors are verified before use', () => {
  const cursors = new PageCursors(SECRET);

  it('gives back the position a cursor of this server names', () => {
    expect(cursors.decode(cursors.encode('openedAt', KEY, ID), 'openedAt')).toEqual({ key: KEY, id: ID });
    expect(cursors.decode(cursors.encode('dueAt', KEY, ID), 'dueAt')).toEqual({ key: KEY, id: ID });
  });

  it('refuses a crafted cursor: unsigned, signed by another secret, tampered, for another sort order', () => {
    const problem = ['cursor: cursor is not one this API gave out for this sort order; start again without it'];
    const good = cursors.encode('openedAt', KEY, ID);
    const [payload, signature] = good.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify(['openedAt', '1', ID])).toString('base64url');
    const crafted = [
      forged, // the unsigned form cursors had before: its sort key "1" made PostgreSQL fail
      `${forged}.${signature}`,
      new PageCursors('another-secret-0123456789-abcdefghijk').encode('openedAt', KEY, ID),
      `${payload}.${signature.slice(0, -2)}AA`,
      `${payload}.`,
      `${payload}.${signature}.x`,
      '',
      '.',
      '\u0000',
      'x'.repeat(500),
    ];
    for (const cursor of crafted) expect(refused(() => cursors.decode(cursor, 'openedAt'))).toEqual(problem);
    expect(refused(() => cursors.decode(good, 'dueAt'))).toEqual(problem);
  });

  it('checks the shape of a signed cursor too (a leaked secret still cannot reach SQL with a bad key)', () => {
    for (const key of ['1', '2026-02-30T09:00:00.000000Z', '+275760-09-13T00:00:00.000000Z', '2026-03-02T09:00:00Z', '2026-03-02 09:00:00']) {
      expect(refused(() => cursors.decode(cursors.encode('openedAt', key, ID), 'openedAt'))).toHaveLength(1);
    }
    expect(refused(() => cursors.decode(cursors.encode('openedAt', KEY, 'not-a-uuid'), 'openedAt'))).toHaveLength(1);
  });
});
