import type { Locale } from '../../core/i18n/catalogue';
import { errorMessage, t } from '../../core/i18n/translate';
import { isHelpdeskError } from '../../core/shared/errors';

/**
 * The database is away (R18: service continuity): connection refused, lost or timed out, the pool
 * unable to hand out a connection, SQLite busy or closed. Such a failure is not the request's fault
 * and not a bug: transports answer "try again in a minute" (HTTP 503 with Retry-After) instead of a
 * 500. Recognised by the drivers' stable error names and codes, looked for on the error and the
 * driver error Sequelize wraps.
 */
const NAMES = /^Sequelize(Connection\w*|HostNotFound|HostNotReachable|InvalidConnection|AccessDenied)Error$/;
const CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT', 'ER_CON_COUNT_ERROR', 'ER_SERVER_SHUTDOWN', 'ER_LOCK_WAIT_TIMEOUT',
  'SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_CANTOPEN', 'SQLITE_IOERR', 'SQLITE_MISUSE', 'SQLITE_FULL',
]);
/** Seconds a client is told to wait before trying again. */
export const RETRY_AFTER_S = 60;

export function isDatabaseOutage(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  const e = err as { name?: unknown; code?: unknown; message?: unknown; parent?: unknown; original?: unknown; cause?: unknown };
  if (typeof e.name === 'string' && NAMES.test(e.name)) return true;
  if (typeof e.code === 'string' && CODES.has(e.code)) return true;
  // Sequelize's pool, once closed or broken, throws a plain Error: its message is all there is.
  if (typeof e.message === 'string' && /connection manager was closed|Database is closed|connect ECONNREFUSED/.test(e.message)) return true;
  return [e.parent, e.original, e.cause].some((x) => x !== err && isDatabaseOutage(x, depth + 1));
}

/** What a chat bot tells a person when their request failed: the coded reason, "try again in a minute" while the database is away, else an internal error. */
export function chatFailureText(locale: Locale, e: unknown): string {
  if (isHelpdeskError(e)) return errorMessage(locale, e);
  return t(locale, isDatabaseOutage(e) ? 'chat.unavailable' : 'error.internal_error');
}
