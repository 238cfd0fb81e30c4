/**
 * Structured logs (pino through nestjs-pino): one line per request with its request id, method,
 * URL (ids only: no personal data is ever put in a URL), status, time and the caller's user id
 * and role. Headers, cookies and bodies are never logged.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import type { Actor } from '@tacu/domain';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/** The request id: the caller's `x-request-id` when it is a safe token, else a new uuid. */
export function requestIdFor(headers: IncomingMessage['headers']): string {
  const given = headers['x-request-id'];
  const value = Array.isArray(given) ? given[0] : given;
  return value !== undefined && SAFE_REQUEST_ID.test(value) ? value : randomUUID();
}

export function loggerParams(level: string, destination?: DestinationStream): Params {
  const options: PinoHttpOptions = {
    level,
    // Fastify already chose the id (see createAdapter); middie copies it onto the raw request.
    genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id?: string }).id ?? requestIdFor(req.headers),
    redact: { paths: ['req.headers', 'res.headers', 'req.body', 'req.query', '*.authorization', '*.cookie'], remove: true },
    serializers: {
      req: (req: { id?: string; method?: string; url?: string }) => ({ id: req.id, method: req.method, url: req.url?.split('?')[0] }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: (err: Error) => ({ type: err.name, message: err.message }),
    },
    customProps: (req: IncomingMessage) => {
      const actor = (req as IncomingMessage & { actor?: Actor }).actor;
      return actor ? { actor: { id: actor.id, role: actor.role } } : {};
    },
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    quietReqLogger: true,
  };
  return {
    // nestjs-pino's default route pattern does not match under Nest 12 + Fastify: name every path.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: destination ? [options, destination] : options,
  };
}
