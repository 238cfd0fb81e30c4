/**
 * Response headers derived from an answer: `ETag: "<version>"` for anything with a case version
 * (send it back as If-Match), and `Location` for a created case. Set by the controller on the
 * reply rather than by a Nest interceptor, which would wrap every request in RxJS observables
 * on the hot path of sending events (the API bench measured that as a few per cent of a
 * transition).
 */
import type { FastifyReply } from 'fastify';

/** Sets the answer's version as its ETag, and returns the answer. */
export function withVersionTag<T extends { version: number }>(reply: FastifyReply, answer: T): T {
  void reply.header('etag', `"${answer.version}"`);
  return answer;
}

/** Names a case created at `/cases/<id>` (Location) and tags its version, and returns it. */
export function asCreatedCase<T extends { id: string; version: number }>(reply: FastifyReply, answer: T): T {
  void reply.header('location', `/cases/${answer.id}`);
  return withVersionTag(reply, answer);
}
