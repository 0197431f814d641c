import type { Response } from 'express';

/** `filename*=UTF-8''...` keeps accents; the plain `filename` is an ASCII fallback for old clients. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The file goes back as a download, never rendered by the browser (a crafted HTML file stays inert). */
export function sendAttachment(res: Response, a: { filename: string; contentType: string; data: Buffer }): void {
  res.set({ 'Content-Disposition': contentDisposition(a.filename), 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'private, no-store' });
  res.type(a.contentType).send(a.data);
}
