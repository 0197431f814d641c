import { z } from 'zod';
import type { Actor } from '../shared/actor';
import { seesEverything } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import { parse } from '../shared/validate';

export const subscriptionSchema = z.strictObject({ email: z.boolean() });

/** A manager reading their own choice: reports by e-mail too, or only in the channels. */
export async function getReportSubscription(deps: CoreDeps, actor: Actor): Promise<{ email: boolean }> {
  const id = requireManagerPerson(actor);
  return { email: (await deps.uow.read.storedReports.subscribers()).includes(id) };
}

/** "By e-mail too for managers who ask for it" (issue 7): each manager decides for themselves. */
export async function setReportSubscription(deps: CoreDeps, actor: Actor, raw: unknown): Promise<{ email: boolean }> {
  const id = requireManagerPerson(actor);
  const { email } = parse(subscriptionSchema, raw);
  await deps.uow.transaction((s) => s.storedReports.setSubscribed(id, email, deps.clock.now()));
  return { email };
}

function requireManagerPerson(actor: Actor): number {
  if (!seesEverything(actor) || actor.personId === null) throw new HelpdeskError('forbidden');
  return actor.personId;
}
