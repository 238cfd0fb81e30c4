/**
 * Authentication and route-level authorisation, thin: the token is verified by libs/auth, the
 * decision is libs/auth's `hasPermission`. Case-level need to know is decided in the services
 * with `canReadCase`/`caseVisibilityFilter`, so a case the caller may not see answers 404.
 */
import { ForbiddenException, Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AuthenticationError, bearerToken, hasPermission, type Permission, type TokenVerifier } from '@tacu/auth';
import { claimsProblem } from '../input/check-input';
import { IS_PUBLIC, REQUIRED_PERMISSION, type RequestWithActor } from './auth.decorators';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verify: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & RequestWithActor>();
    const token = bearerToken(request.headers.authorization);
    if (!token) {
      throw new UnauthorizedException('Send a bearer token in the Authorization header ("Authorization: Bearer <token>"); `npm run tokens` prints demo tokens.');
    }
    try {
      request.actor = await this.verify(token);
    } catch (error) {
      if (error instanceof AuthenticationError) throw new UnauthorizedException(error.message);
      throw error;
    }
    const claims = claimsProblem(request.actor);
    if (claims) throw new UnauthorizedException(claims);
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, targets);
    if (permission && !hasPermission(request.actor, permission)) {
      throw new ForbiddenException(`Your role (${request.actor.role}) may not use this: it needs the "${permission}" permission.`);
    }
    return true;
  }
}
