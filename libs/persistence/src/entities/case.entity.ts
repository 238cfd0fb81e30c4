import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A case: the machine snapshot (jsonb) plus the columns dashboards query. Written only by the
 * engine (hand SQL in CaseStore); the entity is for reads and for TypeORM's metadata.
 */
@Entity({ name: 'cases' })
@Index('cases_area_status_due_idx', ['areaId', 'status', 'dueAt'])
@Index('cases_stage_idx', ['stage'])
// Partial indexes: declared for the record, managed by the migrations only.
@Index('cases_lead_practitioner_idx', { synchronize: false })
@Index('cases_family_idx', { synchronize: false })
@Index('cases_area_opened_idx', { synchronize: false })
@Index('cases_area_due_idx', { synchronize: false })
@Index('cases_area_stage_opened_idx', { synchronize: false })
@Index('cases_one_open_episode_per_child_idx', { synchronize: false })
@Index('cases_reopened_once_idx', { synchronize: false })
export class CaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId!: string;

  @Column({ name: 'workflow_version', type: 'int' })
  workflowVersion!: number;

  @Column({ name: 'area_id', type: 'text' })
  areaId!: string;

  @Column({ name: 'family_id', type: 'uuid', nullable: true })
  familyId!: string | null;

  @Column({ name: 'child_person_id', type: 'uuid', nullable: true })
  childPersonId!: string | null;

  @Column({ type: 'text', nullable: true })
  origin!: string | null;

  @Column({ name: 'previous_episode_id', type: 'uuid', nullable: true })
  previousEpisodeId!: string | null;

  /** The closed case this one reopens as a new episode. */
  @ManyToOne(() => CaseEntity, { nullable: true })
  @JoinColumn({ name: 'previous_episode_id', foreignKeyConstraintName: 'cases_previous_episode_id_fkey' })
  previousEpisode?: CaseEntity | null;

  @Column({ name: 'lead_practitioner_id', type: 'text', nullable: true })
  leadPractitionerId!: string | null;

  @Column({ type: 'text' })
  state!: string;

  @Column({ type: 'text' })
  stage!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'closure_reason', type: 'text', nullable: true })
  closureReason!: string | null;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  /** True once the stage's due date has passed at the case's last write (the deadline timer fired). */
  @Column({ type: 'boolean', default: false })
  overdue!: boolean;

  @Column({ type: 'jsonb' })
  snapshot!: unknown;

  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'last_audit_hash', type: 'text' })
  lastAuditHash!: string;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}
