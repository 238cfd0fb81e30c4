import { Injectable, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { map, type Observable } from 'rxjs';

const LOCATION = 'tacu:location';

/** The answer names a new resource at `prefix/<id of the answer>` (sent as `Location`). */
export const CreatedAt = (prefix: string) => SetMetadata(LOCATION, prefix);

/**
 * Response headers derived from the answer: `ETag: "<version>"` for anything with a case version
 * (send it back as If-Match), and `Location` for a created case.
 */
@Injectable()
export class CaseHeadersInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const location = this.reflector.get<string | undefined>(LOCATION, context.getHandler());
    return next.handle().pipe(
      map((body: unknown) => {
        const answer = body as { version?: unknown; id?: unknown } | null;
        if (typeof answer?.version === 'number') void reply.header('etag', `"${answer.version}"`);
        if (location && typeof answer?.id === 'string') void reply.header('location', `${location}/${answer.id}`);
        return body;
      }),
    );
  }
}
