import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CaseEntity } from './case.entity';

/** A side effect named by a machine (notify, ...), written with the transition, delivered later. */
@Entity({ name: 'outbox' })
@Index('outbox_case_idx', { synchronize: false })
// Partial index on pending rows: declared for the record, managed by the migrations only.
@Index('outbox_pending_idx', { synchronize: false })
export class OutboxMessageEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { nullable: false })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'outbox_case_id_fkey' })
  case?: CaseEntity;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'jsonb', default: {} })
  payload!: unknown;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt!: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts!: number;
}
