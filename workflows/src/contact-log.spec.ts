import type { AnyEventObject, AnyMachineSnapshot } from 'xstate';
import type { RecordContact } from '@tacu/domain';
import { caseWorkflow as wf } from './case.machine';
import { NO_CONTACT_TIMER } from './contact-log';
import { accept, ctx, MAIN_PATH, notifications, RAISE_CONCERN_SAMPLE, stateOf, walk, WITHDRAW } from './testing';

const contact = (contactedOn: string, overrides: Partial<RecordContact> = {}): RecordContact => ({
  type: 'RECORD_CONTACT',
  contactedOn,
  method: 'homeVisit',
  with: [{ name: 'Parent A' }],
  note: 'Visit',
  ...overrides,
});

/** The no-contact timer's due instants armed by these actions (now + delay). */
function armed(now: string, actions: readonly AnyEventObject[]): string[] {
  return (actions as unknown as { type: string; params: { id?: string; delay?: number } }[])
    .filter((a) => a.type === 'xstate.raise' && a.params.id === NO_CONTACT_TIMER)
    .map((a) => new Date(Date.parse(now) + (a.params.delay ?? 0)).toISOString());
}
const cancelsAlert = (actions: readonly AnyEventObject[]) =>
  (actions as unknown as { type: string; params: { sendId?: string } }[]).some((a) => a.type === 'xstate.cancel' && a.params.sendId === NO_CONTACT_TIMER);

/** The main path's snapshots, once per state value, while the case is open. */
function activeStates(): AnyMachineSnapshot[] {
  const seen = new Set<string>();
  return walk(wf, MAIN_PATH).filter((s) => s.status === 'active' && !seen.has(stateOf(s)) && Boolean(seen.add(stateOf(s))));
}
const registered = () => walk(wf, MAIN_PATH.slice(0, MAIN_PATH.indexOf('RECORD_ASSESSMENT'))).at(-1) as AnyMachineSnapshot;

describe('the contact log', () => {
  it.each(activeStates().map((s) => [stateOf(s), s] as const))('RECORD_CONTACT is accepted in %s and keeps the latest contact, the state unchanged', (_name, at) => {
    const { snapshot } = accept(wf, at, contact('2026-11-23T08:00:00.000Z'));
    expect(snapshot.value).toEqual(at.value);
    expect(ctx(snapshot).lastContactWithFamilyAt).toBe('2026-11-23T08:00:00.000Z');
  });

  it('is accepted while the case is on hold for a concern', () => {
    const onHold = accept(wf, registered(), RAISE_CONCERN_SAMPLE).snapshot;
    expect(stateOf(accept(wf, onHold, contact('2026-11-23T08:00:00.000Z')).snapshot)).toBe('escalation.raised');
  });

  it('a contact recorded late, dated before the latest, keeps the latest', () => {
    let s = accept(wf, registered(), contact('2026-11-23T08:00:00.000Z')).snapshot;
    s = accept(wf, s, contact('2026-11-22T08:00:00.000Z')).snapshot;
    expect(ctx(s).lastContactWithFamilyAt).toBe('2026-11-23T08:00:00.000Z');
  });
});

describe('noContactWithFamily: 4 weeks without a contact alert the coordinator', () => {
  it('counts from registration: 4 weeks from Monday 23 November 2026 is the end of Monday 21 December', () => {
    const { snapshot, actions } = accept(wf, walk(wf, MAIN_PATH.slice(0, MAIN_PATH.indexOf('REGISTER_REQUEST'))).at(-1) as AnyMachineSnapshot, 'REGISTER_REQUEST');
    expect(cancelsAlert(actions)).toBe(true);
    expect(armed(ctx(snapshot).now, actions)).toEqual(['2026-12-22T00:00:00.000Z']);
    expect(ctx(snapshot).deadlineStarts.noContactWithFamily).toBe(ctx(snapshot).now);
  });

  it('contactRestartsAlert: a contact later than where the count starts restarts it from the contact', () => {
    const now = '2026-12-03T09:00:00.000Z';
    const { snapshot, actions } = accept(wf, registered(), contact('2026-12-02T15:00:00.000Z'), now);
    expect(cancelsAlert(actions)).toBe(true);
    // Wednesday 2 December + 4 weeks: the end of Wednesday 30 December.
    expect(armed(now, actions)).toEqual(['2026-12-31T00:00:00.000Z']);
    expect(ctx(snapshot).deadlineStarts.noContactWithFamily).toBe('2026-12-02T15:00:00.000Z');
  });

  it('contactRestartsAlert: a contact dated before the count started (recorded late) leaves the alert where it is', () => {
    const before = registered();
    const { snapshot, actions } = accept(wf, before, contact('2026-11-20T10:00:00.000Z'));
    expect(cancelsAlert(actions)).toBe(false);
    expect(armed(ctx(snapshot).now, actions)).toEqual([]);
    expect(ctx(snapshot).deadlineStarts.noContactWithFamily).toBe(ctx(before).deadlineStarts.noContactWithFamily);
    expect(ctx(snapshot).lastContactWithFamilyAt).toBe('2026-11-20T10:00:00.000Z');
  });

  it('a case whose count never started (opened before the alert existed) starts it at its first contact', () => {
    const json = JSON.parse(JSON.stringify(wf.machine.getPersistedSnapshot(registered())));
    delete json.context.deadlineStarts.noContactWithFamily;
    delete json.context.lastContactWithFamilyAt;
    const old = wf.machine.restoreSnapshot(json, undefined as never) as AnyMachineSnapshot;
    const { snapshot, actions } = accept(wf, old, contact('2026-11-20T10:00:00.000Z'));
    expect(armed(ctx(snapshot).now, actions)).toEqual(['2026-12-19T00:00:00.000Z']);
    expect(ctx(snapshot).lastContactWithFamilyAt).toBe('2026-11-20T10:00:00.000Z');
  });

  it('fires as an alert only: the coordinator is told, the case stays where it is and nothing is marked overdue; the next contact arms it again', () => {
    const s = registered();
    const fired = accept(wf, s, { type: NO_CONTACT_TIMER }, '2026-12-22T00:00:00.000Z');
    expect(notifications(fired.actions)).toEqual([{ to: 'coordinator', about: 'noContactWithFamily' }]);
    expect(fired.snapshot.value).toEqual(s.value);
    expect(ctx(fired.snapshot).overdue).toEqual({});
    const again = accept(wf, fired.snapshot, contact('2026-12-22T10:00:00.000Z'), '2026-12-22T11:00:00.000Z');
    expect(armed('2026-12-22T11:00:00.000Z', again.actions)).toEqual(['2027-01-20T00:00:00.000Z']);
  });

  it('is not a stage deadline: it never sets the due date', () => {
    expect(wf.dueDateDelays.has('noContactWithFamily')).toBe(false);
  });

  it('ends with the case', () => {
    const { snapshot, actions } = accept(wf, registered(), WITHDRAW);
    expect(snapshot.status).toBe('done');
    expect(cancelsAlert(actions)).toBe(true);
  });
});
