import { Body, Controller, Module, Post, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { ApiBody, ApiExtraModels, DocumentBuilder, SwaggerModule, type OpenAPIObject, type SchemaObject } from '@nestjs/swagger';
import { CASE_EVENT_TYPES } from '@tacu/domain';
import { OpenCaseDto } from '../open-case.dto';
import { CASE_EVENT_MODELS, caseEventBodySchema } from './index';

/** A stand-in controller using the exports the way the cases controller does. */
@Controller('probe')
class ProbeController {
  @Post('events')
  @ApiExtraModels(...CASE_EVENT_MODELS)
  @ApiBody({ schema: caseEventBodySchema() })
  send(@Body() body: unknown): unknown {
    return body;
  }

  @Post('cases')
  open(@Body() body: OpenCaseDto): unknown {
    return body;
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('OpenAPI document of the event and open-case bodies', () => {
  let app: INestApplication;
  let document: OpenAPIObject;
  let schemas: Record<string, SchemaObject>;

  beforeAll(async () => {
    app = await NestFactory.create(ProbeModule, new FastifyAdapter(), { logger: false, abortOnError: false });
    await app.init();
    document = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('probe').build());
    schemas = (document.components?.schemas ?? {}) as Record<string, SchemaObject>;
  });

  afterAll(async () => {
    await app.close();
  });

  it('offers one of the event schemas, discriminated by type', () => {
    const body = document.paths['/probe/events']?.post?.requestBody as { content: Record<string, { schema: SchemaObject }> };
    const schema = body.content['application/json']?.schema ?? {};
    expect(schema.oneOf).toHaveLength(CASE_EVENT_TYPES.length);
    expect(schema.discriminator?.propertyName).toBe('type');
    expect(Object.keys(schema.discriminator?.mapping ?? {}).sort()).toEqual([...CASE_EVENT_TYPES].sort());
  });

  it('defines every schema that is referenced', () => {
    const refs = new Set<string>();
    JSON.stringify(document, (key, value: unknown) => {
      if ((key === '$ref' || key === 'mapping') && value) {
        for (const ref of typeof value === 'string' ? [value] : Object.values(value as Record<string, string>)) refs.add(ref);
      }
      return value;
    });
    const missing = [...refs].filter((ref) => !schemas[ref.replace('#/components/schemas/', '')]);
    expect(missing).toEqual([]);
    expect(refs.size).toBeGreaterThan(CASE_EVENT_TYPES.length);
  });

  it('documents the type literal, the required fields and a description and example of each field', () => {
    const draftPlan = schemas['DraftPlan'] ?? {};
    expect(draftPlan.properties?.['type']).toMatchObject({ enum: ['DRAFT_PLAN'] });
    expect(draftPlan.required).toEqual(expect.arrayContaining(['type', 'actions', 'childViews']));
    const action = schemas['PlannedAction'] ?? {};
    expect(action.required).toEqual(expect.arrayContaining(['id', 'answers', 'what', 'status']));
    expect(action.required).not.toContain('owner');

    const undocumented: string[] = [];
    for (const [name, schema] of Object.entries(schemas)) {
      for (const [field, property] of Object.entries(schema.properties ?? {}) as [string, SchemaObject][]) {
        if (!property.description) undocumented.push(`${name}.${field}`);
      }
    }
    expect(undocumented).toEqual([]);
  });

  it('documents the open-case body', () => {
    expect(schemas['OpenCase']?.required).toEqual(expect.arrayContaining(['areaId', 'origin', 'familyMembers']));
    // Required unless the case reopens an episode, whose child's record continues.
    expect(schemas['OpenCase']?.properties?.['child']).toMatchObject({ description: expect.stringContaining('except when reopening an episode') });
    expect(schemas['FamilyMemberInput']?.properties?.['hasParentalResponsibility']).toMatchObject({ type: 'boolean' });
  });
});
