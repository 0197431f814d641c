import Module from 'node:module';
import type * as AgentsHosting from '@microsoft/agents-hosting';

/**
 * The Agents SDK through Node's own module loader: its JWT check pulls in `jose`, an ES module only,
 * which Node 20.19+ loads from CommonJS but jest's module system cannot (it intercepts `require` and
 * `createRequire`). Loading it natively keeps the real SDK under test and is a plain require in production.
 */
export function nativeRequire<T>(id: string, from: string): T {
  const M = Module as unknown as { new (id: string): NodeJS.Module; _nodeModulePaths(dir: string): string[] };
  const m = new M(from);
  m.filename = from;
  m.paths = M._nodeModulePaths(from.replace(/[/\\][^/\\]*$/, ''));
  return m.require(id) as T;
}

export const agentsHosting = nativeRequire<typeof AgentsHosting>('@microsoft/agents-hosting', __filename);
