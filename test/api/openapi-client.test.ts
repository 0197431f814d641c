import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { spawnSync } from 'node:child_process';
import Ajv2020 from 'ajv/dist/2020';
import { startTestServer, TestServer } from '../support/server';
import { TEST_DATABASES } from '../support/db';

const DIR = path.join(__dirname, 'openapi-client');
const OUT = path.join(__dirname, '../../test-output/openapi-client');
const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/**
 * The REST API's own description is enough to use it (R6 integrations): a typed client generated
 * from GET /api/v1/openapi.json with openapi-typescript + openapi-fetch walks a ticket's whole
 * life; the walk compiles against the generated types, and every answer matches the response
 * schema the document gives for its operation and status.
 */
describe.each(TEST_DATABASES)('A client generated from the OpenAPI document walks a ticket from filing to closing (R6 R19) on %s', (db) => {
  let s: TestServer;
  let doc: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  beforeAll(async () => {
    s = await startTestServer(db);
    doc = (await s.call('GET', '/api/v1/openapi.json', null)).body;
  });
  afterAll(() => s.close());

  it('names every operation once and gives each success answer a schema', () => {
    const ops = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([p, methods]) => Object.entries(methods).map(([m, op]) => ({ key: `${m} ${p}`, op })));
    expect(ops.length).toBeGreaterThanOrEqual(91);
    const ids = ops.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { key, op } of ops) {
      expect([key, typeof op.operationId]).toEqual([key, 'string']);
      const [code, success] = Object.entries(op.responses as Record<string, any>).find(([c]) => c.startsWith('2'))!;
      if (code !== '204') expect([key, Object.values(success.content ?? {}).every((c: any) => c.schema)]).toEqual([key, true]);
      if (code !== '204') expect([key, Object.keys(success.content ?? {}).length > 0]).toEqual([key, true]);
    }
    expect(doc.components.schemas.Error.properties.error.properties.details.items).toBeDefined();
  });

  it('generates the client, type-checks the walk against it, and walks a ticket\'s whole life', async () => {
    // openapi-typescript's own command, as a user runs it (its ES modules do not load under jest).
    fs.mkdirSync(OUT, { recursive: true });
    fs.writeFileSync(path.join(OUT, 'openapi.json'), JSON.stringify(doc));
    const gen = spawnSync(process.execPath, [path.join(__dirname, '../../node_modules/openapi-typescript/bin/cli.js'), path.join(OUT, 'openapi.json'), '-o', path.join(DIR, 'schema.gen.ts')], { encoding: 'utf8' });
    expect({ status: gen.status, err: gen.stderr.replace(/.*✨.*\n?/g, '').trim() }).toMatchObject({ status: 0 });
    const program = ts.createProgram([path.join(DIR, 'walk.ts')], {
      strict: true, noEmit: true, skipLibCheck: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, types: [],
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);

    const admin = await s.token('admin');
    const employee = await s.token('employee', { email: 'mia@example.test', name: 'Mia' });
    const theo = await s.token('technician', { email: 'theo@example.test', name: 'Théo' });
    const tina = await s.token('technician', { email: 'tina@example.test', name: 'Tina' });
    const createClient = (require('openapi-fetch') as { default: typeof import('openapi-fetch') }).default;
    // Required only now: it imports the types generated above.
    const { walkTicketLife } = require('./openapi-client/walk') as { walkTicketLife: (c: unknown, t: Record<string, string>) => Promise<{ answers: Array<{ operation: string; status: number; body: unknown }>; audit: string[]; refusedCode: string }> };
    const client = createClient({ baseUrl: `${s.url}/api/v1` });
    const walked = await walkTicketLife(client, { admin, employee, theo, tina });

    expect(walked.refusedCode).toBe('already_claimed');
    expect(walked.audit).toEqual(expect.arrayContaining(['created', 'transferred', 'claimed', 'status_changed', 'reopened', 'commented']));

    // Each answer, good or refused, is what the document says for that operation and status.
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addFormat('date-time', true).addFormat('email', true).addFormat('uri', true).addFormat('date', true);
    ajv.addSchema(doc, 'doc');
    const where = new Map<string, [string, string]>();
    for (const [p, methods] of Object.entries(doc.paths as Record<string, Record<string, any>>)) for (const [m, op] of Object.entries(methods)) where.set(op.operationId, [p, m]);
    expect(walked.answers.length).toBeGreaterThan(25);
    for (const a of walked.answers) {
      const [p, m] = where.get(a.operation)!;
      const validate = ajv.getSchema(`doc#/${pointer('paths', p, m, 'responses', String(a.status), 'content', 'application/json', 'schema')}`);
      expect([a.operation, a.status, !!validate]).toEqual([a.operation, a.status, true]);
      const ok = validate!(a.body);
      expect([a.operation, a.status, ok ? [] : validate!.errors]).toEqual([a.operation, a.status, []]);
    }
  });
});
