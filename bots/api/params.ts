import type { Request } from 'express';
import { HelpdeskError } from '../../core/shared/errors';

/** Path ids are input too: anything but a plain positive number is "not found", never a crash. */
export function ticketNumber(req: Request): number {
  const raw = String(req.params.number ?? '');
  if (!/^\d{1,9}$/.test(raw) || Number(raw) === 0) throw new HelpdeskError('ticket_not_found', { number: raw.slice(0, 20) });
  return Number(raw);
}

export function idParam(req: Request, name: string, code: 'link_not_found' | 'external_ref_not_found' | 'attachment_not_found' | 'not_found'): number {
  const raw = String(req.params[name] ?? '');
  if (!/^\d{1,9}$/.test(raw)) throw new HelpdeskError(code);
  return Number(raw);
}

/** A person or service named in a path: a number or a slug/e-mail, bounded. */
export function refParam(req: Request, name: string): string {
  const raw = String(req.params[name] ?? '');
  if (raw.length === 0 || raw.length > 254) throw new HelpdeskError('not_found');
  return raw;
}

/** Query strings arrive as strings (or arrays when repeated); pass them on untouched for zod to judge. */
export const query = (req: Request): Record<string, unknown> => ({ ...(req.query as Record<string, unknown>) });
