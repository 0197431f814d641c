import type { NextFunction, Request, Response } from 'express';
import busboy from 'busboy';
import { MAX_ATTACHMENT_BYTES } from '../../core/tickets/attachment.entity';

export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
  /** The browser sent more than the limit: the bytes were cut and must not be kept. */
  truncated: boolean;
}
export type MultipartRequest = Request & { files?: UploadedFile[] };

/**
 * Forms with a file (`multipart/form-data`) are read here, before the CSRF check, so that their
 * `_csrf` field counts like any other form's. One file per form, kept in memory: 10 MB at most.
 * An empty file input (nothing chosen) is no file.
 */
export function multipartForms() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST' || !req.is('multipart/form-data')) return next();
    let bb: busboy.Busboy;
    try {
      // Browsers send file names in UTF-8; busboy would read them as Latin-1 by default.
      bb = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { files: 1, fileSize: MAX_ATTACHMENT_BYTES, fields: 20, fieldSize: 64 * 1024 } });
    } catch {
      return void res.status(400).type('text').send('malformed form');
    }
    const fields: Record<string, string> = {};
    const files: UploadedFile[] = [];
    bb.on('field', (name, value) => {
      fields[name] = value;
    });
    bb.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      const file: UploadedFile = { field, filename: info.filename ?? '', contentType: info.mimeType ?? 'application/octet-stream', data: Buffer.alloc(0), truncated: false };
      stream.on('data', (c: Buffer) => chunks.push(c));
      // A form cut inside a file fails the file stream too; unheard, that error would stop the process.
      stream.on('error', () => fail());
      stream.on('limit', () => {
        file.truncated = true;
      });
      stream.on('close', () => {
        file.data = Buffer.concat(chunks);
        if (file.filename || file.data.length) files.push(file);
      });
    });
    // A broken body is answered once, here; the route never runs on half a form.
    let broken = false;
    const fail = () => {
      if (broken) return;
      broken = true;
      req.unpipe(bb);
      // Drain what the client still sends, so the 400 reaches it instead of a reset connection.
      req.resume();
      if (!res.headersSent) res.status(400).type('text').send('malformed form');
    };
    bb.on('error', fail);
    // The client hung up mid-body: nobody to answer, nothing to keep.
    req.on('error', fail);
    req.on('aborted', fail);
    bb.on('close', () => {
      if (broken) return;
      req.body = fields;
      (req as MultipartRequest).files = files;
      next();
    });
    req.pipe(bb);
  };
}
