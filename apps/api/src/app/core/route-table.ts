/**
 * Every route the HTTP server answers, as Fastify registers it (controllers, OpenAPI pages, and
 * whatever a later module adds). The access-matrix and bad-input tests are built from this table,
 * so a new route cannot be missed by them.
 */
import type { INestApplication } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

export interface RouteEntry {
  method: string;
  /** The path as registered, with parameters (`/cases/:id/events`). */
  url: string;
}

const tables = new WeakMap<object, RouteEntry[]>();

/** Starts recording the routes `fastify` registers; call before the app registers its routes. */
export function recordRoutes(fastify: FastifyInstance): void {
  const table: RouteEntry[] = [];
  tables.set(fastify, table);
  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      // Fastify adds a HEAD route for every GET itself: it answers what the GET answers.
      if (method !== 'HEAD' && !table.some((r) => r.method === method && r.url === route.url)) table.push({ method, url: route.url });
    }
  });
}

/** The routes recorded for this Fastify instance, in registration order. */
export function routeTable(fastify: FastifyInstance): readonly RouteEntry[] {
  const table = tables.get(fastify);
  if (!table) throw new Error('routeTable: recordRoutes was not called on this server');
  return table;
}

/** The routes of an initialised app (configured by `configureApp`), in the order they were added. */
export function routesOf(app: INestApplication): RouteEntry[] {
  return [...routeTable(app.getHttpAdapter().getInstance() as FastifyInstance)];
}
