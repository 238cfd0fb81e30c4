import type { EntityManager } from 'typeorm';
import { sql } from '../sql';

/** How a person signed in: the embedded demo's "sign in as" page, or the organisation's identity provider. */
export type SignedInWith = 'demo' | 'oidc';

/** A session of the pages as stored (table `web_sessions`): found by the SHA-256 of the id in its cookie. */
export interface WebSessionRow {
  /** SHA-256 (hex) of the session id the browser holds. */
  idHash: string;
  userId: string;
  role: string;
  areaId: string;
  name: string;
  signedInWith: SignedInWith;
  /** The token every form of this session carries (CSRF). */
  csrfToken: string;
  /** The search of "my cases" (a child's name or a case reference), or null. */
  search: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  /** The absolute end of the session, however active it is. */
  expiresAt: Date;
}

const COLUMNS = `id_hash AS "idHash", user_id AS "userId", role, area_id AS "areaId", name, signed_in_with AS "signedInWith",
  csrf_token AS "csrfToken", search, created_at AS "createdAt", last_seen_at AS "lastSeenAt", expires_at AS "expiresAt"`;

/** The sessions of the pages: one row per signed-in browser, deleted at sign-out or expiry. */
export class WebSessionStore {
  constructor(private readonly manager: EntityManager) {}

  async insert(row: WebSessionRow): Promise<void> {
    await sql(
      this.manager,
      `INSERT INTO web_sessions (id_hash, user_id, role, area_id, name, signed_in_with, csrf_token, search, created_at, last_seen_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [row.idHash, row.userId, row.role, row.areaId, row.name, row.signedInWith, row.csrfToken, row.search, row.createdAt, row.lastSeenAt, row.expiresAt],
    );
  }

  async find(idHash: string): Promise<WebSessionRow | null> {
    const { rows } = await sql<WebSessionRow>(this.manager, `SELECT ${COLUMNS} FROM web_sessions WHERE id_hash = $1`, [idHash]);
    return rows[0] ?? null;
  }

  /** Records activity (the idle timeout counts from it). */
  async touch(idHash: string, at: Date): Promise<void> {
    await sql(this.manager, `UPDATE web_sessions SET last_seen_at = $2 WHERE id_hash = $1 AND last_seen_at < $2`, [idHash, at]);
  }

  /** Keeps (or, with null, clears) the search of "my cases" with the session. */
  async setSearch(idHash: string, search: string | null): Promise<void> {
    await sql(this.manager, `UPDATE web_sessions SET search = $2 WHERE id_hash = $1`, [idHash, search]);
  }

  async delete(idHash: string): Promise<void> {
    await sql(this.manager, `DELETE FROM web_sessions WHERE id_hash = $1`, [idHash]);
  }

  /** Deletes the sessions idle since before `idleBefore` or past their end at `now`; returns how many. */
  async deleteExpired(now: Date, idleBefore: Date): Promise<number> {
    const { rowCount } = await sql(this.manager, `DELETE FROM web_sessions WHERE last_seen_at < $1 OR expires_at <= $2`, [idleBefore, now]);
    return rowCount;
  }
}
