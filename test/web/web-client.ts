/**
 * A browser without a browser, for route tests: follows nothing by itself, keeps the session cookie
 * as a browser would, and reads the CSRF token from the pages it gets.
 */
export class WebClient {
  cookie: string | null = null;
  constructor(readonly base: string) {}

  async req(method: string, path: string, body?: Record<string, string | string[]> | object, opts: { json?: boolean; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { 'accept-language': 'en', ...(this.cookie ? { cookie: `hd_session=${this.cookie}` } : {}), ...opts.headers };
    let payload: string | undefined;
    if (body !== undefined && opts.json) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    } else if (body !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries(body as Record<string, string | string[]>)) for (const x of ([] as string[]).concat(v)) p.append(k, x);
      payload = p.toString();
    }
    const res = await fetch(this.base + path, { method, headers, body: payload, redirect: 'manual' });
    const setCookie = res.headers.getSetCookie();
    for (const c of setCookie) {
      const m = /^hd_session=([^;]*)/.exec(c);
      if (m) this.cookie = m[1] || null;
    }
    const text = await res.text();
    return { status: res.status, location: res.headers.get('location'), text, setCookie, json: () => JSON.parse(text) };
  }
  /** A multipart form, as a browser sends a form with a file input. */
  async postMultipart(path: string, fields: Record<string, string>, file?: { field: string; name: string; type: string; data: Buffer }) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    if (file) form.append(file.field, new Blob([new Uint8Array(file.data)], { type: file.type }), file.name);
    const headers: Record<string, string> = { 'accept-language': 'en', ...(this.cookie ? { cookie: `hd_session=${this.cookie}` } : {}) };
    const res = await fetch(this.base + path, { method: 'POST', headers, body: form, redirect: 'manual' });
    return { status: res.status, location: res.headers.get('location'), text: await res.text() };
  }
  get = (path: string) => this.req('GET', path);
  post = (path: string, body: Record<string, string | string[]>) => this.req('POST', path, body);

  /** The CSRF token of the page at `path` (every signed-in page carries it). */
  async csrf(path = '/report'): Promise<string> {
    const r = await this.get(path);
    const m = /name="_csrf" value="([^"]+)"/.exec(r.text) ?? /name="csrf-token" content="([^"]+)"/.exec(r.text);
    if (!m) throw new Error(`no CSRF token on ${path} (status ${r.status})`);
    return m[1];
  }

  async signIn(personId: number): Promise<void> {
    const token = await this.csrf('/signin');
    const r = await this.post('/signin', { _csrf: token, person: String(personId), next: '/' });
    if (r.status !== 303) throw new Error(`sign-in refused: ${r.status} ${r.text.slice(0, 300)}`);
  }
}
