import type { NextFunction, Request, Response } from 'express';
import { HelpdeskError, ErrorKind } from '../../core/shared/errors';
import { errorMessage, pickLocale, t } from '../../core/i18n/translate';
import type { Locale } from '../../core/i18n/catalogue';
import { isDatabaseOutage, RETRY_AFTER_S } from '../http/outage';

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
};

/** Transport-level failures that happen before core is reached (body parsing, unknown routes). */
const TRANSPORT = {
  invalid_json: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  route_not_found: 404,
  invalid_text: 400,
  too_many_attempts: 429,
  service_unavailable: 503,
  internal_error: 500,
} as const;

export function requestLocale(req: Request, fallback: Locale): Locale {
  const actorLocale = (req as Request & { actor?: { locale: Locale } }).actor?.locale;
  if (actorLocale) return actorLocale;
  return pickLocale(req.headers['accept-language']?.slice(0, 2), fallback);
}

export function sendTransportError(res: Response, code: keyof typeof TRANSPORT, locale: Locale): void {
  res.status(TRANSPORT[code]).json({ error: { code, message: t(locale, `error.${code}`) } });
}

/** The one place errors become HTTP: `{"error":{"code","message"}}`, in the caller's language. */
export function errorHandler(defaultLocale: Locale, log: (err: unknown, req: Request) => void) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const locale = requestLocale(req, defaultLocale);
    if (err instanceof HelpdeskError) {
      const body: Record<string, unknown> = { code: err.code, message: errorMessage(locale, err) };
      if (err.details) body.details = err.details;
      res.status(STATUS[err.kind]).json({ error: body });
      return;
    }
    const type = (err as { type?: string }).type;
    if (type === 'entity.parse.failed') return sendTransportError(res, 'invalid_json', locale);
    if (type === 'entity.too.large') return sendTransportError(res, 'payload_too_large', locale);
    if (type === 'charset.unsupported' || type === 'encoding.unsupported') return sendTransportError(res, 'unsupported_media_type', locale);
    if (isDatabaseOutage(err)) {
      res.set('Retry-After', String(RETRY_AFTER_S));
      return sendTransportError(res, 'service_unavailable', locale);
    }
    log(err, req);
    sendTransportError(res, 'internal_error', locale);
  };
}
