import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import { parse } from '../shared/validate';
import { audit } from '../tickets/ticket-change';
import { requireAdmin } from '../people/require-role';
import { templateSchema, type Template, type TemplateInput } from './template.entity';

/** Everyone sees the active templates (they file tickets with them); staff see switched-off ones too. */
export async function listTemplates(deps: CoreDeps, actor: Actor): Promise<Template[]> {
  const all = await deps.uow.read.templates.list();
  return actor.role === 'employee' ? all.filter((t) => t.active) : all;
}

export async function getTemplate(deps: CoreDeps, actor: Actor, slug: string): Promise<Template> {
  const t = await deps.uow.read.templates.findBySlug(slug);
  if (!t || (!t.active && actor.role === 'employee')) throw new HelpdeskError('not_found');
  return t;
}

/** Creates or replaces the template with this slug (admins). */
export async function saveTemplate(deps: CoreDeps, actor: Actor, raw: TemplateInput): Promise<Template> {
  requireAdmin(actor);
  const input = parse(templateSchema, raw);
  return deps.uow.transaction(async (store) => {
    const now = deps.clock.now();
    if (input.fields.category && !(await store.categories.findBySlug(input.fields.category))) {
      throw new HelpdeskError('category_not_found', { category: input.fields.category });
    }
    if (input.fields.service && !(await store.services.findBySlug(input.fields.service))) {
      throw new HelpdeskError('service_not_found', { service: input.fields.service });
    }
    const before = await store.templates.findBySlug(input.slug);
    const id = await store.templates.upsert(input, now);
    await audit({ store, actor, now }, null, before ? 'template_updated' : 'template_created', before ? { ...before } : null, { id, ...input }, 'settings', id);
    return { id, ...input };
  });
}
