import type { Actor, Role } from '@tacu/domain';
import { randomUUID } from 'node:crypto';

/** An actor of the given role with a fresh id (default area 'area-test'). */
export function actor(role: Role, overrides: Partial<Actor> = {}): Actor {
  return { id: `${role}-${randomUUID().slice(0, 8)}`, role, areaId: 'area-test', ...overrides };
}
