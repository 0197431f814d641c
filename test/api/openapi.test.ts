import { OPENAPI_OPERATIONS } from '../../bots/api/openapi';
import { startTestServer, TestServer } from '../support/server';

/** Issue 2 §4: GET /api/v1/openapi.json describes every route, and every described route exists. */
describe('OpenAPI document (R6 integrations)', () => {
  let s: TestServer;
  let admin: string;
  beforeAll(async () => {
    s = await startTestServer('sqlite');
    admin = await s.token('admin');
  });
  afterAll(() => s.close());

  it('lists each operation with its errors, and request bodies as JSON Schema', async () => {
    const doc = (await s.call('GET', '/api/v1/openapi.json', null)).body;
    expect(doc.openapi).toBe('3.1.0');
    const create = doc.paths['/tickets'].post;
    expect(create.requestBody.content['application/json'].schema).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: ['title'],
      properties: { title: { type: 'string', maxLength: 200 } },
    });
    for (const code of ['400', '401', '403', '404', '409', '422']) expect(create.responses[code]).toBeDefined();
  });

  it.each(OPENAPI_OPERATIONS)('routes $method $path (never "no such route")', async ({ method, path }) => {
    const concrete = path.replace('{number}', '1').replace(/\{\w+\}/g, '1');
    const r = await s.call(method.toUpperCase(), `/api/v1${concrete}`, admin, method === 'get' || method === 'delete' ? undefined : {});
    expect(r.status).toBeLessThan(500);
    expect(r.body?.error?.code).not.toBe('route_not_found');
  });

  it('answers a route that does not exist with a JSON 404', async () => {
    const r = await s.call('GET', '/api/v1/nowhere', admin);
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('route_not_found');
  });
});
