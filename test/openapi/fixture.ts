/** A tiny API definition that exercises every part of the generator, independent of the providers. */
import { z } from 'zod';
import type { ApiDefinition, ApiExamples } from '../../contracts/definition';

export const Tag = z.object({ id: z.string(), label: z.string() });
export const Widget = z.object({
  id: z.string().describe('Widget id, `wid_` + 8 characters'),
  name: z.string().max(100),
  colour: z.enum(['red', 'blue']).nullable(),
  tags: z.array(Tag),
  created: z.iso.datetime({ offset: true }),
});
/** Differs between input and output: `colour` has a default, so it is optional only in requests. */
export const WidgetCreate = z.object({
  name: z.string().min(1).max(100),
  colour: z.enum(['red', 'blue']).default('red'),
  tags: z.array(Tag).optional(),
});
export const Detail = z.object({ detail: z.string().meta({ examples: ['Not found.'] }) }).meta({ examples: [{ detail: 'Not found.' }] });
export const FieldErrors = z.record(z.string(), z.array(z.string()));
export const WidgetList = z.object({ count: z.number().int(), results: z.array(Widget) });

const ListQuery = z.object({
  page: z.coerce.number().int().min(1).optional().describe('Page number, from 1'),
  ordering: z.enum(['name', '-name']).optional(),
  name__icontains: z.string().optional().describe('Name contains, ignoring case'),
});
const IdPath = z.object({ id: z.string().describe('The widget id') });
const Headers = z.object({ 'X-Workspace': z.string().optional().describe('Workspace id') });

export const fixtureDefinition: ApiDefinition = {
  info: { title: 'Widgets', version: '1.0.0', description: 'A fixture' },
  servers: [{ url: 'https://widgets.example', description: 'production' }],
  tags: [{ name: 'Widgets' }],
  securitySchemes: {
    token: { type: 'apiKey', in: 'header', name: 'Authorization', description: '`Token <key>`' },
    bearer: { type: 'http', scheme: 'bearer' },
  },
  security: [{ token: [] }, { bearer: [] }],
  components: { Widget, WidgetCreate, Tag, Detail, FieldErrors, WidgetList },
  sharedResponses: {
    MethodNotAllowed: {
      description: 'Method not allowed',
      schema: Detail,
      headers: { Allow: { description: 'Allowed methods', schema: z.string() } },
    },
  },
  operations: [
    {
      operationId: 'listWidgets',
      method: 'get',
      path: '/widgets/',
      summary: 'List widgets',
      tags: ['Widgets'],
      parameters: { query: ListQuery, header: Headers },
      responses: { 200: { description: 'A page', schema: WidgetList }, 401: { description: 'No auth', schema: Detail } },
    },
    {
      operationId: 'createWidget',
      method: 'post',
      path: '/widgets/',
      summary: 'Create a widget',
      tags: ['Widgets'],
      requestBody: { schema: WidgetCreate },
      responses: {
        400: { description: 'Invalid', schema: [FieldErrors, Detail] },
        201: { description: 'Created', schema: Widget },
      },
    },
    {
      operationId: 'deleteWidget',
      method: 'delete',
      path: '/widgets/{id}/',
      summary: 'Delete a widget',
      parameters: { path: IdPath },
      responses: { 204: { description: 'Deleted' }, 404: { description: 'Unknown id', schema: Detail } },
    },
    {
      operationId: 'health',
      method: 'get',
      path: '/health',
      summary: 'Health',
      security: [],
      responses: { 200: { description: 'OK', schema: z.object({ ok: z.boolean() }) } },
    },
  ],
};

export const widget = {
  id: 'wid_12345678',
  name: 'Sprocket',
  colour: null,
  tags: [{ id: 't1', label: 'metal' }],
  created: '2026-01-01T12:00:00.000000-03:00',
};

export const fixtureExamples: ApiExamples = {
  operations: {
    createWidget: {
      requestBody: { minimal: { summary: 'Only a name', value: { name: 'Sprocket' } } },
      responses: {
        201: { created: { summary: 'The new widget', value: widget } },
        400: {
          fieldErrors: { summary: 'A missing name', value: { name: ['This field is required.'] } },
          parseError: { summary: 'Bad JSON', value: { detail: 'JSON parse error' } },
        },
      },
    },
    deleteWidget: { parameters: { id: 'wid_12345678' } },
  },
  sharedResponses: { MethodNotAllowed: { put: { summary: 'PUT', value: { detail: 'Method "PUT" not allowed.' } } } },
};
