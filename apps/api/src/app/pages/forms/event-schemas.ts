/**
 * The events' schemas as the OpenAPI document publishes them (issue 15 §5): the next-step forms are
 * built from the very document `/docs/openapi.json` serves, itself built from each event's one
 * declaration (the class-validator + @nestjs/swagger DTOs of `cases/events`). `configureApp` hands
 * the document over once it is built; the forms read nothing else about an event's fields.
 */
import { Injectable } from '@nestjs/common';
import type { OpenAPIObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { CASE_EVENT_TYPES, type CaseEventType } from '@tacu/domain';
import { eventRequestSchemaRefs } from '../../cases/events';

/** A schema with its `$ref`s (direct, or the `allOf: [{ $ref }]` @nestjs/swagger writes for a described nested type) resolved, the outer description kept. */
export type ResolvedSchema = SchemaObject;

const isReference = (value: unknown): value is ReferenceObject => typeof value === 'object' && value !== null && typeof (value as ReferenceObject).$ref === 'string';

/** The schemas of the events, read from an OpenAPI document's components. */
export class EventSchemaSet {
  constructor(private readonly components: Record<string, SchemaObject | ReferenceObject>) {}

  /** The document's schema of `type`'s event (its request body), resolved. */
  eventSchema(type: CaseEventType): ResolvedSchema {
    const ref = eventRequestSchemaRefs()[type];
    return this.resolve({ $ref: ref });
  }

  /**
   * A property's schema with its reference followed: `{ $ref }` and `{ description, allOf: [{ $ref }] }`
   * become the referenced schema, the property's own description and example kept over the type's.
   */
  resolve(schema: SchemaObject | ReferenceObject): ResolvedSchema {
    if (isReference(schema)) return this.resolve(this.named(schema.$ref));
    const only = schema.allOf?.length === 1 ? schema.allOf[0] : undefined;
    if (only !== undefined) {
      const { allOf: _allOf, ...own } = schema;
      const target = this.resolve(only);
      return { ...target, ...own, description: own.description ?? target.description };
    }
    return schema;
  }

  private named(ref: string): SchemaObject | ReferenceObject {
    const name = ref.replace('#/components/schemas/', '');
    const found = this.components[name];
    if (!found) throw new Error(`The OpenAPI document has no schema ${name}`);
    return found;
  }
}

/** Builds the set from a whole OpenAPI document (checks it holds every event's schema). */
export function eventSchemasOf(document: OpenAPIObject): EventSchemaSet {
  const set = new EventSchemaSet((document.components?.schemas ?? {}) as Record<string, SchemaObject | ReferenceObject>);
  for (const type of CASE_EVENT_TYPES) set.eventSchema(type);
  return set;
}

/** The app's event schemas, handed the OpenAPI document by `configureApp` once the document is built. */
@Injectable()
export class EventFormSchemas {
  private set: EventSchemaSet | null = null;

  use(document: OpenAPIObject): void {
    this.set = eventSchemasOf(document);
  }

  get schemas(): EventSchemaSet {
    if (!this.set) throw new Error('The next-step forms were asked for before the OpenAPI document was built (configureApp hands it over).');
    return this.set;
  }
}
