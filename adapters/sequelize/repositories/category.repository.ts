import type { Category } from '../../../core/people/person.entity';
import type { CategoryRepository } from '../../../core/shared/store.port';
import { setClause, toInt, toIntOrNull, type Row, type Sql } from '../sql';

const COLUMNS: { [K in keyof Omit<Category, 'id'>]: string } = {
  slug: 'slug',
  nameFr: 'name_fr',
  nameEn: 'name_en',
  defaultServiceId: 'default_service_id',
};

const toCategory = (r: Row): Category => ({
  id: toInt(r.id),
  slug: String(r.slug),
  nameFr: String(r.name_fr),
  nameEn: String(r.name_en),
  defaultServiceId: toIntOrNull(r.default_service_id),
});

export class SqlCategoryRepository implements CategoryRepository {
  constructor(private readonly sql: Sql) {}

  async get(id: number): Promise<Category | null> {
    const r = await this.sql.one('SELECT id, slug, name_fr, name_en, default_service_id FROM categories WHERE id = ?', [id]);
    return r && toCategory(r);
  }

  async findBySlug(slug: string): Promise<Category | null> {
    const r = await this.sql.one('SELECT id, slug, name_fr, name_en, default_service_id FROM categories WHERE slug = ?', [slug]);
    return r && toCategory(r);
  }

  async list(): Promise<Category[]> {
    return (await this.sql.select('SELECT id, slug, name_fr, name_en, default_service_id FROM categories ORDER BY id')).map(toCategory);
  }

  async insert(c: Omit<Category, 'id'>): Promise<number> {
    return this.sql.insert('INSERT INTO categories (slug, name_fr, name_en, default_service_id) VALUES (?, ?, ?, ?)', [
      c.slug, c.nameFr, c.nameEn, c.defaultServiceId,
    ]);
  }

  async update(id: number, patch: Partial<Omit<Category, 'id'>>): Promise<void> {
    const { sets, params } = setClause(patch, COLUMNS, 'Category');
    if (!sets.length) return;
    await this.sql.run(`UPDATE categories SET ${sets.join(', ')} WHERE id = ?`, [...params, id]);
  }
}
