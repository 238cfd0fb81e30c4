import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { sql } from '../sql';

export interface NewTimer {
  caseId: string;
  sendId: string;
  eventType: string;
  delayName: string | null;
  stateId: string | null;
  dueAt: Date;
}

export interface TimerRow extends NewTimer {
  id: string;
  active: boolean;
  firedAt: Date | null;
  createdAt: Date;
  cancelledAt: Date | null;
}

const COLUMNS = `id, case_id AS "caseId", send_id AS "sendId", event_type AS "eventType", delay_name AS "delayName",
  state_id AS "stateId", due_at AS "dueAt", active, fired_at AS "firedAt", created_at AS "createdAt",
  cancelled_at AS "cancelledAt"`;

/** Durable timers: one row per pending `after` delay of a case. */
export class TimerStore {
  constructor(private readonly manager: EntityManager) {}

  async schedule(timers: readonly NewTimer[], at: Date): Promise<void> {
    if (timers.length === 0) return;
    const params: unknown[] = [at];
    const values = timers.map((t) => {
      const base = params.length;
      params.push(randomUUID(), t.caseId, t.sendId, t.eventType, t.delayName, t.stateId, t.dueAt);
      return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, $${base + 6}, $${base + 7}, $1)`;
    });
    await sql(
      this.manager,
      `INSERT INTO timers (id, case_id, send_id, event_type, delay_name, state_id, due_at, created_at) VALUES ${values.join(', ')}`,
      params,
    );
  }

  /**
   * Deactivates the case's active timers with these XState send ids (the state that owned them
   * was left). A timer that already fired keeps cancelled_at null: it was not cancelled, it is done.
   */
  async cancel(caseId: string, sendIds: readonly string[], at: Date): Promise<number> {
    if (sendIds.length === 0) return 0;
    const { rowCount } = await sql(
      this.manager,
      `UPDATE timers SET active = false, cancelled_at = CASE WHEN fired_at IS NULL THEN $3::timestamptz ELSE cancelled_at END
       WHERE case_id = $1 AND send_id = ANY($2::text[]) AND active`,
      [caseId, [...sendIds], at],
    );
    return rowCount;
  }

  /**
   * Due, active, unfired timers, oldest first (no lock: each is claimed in its own transaction).
   * `caseIds` restricts the search to some cases (tests sharing one server database; an operator
   * re-driving one case).
   */
  async findDue(now: Date, limit: number, caseIds?: readonly string[]): Promise<Array<{ id: string; caseId: string }>> {
    const { rows } = await sql<{ id: string; caseId: string }>(
      this.manager,
      `SELECT id, case_id AS "caseId" FROM timers
       WHERE active AND fired_at IS NULL AND due_at <= $1 AND ($3::uuid[] IS NULL OR case_id = ANY($3::uuid[]))
       ORDER BY due_at, id LIMIT $2`,
      [now, limit, caseIds ? [...caseIds] : null],
    );
    return rows;
  }

  /**
   * Records that the case's due timer with this send id delivered its event now (the engine calls
   * it for every `xstate.after.*` event, whoever sends it). Returns 0 when no such timer is due:
   * the event is then refused, so a deadline never fires early or twice.
   */
  async fireDue(caseId: string, sendId: string, now: Date): Promise<number> {
    const { rowCount } = await sql(
      this.manager,
      `UPDATE timers SET fired_at = $3 WHERE case_id = $1 AND send_id = $2 AND active AND fired_at IS NULL AND due_at <= $3`,
      [caseId, sendId, now],
    );
    return rowCount;
  }

  /** Locks the timer if it is still active and unfired and no other worker holds it; null otherwise. */
  async claim(id: string): Promise<TimerRow | null> {
    const { rows } = await sql<TimerRow>(
      this.manager,
      `SELECT ${COLUMNS} FROM timers WHERE id = $1 AND active AND fired_at IS NULL FOR UPDATE SKIP LOCKED`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Records that the timer fired; `deactivate` when its state is no longer active (the event was not handled). */
  async markFired(id: string, at: Date, deactivate = false): Promise<void> {
    await sql(this.manager, `UPDATE timers SET fired_at = $2, active = CASE WHEN $3::boolean THEN false ELSE active END WHERE id = $1`, [id, at, deactivate]);
  }

  /** The case's timers still to fire (active and unfired): the deadlines a calendar change can move. */
  async listPending(caseId: string): Promise<TimerRow[]> {
    const { rows } = await sql<TimerRow>(
      this.manager,
      `SELECT ${COLUMNS} FROM timers WHERE case_id = $1 AND active AND fired_at IS NULL ORDER BY due_at, send_id`,
      [caseId],
    );
    return rows;
  }

  /** Moves a timer still to fire to a new due instant (its deadline was recounted); false when it has fired or was cancelled. */
  async reschedule(id: string, dueAt: Date): Promise<boolean> {
    const { rowCount } = await sql(this.manager, `UPDATE timers SET due_at = $2 WHERE id = $1 AND active AND fired_at IS NULL`, [id, dueAt]);
    return rowCount === 1;
  }

  async listForCase(caseId: string): Promise<TimerRow[]> {
    const { rows } = await sql<TimerRow>(this.manager, `SELECT ${COLUMNS} FROM timers WHERE case_id = $1 ORDER BY created_at, due_at, send_id`, [caseId]);
    return rows;
  }
}
