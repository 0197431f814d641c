import type { Client } from '@microsoft/microsoft-graph-client';

export interface GraphSettings {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** GRAPH_API_URL: the API base with its version, https://graph.microsoft.com/v1.0 by default. */
  apiUrl: string;
}

export const GRAPH_DEFAULT_URL = 'https://graph.microsoft.com/v1.0';
const LOGIN = 'https://login.microsoftonline.com';

export class GraphError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'GraphError';
  }
}

type NetOptions = { headers?: Record<string, string>; body?: string };

/**
 * A plain-http GRAPH_API_URL is a local peer (the tests' fake Graph, an emulator): Entra ID's login
 * requests go to the same origin there. The identity library insists on https authorities, so its
 * requests are sent through this small fetch client, which only changes the origin.
 */
function localNetwork(origin: string) {
  const send = async (method: 'GET' | 'POST', url: string, options?: NetOptions) => {
    const target = url.startsWith(LOGIN) ? origin + url.slice(LOGIN.length) : url;
    const res = await fetch(target, { method, headers: options?.headers, body: options?.body });
    const text = await res.text();
    let body: unknown = {};
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = {};
    }
    return { status: res.status, headers: Object.fromEntries(res.headers.entries()), body: body as never };
  };
  return {
    sendGetRequestAsync: (url: string, options?: NetOptions) => send('GET', url, options),
    sendPostRequestAsync: (url: string, options?: NetOptions) => send('POST', url, options),
  };
}

/**
 * Microsoft Graph with the app's own credentials (client credentials flow, MSAL, the identity
 * library the Agents SDK uses). Both libraries load on first use, so a deployment without Graph
 * never pays for them. 429 and 503 are retried after their Retry-After by Graph's RetryHandler.
 */
export class GraphSession {
  private client: Promise<Client> | null = null;
  private tokens: (() => Promise<string>) | null = null;
  private readonly base: string;
  private readonly version: string;

  constructor(private readonly s: GraphSettings) {
    const u = new URL(s.apiUrl.replace(/\/+$/, ''));
    const parts = u.pathname.split('/').filter(Boolean);
    this.version = parts.pop() ?? 'v1.0';
    this.base = `${u.origin}/${parts.map((p) => p + '/').join('')}`;
  }

  /** Graph's absolute next and delta links, turned into the path the client wants. */
  relative(link: string): string {
    const prefix = `${this.base}${this.version}/`;
    return link.startsWith(prefix) ? link.slice(prefix.length) : link;
  }

  async get<T = Record<string, unknown>>(path: string, raw = false): Promise<T> {
    const client = await (this.client ??= this.connect());
    try {
      const req = client.api(this.relative(path));
      return (raw ? await req.responseType('text' as never).get() : await req.get()) as T;
    } catch (e) {
      const status = (e as { statusCode?: number }).statusCode ?? 0;
      throw new GraphError(status, `graph ${path.split('?')[0]}: ${status} ${(e as Error).message}`.slice(0, 300));
    }
  }

  private token(): Promise<string> {
    return this.tokens!();
  }

  private async connect(): Promise<Client> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const g = require('@microsoft/microsoft-graph-client') as typeof import('@microsoft/microsoft-graph-client');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const msal = require('@azure/msal-node') as typeof import('@azure/msal-node');
    const local = this.base.startsWith('http://');
    const app = new msal.ConfidentialClientApplication({
      auth: { clientId: this.s.clientId, clientSecret: this.s.clientSecret, authority: `${LOGIN}/${this.s.tenantId}` },
      system: local ? { networkClient: localNetwork(new URL(this.base).origin) } : undefined,
    });
    const scopes = [`${new URL(local ? 'https://graph.microsoft.com' : this.base).origin}/.default`];
    // MSAL caches the token and renews it before it expires.
    this.tokens = async () => {
      const r = await app.acquireTokenByClientCredential({ scopes });
      if (!r?.accessToken) throw new GraphError(401, 'graph: no access token');
      return r.accessToken;
    };
    // Graph's default chain drops the bearer for a host it does not know (a local peer): this one
    // sets it on every request, then retries 429 and 503 after their Retry-After.
    let next: { execute(c: unknown): Promise<void> } | null = null;
    const bearer = {
      execute: async (context: { options?: RequestInit }) => {
        const headers = new Headers(context.options?.headers);
        headers.set('Authorization', `Bearer ${await this.token()}`);
        context.options = { ...context.options, headers: Object.fromEntries(headers.entries()) };
        await next!.execute(context);
      },
      setNext: (n: { execute(c: unknown): Promise<void> }) => void (next = n),
    };
    return g.Client.initWithMiddleware({
      baseUrl: this.base.replace(/\/$/, ''),
      defaultVersion: this.version,
      middleware: [bearer as never, new g.RetryHandler(new g.RetryHandlerOptions()), new g.HTTPMessageHandler()],
    });
  }
}
