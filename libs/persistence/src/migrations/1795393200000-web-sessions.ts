import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sessions of people signed in to the pages (issue 15). The browser holds only a random
 * session id in a signed, HTTP-only cookie; the row is found by the SHA-256 of that id, so a copy
 * of this table gives nobody a usable session. Signing out deletes the row, and a session idle
 * for longer than the configured time, or older than its absolute lifetime, is refused and
 * deleted: a copied cookie stops working at once, which a cookie holding the session itself
 * could not promise. `search` is the practitioner's search of their cases (a child's name), kept
 * here so it never appears in a URL.
 */
export class WebSessions1795393200000 implements MigrationInterface {
  name = 'WebSessions1795393200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE web_sessions (
        id_hash text PRIMARY KEY CHECK (id_hash ~ '^[0-9a-f]{64}$'),
        user_id text NOT NULL REFERENCES users(id),
        role text NOT NULL,
        area_id text NOT NULL,
        name text NOT NULL,
        signed_in_with text NOT NULL CHECK (signed_in_with IN ('demo', 'oidc')),
        csrf_token text NOT NULL,
        search text NULL,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX web_sessions_user_idx ON web_sessions (user_id)`);
    await q.query(`CREATE INDEX web_sessions_last_seen_idx ON web_sessions (last_seen_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE web_sessions`);
  }
}
