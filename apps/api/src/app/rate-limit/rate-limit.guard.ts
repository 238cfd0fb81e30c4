/**
 * The per-user rate limit, as a guard that runs after AuthGuard: it counts only requests whose
 * token was verified, so nobody can spend another user's allowance with a forged token.
 */
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RequestWithActor } from '../auth/auth.decorators';
import { RateLimiter } from './rate-limiter';

export const RATE_LIMITER = Symbol('RATE_LIMITER');

@Injectable()
export class UserRateLimitGuard implements CanActivate {
  constructor(@Inject(RATE_LIMITER) private readonly limiter: RateLimiter) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & RequestWithActor>();
    // Public routes (health, docs) have no user: the per-address limit covers them.
    if (request.actor) await this.limiter.checkUser(request, http.getResponse<FastifyReply>());
    return true;
  }
}
