import { HelpdeskError } from '../shared/errors';
import type { Store } from '../shared/store.port';
import type { Category, Service } from './person.entity';

/** Services and categories are named by id in the API and by slug in chat ("setup technicians reseau"). */
export async function findService(store: Store, ref: number | string): Promise<Service> {
  const s = typeof ref === 'number' || /^\d+$/.test(ref) ? await store.services.get(Number(ref)) : await store.services.findBySlug(slugify(ref));
  if (!s) throw new HelpdeskError('service_not_found', { service: String(ref).slice(0, 64) });
  return s;
}

export async function findCategory(store: Store, ref: number | string): Promise<Category> {
  const c = typeof ref === 'number' || /^\d+$/.test(ref) ? await store.categories.get(Number(ref)) : await store.categories.findBySlug(slugify(ref));
  if (!c) throw new HelpdeskError('category_not_found', { category: String(ref).slice(0, 64) });
  return c;
}

/** "Réseau & Télécom" -> "reseau-telecom": accents folded so people can type either. */
export function slugify(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}
