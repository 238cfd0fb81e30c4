import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '@tacu/domain';
import type { Permission } from '@tacu/auth';

export const IS_PUBLIC = 'tacu:isPublic';
export const REQUIRED_PERMISSION = 'tacu:requiredPermission';

/** A route anyone may call without a token (health, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The route-level permission a caller's role must have (libs/auth ROLE_PERMISSIONS). */
export const RequirePermission = (permission: Permission) => SetMetadata(REQUIRED_PERMISSION, permission);

/** Where the guard leaves the verified actor on the request. */
export interface RequestWithActor {
  actor?: Actor;
}

/** The verified caller, as the engine knows them. */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<RequestWithActor>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without authentication');
  return actor;
});
