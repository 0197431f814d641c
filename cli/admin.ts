import { parseArgs } from 'node:util';
import type { Actor } from '../core/shared/actor';
import type { CoreDeps } from '../core/shared/deps';
import { createAdmin } from '../core/people/first-admin.service';

export const ADMIN_USAGE = 'Usage: npx helpdesk admin create --email you@example.com --name "Your Name"';

/** `npx helpdesk admin create`: the one step from an empty database to someone who can set it up. */
export async function adminCommand(deps: CoreDeps, op: Actor, args: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const [sub, ...rest] = args;
  let values: { email?: string; name?: string } = {};
  try {
    values = parseArgs({ args: rest, options: { email: { type: 'string' }, name: { type: 'string' } } }).values;
  } catch (e) {
    err(`${(e as Error).message}\n${ADMIN_USAGE}\n`);
    return 2;
  }
  if (sub !== 'create' || !values.email || !values.name) {
    err(`${ADMIN_USAGE}\n`);
    return 2;
  }
  const { person, created } = await createAdmin(deps, op, { email: values.email, name: values.name });
  out(`${created ? 'admin created' : 'already known, now admin'}: ${person.displayName} <${person.email}> (person ${person.id}). Sign in at the web app as them, or put the e-mail in HELPDESK_ADMINS.\n`);
  return 0;
}
