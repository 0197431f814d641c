import { z } from 'zod';
import type { Actor } from '../shared/actor';
import { seesEverything } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import { parse } from '../shared/validate';
import { REPORT_VIAS, type ReportVia } from './stored-report.port';

/** `via` is the choice; `email: true|false` (older clients) means `via: email|channel`. */
export const subscriptionSchema = z.union([z.strictObject({ via: z.enum(REPORT_VIAS) }), z.strictObject({ email: z.boolean() })]);

type Choice = { via: ReportVia; email: boolean };

/** A manager reading their own choice: the managers' channel (default), e-mail, personal chat or none. */
export async function getReportSubscription(deps: CoreDeps, actor: Actor): Promise<Choice> {
  const id = requireManagerPerson(actor);
  const via = (await deps.uow.read.storedReports.vias()).get(id) ?? 'channel';
  return { via, email: via === 'email' };
}

/** Each manager decides for themselves how reports reach them. */
export async function setReportSubscription(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Choice> {
  const id = requireManagerPerson(actor);
  const input = parse(subscriptionSchema, raw);
  const via: ReportVia = 'via' in input ? input.via : input.email ? 'email' : 'channel';
  await deps.uow.transaction((s) => s.storedReports.setVia(id, via, deps.clock.now()));
  return { via, email: via === 'email' };
}

function requireManagerPerson(actor: Actor): number {
  if (!seesEverything(actor) || actor.personId === null) throw new HelpdeskError('forbidden');
  return actor.personId;
}
