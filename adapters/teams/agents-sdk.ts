import Module from 'node:module';
import type * as AgentsHosting from '@microsoft/agents-hosting';

/**
 * The Agents SDK through Node's own module loader, loaded on first use: its index pulls in `jose`, an
 * ES module only, which Node 20.19+ requires from CommonJS but jest's module system cannot (it
 * intercepts `require` and `createRequire`). Same as bots/teams/agents-sdk.ts, which bots may not import from here.
 */
let sdk: typeof AgentsHosting | null = null;
export function agentsHosting(): typeof AgentsHosting {
  if (sdk) return sdk;
  const M = Module as unknown as { new (id: string): NodeJS.Module; _nodeModulePaths(dir: string): string[] };
  const m = new M(__filename);
  m.filename = __filename;
  m.paths = M._nodeModulePaths(__dirname);
  sdk = m.require('@microsoft/agents-hosting') as typeof AgentsHosting;
  return sdk;
}
