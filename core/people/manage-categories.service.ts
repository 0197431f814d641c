import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import { parse } from '../shared/validate';
import { audit } from '../tickets/ticket-change';
import { categorySchema } from './people.schemas';
import { findCategory, findService } from './service.lookup';
import { requireAdmin } from './require-role';
import type { Category } from './person.entity';

/** Categories are data (R13): each may name the service its tickets go to. */
export async function saveCategory(deps: CoreDeps, actor: Actor, raw: unknown, existing?: string | number): Promise<Category> {
  requireAdmin(actor);
  const input = parse(existing === undefined ? categorySchema : categorySchema.partial(), raw);
  try {
    return await deps.uow.transaction(async (store) => {
      const now = deps.clock.now();
      const defaultServiceId =
        input.defaultService === undefined ? undefined : input.defaultService === null ? null : (await findService(store, input.defaultService)).id;
      const values = { slug: input.slug, nameFr: input.nameFr, nameEn: input.nameEn, defaultServiceId };
      const clean = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<Omit<Category, 'id'>>;
      if (existing === undefined) {
        const id = await store.categories.insert({ ...(clean as Omit<Category, 'id'>), defaultServiceId: clean.defaultServiceId ?? null });
        await audit({ store, actor, now }, null, 'category_created', null, clean, 'category', id);
        return (await store.categories.get(id))!;
      }
      const before = await findCategory(store, existing);
      await store.categories.update(before.id, clean);
      await audit({ store, actor, now }, null, 'category_updated', { ...before }, clean, 'category', before.id);
      return (await store.categories.get(before.id))!;
    });
  } catch (e) {
    if (deps.uow.isUniqueViolation(e)) throw new HelpdeskError('duplicate_category', { category: String(input.slug) });
    throw e;
  }
}

export async function listCategories(deps: CoreDeps): Promise<Category[]> {
  return deps.uow.read.categories.list();
}
