import type { EntityManager } from 'typeorm';
import { sql } from '../sql';

/** How a practitioner takes part in a case (migrations 1795392400000-participants, 1795393000000-liaison-participants). */
export type ParticipantKind = 'opener' | 'lead' | 'invitee' | 'actionOwner' | 'liaison';

/** The kinds a case's record decides (the opener is written once, when the case is opened). */
export const RECORD_PARTICIPANT_KINDS: readonly ParticipantKind[] = ['lead', 'invitee', 'actionOwner', 'liaison'];

export interface Participant {
  userId: string;
  kind: ParticipantKind;
}

/**
 * The `case_participants` rows: who a case names, kept in the transaction of the event that
 * names them, so that need to know is a lookup (and every role's list an index scan), never a
 * search through snapshots. Takes the transaction's manager.
 */
export class ParticipantStore {
  constructor(private readonly manager: EntityManager) {}

  /** Records who opened (requested) the case. */
  async addOpener(caseId: string, userId: string, at: Date): Promise<void> {
    await sql(
      this.manager,
      `INSERT INTO case_participants (case_id, user_id, kind, since) SELECT $1, u.id, 'opener', $3 FROM users u WHERE u.id = $2
       ON CONFLICT DO NOTHING`,
      [caseId, userId, at],
    );
  }

  /**
   * Makes the case's lead, invitee, action-owner and liaison rows exactly `participants` (opener rows are
   * kept). Ids that name no user (a family member, a name only) are not participants: only users
   * sign in.
   */
  async replace(caseId: string, participants: readonly Participant[], at: Date): Promise<void> {
    const users = participants.map((p) => p.userId);
    const kinds = participants.map((p) => p.kind);
    await sql(
      this.manager,
      `DELETE FROM case_participants p WHERE p.case_id = $1 AND p.kind = ANY($2::text[])
         AND NOT EXISTS (SELECT 1 FROM unnest($3::text[], $4::text[]) AS x(user_id, kind) WHERE x.user_id = p.user_id AND x.kind = p.kind)`,
      [caseId, RECORD_PARTICIPANT_KINDS, users, kinds],
    );
    if (participants.length === 0) return;
    await sql(
      this.manager,
      `INSERT INTO case_participants (case_id, user_id, kind, since)
       SELECT $1, u.id, x.kind, $4 FROM unnest($2::text[], $3::text[]) AS x(user_id, kind) JOIN users u ON u.id = x.user_id
       ON CONFLICT DO NOTHING`,
      [caseId, users, kinds, at],
    );
  }

  /** Every participant row of a case (tests, the audit of who could see it). */
  async list(caseId: string): Promise<Participant[]> {
    const { rows } = await sql<Participant>(
      this.manager,
      `SELECT user_id AS "userId", kind FROM case_participants WHERE case_id = $1 ORDER BY kind, user_id`,
      [caseId],
    );
    return rows;
  }
}
