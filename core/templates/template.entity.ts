import { z } from 'zod';
import { LEVELS, TICKET_TYPES } from '../tickets/ticket.entity';

/** Frequent requests (R7): prefilled fields and a checklist that becomes child tasks. */
const localized = z.union([z.string().trim().min(1).max(200), z.strictObject({ fr: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) })]);
export type Localized = z.infer<typeof localized>;

export const templateFieldsSchema = z.strictObject({
  /** `{name}` is replaced by the `name` given when the template is used. */
  title: localized,
  description: z.string().max(5000).optional(),
  type: z.enum(TICKET_TYPES).optional(),
  category: z.string().trim().min(1).max(64).optional(),
  service: z.string().trim().min(1).max(64).optional(),
  urgency: z.enum(LEVELS).optional(),
});

export const templateSchema = z.strictObject({
  slug: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  nameFr: z.string().trim().min(1).max(120),
  nameEn: z.string().trim().min(1).max(120),
  fields: templateFieldsSchema,
  checklist: z.array(z.strictObject({ title: localized })).max(30).default([]),
  active: z.boolean().optional().default(true),
});
export type TemplateInput = z.input<typeof templateSchema>;

export interface Template {
  id: number;
  slug: string;
  nameFr: string;
  nameEn: string;
  fields: z.infer<typeof templateFieldsSchema>;
  checklist: Array<{ title: Localized }>;
  active: boolean;
}

export interface TemplateRepository {
  list(): Promise<Template[]>;
  findBySlug(slug: string): Promise<Template | null>;
  upsert(t: Omit<Template, 'id'>, at: Date): Promise<number>;
}

export const localize = (v: Localized, locale: 'fr' | 'en'): string => (typeof v === 'string' ? v : v[locale]);
