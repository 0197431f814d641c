import fs from 'node:fs';
import path from 'node:path';
import { openApiDocument } from '../bots/api/openapi';

/** Writes the REST API's OpenAPI document to a file (default data/openapi.json), for linters and client generators. */
const out = process.argv[2] ?? 'data/openapi.json';
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(openApiDocument('http://localhost:3978'), null, 2));
process.stdout.write(`${out}\n`);
