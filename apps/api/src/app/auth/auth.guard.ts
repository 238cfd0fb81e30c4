/**
 * Authentication and route-level authorisation, thin: the token is verified by libs/auth, the
 * account it names must be known and active (`confirmSignedIn`), the decision is libs/auth's
 * `hasPermission`. Case-level need to know is decided in the services with libs/auth's policy,
 * so a case the caller may not see answers 404.
 */
import { ForbiddenException, Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AuthenticationError, bearerToken, confirmSignedIn, hasPermission, type Permission, type TokenVerifier } from '@tacu/auth';
import { claimsProblem } from '../input/check-input';
import { IS_PUBLIC, REQUIRED_PERMISSION, type RequestWithActor } from './auth.decorators';
import { UserAccounts } from './user-accounts';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verify: TokenVerifier,
    private readonly accounts: UserAccounts,
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
      const actor = await this.verify(token);
      // Claims are text from outside: held to the text rules before they reach a query.
      const claims = claimsProblem(actor);
      if (claims) throw new UnauthorizedException(claims);
      request.actor = confirmSignedIn(actor, await this.accounts.find(actor.id));
    } catch (error) {
      if (error instanceof AuthenticationError) throw new UnauthorizedException(error.message);
      throw error;
    }
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, targets);
    if (permission && !hasPermission(request.actor, permission)) {
      throw new ForbiddenException(`Your role (${request.actor.role}) may not use this: it needs the "${permission}" permission.`);
    }
    return true;
  }
}
