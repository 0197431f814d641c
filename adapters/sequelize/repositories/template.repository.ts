import type { Template, TemplateRepository } from '../../../core/templates/template.entity';
import { toBool, toInt, type Row, type Sql } from '../sql';

const templateOf = (r: Row): Template => ({
  id: toInt(r.id),
  slug: String(r.slug),
  nameFr: String(r.name_fr),
  nameEn: String(r.name_en),
  fields: JSON.parse(String(r.fields_json)),
  checklist: JSON.parse(String(r.checklist_json)),
  active: toBool(r.active),
});

export class SqlTemplateRepository implements TemplateRepository {
  constructor(private readonly sql: Sql) {}

  async list(): Promise<Template[]> {
    return (await this.sql.select<Row>('SELECT * FROM ticket_templates ORDER BY slug')).map(templateOf);
  }

  async findBySlug(slug: string): Promise<Template | null> {
    const r = await this.sql.one<Row>('SELECT * FROM ticket_templates WHERE slug = ?', [slug]);
    return r ? templateOf(r) : null;
  }

  async upsert(t: Omit<Template, 'id'>, at: Date): Promise<number> {
    const existing = await this.findBySlug(t.slug);
    const values = [t.nameFr, t.nameEn, JSON.stringify(t.fields), JSON.stringify(t.checklist), t.active, at];
    if (existing) {
      await this.sql.run('UPDATE ticket_templates SET name_fr = ?, name_en = ?, fields_json = ?, checklist_json = ?, active = ?, updated_at = ? WHERE id = ?', [...values, existing.id]);
      return existing.id;
    }
    return this.sql.insert('INSERT INTO ticket_templates (name_fr, name_en, fields_json, checklist_json, active, updated_at, slug, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [...values, t.slug, at]);
  }
}
