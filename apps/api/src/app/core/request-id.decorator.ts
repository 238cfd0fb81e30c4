import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** The request id (the one in the logs and in problem answers), for records that should point to it. */
export const RequestId = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | null => {
  const id = ctx.switchToHttp().getRequest<FastifyRequest>().id;
  return typeof id === 'string' ? id : null;
});
