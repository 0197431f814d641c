import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { Actor, ROLES } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import { parse } from '../shared/validate';
import { audit } from '../tickets/ticket-change';
import { findPerson } from './person.lookup';
import { hashToken } from './actor-for-person';
import { requireAdmin } from './require-role';

const schema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  role: z.enum(ROLES),
  user: z.union([z.number().int().positive(), z.string().min(1).max(254)]).optional(),
});

/**
 * A bearer token for the REST API. Only its hash is stored; the raw value is shown once.
 * Employees and technicians act as a person, so their tokens must name one.
 */
export async function createToken(deps: CoreDeps, actor: Actor, raw: z.input<typeof schema>): Promise<{ id: number; token: string }> {
  requireAdmin(actor);
  const input = parse(schema, raw);
  if (input.user === undefined && (input.role === 'employee' || input.role === 'technician')) {
    throw new HelpdeskError('validation_failed', {}, [{ path: 'user', message: `a ${input.role} token needs --user` }]);
  }
  const token = 'hd_' + randomBytes(24).toString('base64url');
  return deps.uow.transaction(async (store) => {
    const now = deps.clock.now();
    const person = input.user !== undefined ? await findPerson(store, input.user) : null;
    const id = await store.tokens.insert({ name: input.name, hash: hashToken(token), role: input.role, personId: person?.id ?? null, at: now });
    await audit({ store, actor, now }, null, 'token_created', null, { id, name: input.name, role: input.role, personId: person?.id ?? null }, 'token', id);
    return { id, token };
  });
}

export async function revokeToken(deps: CoreDeps, actor: Actor, id: number): Promise<void> {
  requireAdmin(actor);
  await deps.uow.transaction(async (store) => {
    const now = deps.clock.now();
    if (!(await store.tokens.list()).some((t) => t.id === id)) throw new HelpdeskError('not_found');
    await store.tokens.revoke(id, now);
    await audit({ store, actor, now }, null, 'token_revoked', null, { id }, 'token', id);
  });
}
