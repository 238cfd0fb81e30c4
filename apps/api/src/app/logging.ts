/**
 * Structured logs with pino: one JSON line per request ("request completed") with its request id,
 * method, path (ids only: no personal data is ever put in a URL), status, time and the caller's
 * user id and role; and Nest's own messages (start-up, unexpected errors) through the same logger.
 * Headers, cookies, query strings and bodies are never logged.
 *
 * Why not nestjs-pino: it runs pino-http as a Nest middleware (through @fastify/middie), makes a
 * child logger per request and keeps it in an AsyncLocalStorage, which puts a hook on every
 * promise in the process, the engine's included. The API bench measured our stack's cost over a
 * bare Fastify route fall from about 38% to 15% of a transition without it. One Fastify
 * `onResponse` hook writes the same line.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { Actor } from '@tacu/domain';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/** The request id: the caller's `x-request-id` when it is a safe token, else a new uuid. */
export function requestIdFor(headers: IncomingMessage['headers']): string {
  const given = headers['x-request-id'];
  const value = Array.isArray(given) ? given[0] : given;
  return value !== undefined && SAFE_REQUEST_ID.test(value) ? value : randomUUID();
}

/**
 * The app's logger: JSON lines to `destination` (default stdout). Written synchronously, pino's
 * default: a line is out before the next request is served and none is lost if the process dies,
 * and it costs one write per line. Asynchronous writes go through libuv's thread pool and wake
 * the event loop once more per line, which looked dearer in an A/B run of the API bench.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level }, destination ?? pino.destination({ dest: 1, sync: true }));
}

function levelFor(statusCode: number): 'error' | 'warn' | 'info' {
  return statusCode >= 500 ? 'error' : statusCode >= 400 ? 'warn' : 'info';
}

/** One line per answered request, written when the answer has been sent. */
export function logRequests(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const level = levelFor(reply.statusCode);
    if (logger.isLevelEnabled(level)) {
      const actor = (request as FastifyRequest & { actor?: Actor }).actor;
      const query = request.url.indexOf('?');
      logger[level](
        {
          reqId: request.id,
          req: { method: request.method, url: query === -1 ? request.url : request.url.slice(0, query) },
          res: { statusCode: reply.statusCode },
          responseTime: Math.round(reply.elapsedTime * 100) / 100,
          ...(actor ? { actor: { id: actor.id, role: actor.role } } : {}),
        },
        'request completed',
      );
    }
    done();
  });
}

/**
 * Nest's LoggerService over pino. Nest passes the logger's context (its class name) as the last
 * parameter; an object message is merged into the line, and a string after it is the message.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: pino.Level, message: unknown, params: unknown[]): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const rest = [...params];
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> = context !== undefined ? { context } : {};
    if (message instanceof Error) {
      this.logger[level]({ ...fields, err: { type: message.name, message: message.message, stack: message.stack } }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      const text = rest.find((p): p is string => typeof p === 'string');
      this.logger[level]({ ...fields, ...(message as Record<string, unknown>) }, text ?? '');
    } else {
      // Nest's error(message, stack, context): a string after the message is the stack.
      const stack = level === 'error' ? rest.find((p): p is string => typeof p === 'string') : undefined;
      this.logger[level]({ ...fields, ...(stack ? { stack } : {}) }, String(message));
    }
  }
}
