/**
 * The app's route table as Fastify builds it (every method and path, HEAD routes and the docs
 * included), recorded as routes are added, so tests that must cover every route (the bad-input
 * generator) find a new one without being told.
 */
import type { INestApplication } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

export interface RouteEntry {
  method: string;
  /** The path pattern, e.g. `/cases/:id/events`. */
  url: string;
}

const tables = new WeakMap<object, RouteEntry[]>();

/** Starts recording the routes of `fastify` (call before the app initialises). */
export function recordRoutes(fastify: FastifyInstance): void {
  const table: RouteEntry[] = [];
  tables.set(fastify, table);
  fastify.addHook('onRoute', (route) => {
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) table.push({ method, url: route.url });
  });
}

/** The routes of an initialised app, in the order they were added. */
export function routesOf(app: INestApplication): RouteEntry[] {
  const table = tables.get(app.getHttpAdapter().getInstance() as object);
  if (!table) throw new Error('routesOf: the app was not configured by configureApp');
  return [...table];
}
