import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CaseEntity } from './case.entity';

/** A durable delayed event (`after` delay of a machine state), fired by the timer worker. */
@Entity({ name: 'timers' })
// Partial indexes: declared for the record, managed by the migrations only.
@Index('timers_due_idx', { synchronize: false })
@Index('timers_case_active_idx', { synchronize: false })
export class TimerEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { nullable: false })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'timers_case_id_fkey' })
  case?: CaseEntity;

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
