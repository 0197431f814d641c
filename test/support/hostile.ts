import http from 'node:http';

/**
 * Hostile inputs shared by the suites that try the product as an attacker would: broken multipart
 * bodies, and a raw HTTP client that can send a body shorter than it announced and hang up.
 */
export interface BrokenBody {
  name: string;
  contentType: string;
  body: Buffer;
  /** Announce more bytes than are sent, then close the socket mid-body. */
  cut?: boolean;
}

const B = 'B0undary';
const ct = `multipart/form-data; boundary=${B}`;
const part = (name: string, extra = '') => `--${B}\r\nContent-Disposition: form-data; name="${name}"${extra}\r\n`;

/** Truncated and malformed multipart bodies; the CSRF field first where it matters, as a browser puts it. */
export function BROKEN_MULTIPART(csrf: string): BrokenBody[] {
  const token = `${part('_csrf')}\r\n${csrf}\r\n`;
  const file = `${part('attachment', '; filename="t.bin"')}Content-Type: application/octet-stream\r\n\r\n`;
  const list: Array<[string, string, string?]> = [
    ['file cut after its headers (no token)', `${part('attachment', '; filename="t.bin"')}\r\nabc`],
    ['file cut after its headers', `${token}${file}abc`],
    ['file without its closing delimiter', `${token}${file}abc\r\n--${B}`],
    ['second file over the limit, cut', `${token}${file}abc\r\n${part('attachment2', '; filename="u.bin"')}\r\nxyz`],
    ['field cut', `${token}${part('title')}\r\nhalf`],
    ['part headers cut', `${token}--${B}\r\nContent-Disposition: form-da`],
    ['part without a name', `${token}--${B}\r\nContent-Disposition: form-data\r\n\r\nx\r\n--${B}--\r\n`],
    ['part header too large', `${token}--${B}\r\nX-Junk: ${'j'.repeat(100_000)}\r\n\r\nx`],
    ['file name in broken UTF-8', `${token}--${B}\r\nContent-Disposition: form-data; name="attachment"; filename*=utf-8''%FF%FE%00.bin\r\n\r\nabc`],
    ['garbage', 'garbage'],
    ['empty', ''],
    ['no boundary parameter', `${token}`, 'multipart/form-data'],
    ['boundary too long', `--${'b'.repeat(200)}\r\n`, `multipart/form-data; boundary=${'b'.repeat(200)}`],
    ['unknown transfer encoding', `${token}${part('attachment', '; filename="t.bin"')}Content-Transfer-Encoding: x-evil\r\n\r\nabc`],
  ];
  const out: BrokenBody[] = list.map(([name, body, type]) => ({ name, contentType: type ?? ct, body: Buffer.from(body, 'latin1') }));
  out.push({ name: 'socket closed in the middle of a file', contentType: ct, body: Buffer.from(`${token}${file}${'a'.repeat(5000)}`), cut: true });
  out.push({ name: 'socket closed in the middle of a field', contentType: ct, body: Buffer.from(`${token}${part('title')}\r\nhal`), cut: true });
  return out;
}

/** One request on its own connection; `status` is null when the server had no chance to answer (cut). */
export function rawRequest(base: string, method: string, path: string, headers: Record<string, string>, body: Buffer, o: { cut?: boolean } = {}): Promise<{ status: number | null; text: string }> {
  return new Promise((resolve) => {
    const u = new URL(path, base);
    const req = http.request(u, { method, agent: false, headers: { ...headers, 'content-length': String(body.length + (o.cut ? 1000 : 0)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? null, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', () => resolve({ status: res.statusCode ?? null, text: '' }));
    });
    req.on('error', () => resolve({ status: null, text: '' }));
    req.write(body);
    if (o.cut) setTimeout(() => req.destroy(), 100);
    else req.end();
  });
}
