import { AuditEventEntity } from './audit-event.entity';
import { CaseEntity } from './case.entity';
import { IdempotencyRecordEntity } from './idempotency-record.entity';
import { OutboxMessageEntity } from './outbox-message.entity';
import { TimerEntity } from './timer.entity';

export { AuditEventEntity, CaseEntity, IdempotencyRecordEntity, OutboxMessageEntity, TimerEntity };

/** The engine's entities; apps add their own through `createDataSource({ extraEntities })`. */
export const ENTITIES = [CaseEntity, AuditEventEntity, TimerEntity, OutboxMessageEntity, IdempotencyRecordEntity];
