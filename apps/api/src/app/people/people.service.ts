/**
 * The areas and users a caller may name on a case (a lead, an invitee, an action owner, a
 * liaison): those of their own area, active ones only, as the naming rules of libs/auth accept.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Actor } from '@tacu/domain';
import { PeopleStore } from '@tacu/persistence';
import { DATA_SOURCE } from '../core/tokens';
import type { AreaListResponse, ListUsersQueryDto, UserListResponse } from './people.dto';

/** More than any area has; the list is one page. */
const MAX_USERS = 1000;

@Injectable()
export class PeopleService {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async areas(actor: Actor): Promise<AreaListResponse> {
    const area = await new PeopleStore(this.dataSource.manager).findArea(actor.areaId);
    return { items: area ? [{ id: area.id, name: area.name }] : [] };
  }

  async users(actor: Actor, query: ListUsersQueryDto): Promise<UserListResponse> {
    const users = await new PeopleStore(this.dataSource.manager).listUsers(actor.areaId);
    const items = users
      .filter((u) => u.active && (query.role === undefined || u.role === query.role))
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'en-IE') || a.id.localeCompare(b.id))
      .slice(0, MAX_USERS)
      .map((u) => ({ id: u.id, displayName: u.displayName, role: u.role, agency: u.agency }));
    return { items };
  }
}
