/**
 * The accounts of the people who sign in (`users`), as the auth guard reads them on every
 * request: a token's `sub` must name a known, active user of the role and area it claims. An
 * account is remembered for a few seconds, so a burst of requests costs one lookup; a
 * deactivated account is refused within that time.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { UserAccount } from '@tacu/auth';
import { PeopleStore } from '@tacu/persistence';
import { DATA_SOURCE } from '../core/tokens';

/** How long an account read is reused, in milliseconds. */
export const ACCOUNT_CACHE_MS = 5000;
const MAX_CACHED = 1000;

@Injectable()
export class UserAccounts {
  private readonly cache = new Map<string, { account: UserAccount | null; until: number }>();

  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** The account of `userId`, or null when there is none. */
  async find(userId: string): Promise<UserAccount | null> {
    const now = Date.now();
    const cached = this.cache.get(userId);
    if (cached && now < cached.until) return cached.account;
    const user = await new PeopleStore(this.dataSource.manager).findUser(userId);
    const account = user ? { id: user.id, role: user.role, areaId: user.areaId, active: user.active } : null;
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(userId, { account, until: now + ACCOUNT_CACHE_MS });
    return account;
  }

  /** Forgets what was read (after an account changes). */
  forget(userId?: string): void {
    if (userId === undefined) this.cache.clear();
    else this.cache.delete(userId);
  }
}
