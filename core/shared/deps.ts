import type { Clock } from './clock.port';
import type { UnitOfWork } from './store.port';
import type { Locale } from '../i18n/catalogue';

/** What every use case needs; the composition root builds it once. */
export interface CoreDeps {
  uow: UnitOfWork;
  clock: Clock;
  defaultLocale: Locale;
  /** E-mails or platform ids that hold the admin role whatever the database says (HELPDESK_ADMINS). */
  admins: string[];
}
