import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A durable delayed event (`after` delay of a machine state), fired by the timer worker. */
@Entity({ name: 'timers' })
export class TimerEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  /** XState's id of the delayed event, e.g. `xstate.after.assessmentCompletion.case.assessment`. */
  @Column({ name: 'send_id', type: 'text' })
  sendId!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ name: 'delay_name', type: 'text', nullable: true })
  delayName!: string | null;

  @Column({ name: 'state_id', type: 'text', nullable: true })
  stateId!: string | null;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'fired_at', type: 'timestamptz', nullable: true })
  firedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;
}
