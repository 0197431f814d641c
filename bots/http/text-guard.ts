import type { NextFunction, Request, Response } from 'express';

/**
 * A NUL byte is never text a person meant (R9). Found in a parsed body, the query or the route's
 * parameters, the request is refused before any use case runs; `refuse` answers in the transport's
 * own way (a coded JSON 400, a page).
 */
export function hasNulByte(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (!v || typeof v !== 'object' || Buffer.isBuffer(v) || depth > 32) return false;
  for (const [k, x] of Object.entries(v)) if (k.includes('\u0000') || hasNulByte(x, depth + 1)) return true;
  return false;
}

export function refuseNulBytes(refuse: (req: Request, res: Response) => void) {
  return (req: Request, res: Response, next: NextFunction) => {
    const files = (req as Request & { files?: Array<{ filename: string }> }).files ?? [];
    if (hasNulByte(req.body) || hasNulByte(req.query) || hasNulByte(req.params) || hasNulByte(req.path) || files.some((f) => f.filename.includes('\u0000'))) return refuse(req, res);
    next();
  };
}
