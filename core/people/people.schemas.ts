import { z } from 'zod';
import { ROLES } from '../shared/actor';
import { LOCALES } from '../i18n/catalogue';

const email = z.email().max(254).transform((s) => s.toLowerCase());
const phone = z.string().trim().regex(/^\+?[0-9 .()-]{6,20}$/);

export const createPersonSchema = z.strictObject({
  displayName: z.string().trim().min(1).max(200),
  email: email.optional(),
  phone: phone.optional(),
  locale: z.enum(LOCALES).optional(),
  role: z.enum(ROLES).optional().default('employee'),
  department: z.string().trim().min(1).max(120).optional(),
  aadObjectId: z.string().trim().regex(/^[0-9a-fA-F-]{36}$/).optional(),
  slackUserId: z.string().trim().regex(/^[UW][A-Z0-9]{6,20}$/).optional(),
  services: z.array(z.union([z.number().int().positive(), z.string().min(1).max(64)])).max(20).optional(),
});
export type CreatePersonInput = z.input<typeof createPersonSchema>;

export const updatePersonSchema = z
  .strictObject({
    displayName: z.string().trim().min(1).max(200).optional(),
    email: email.nullable().optional(),
    phone: phone.nullable().optional(),
    locale: z.enum(LOCALES).nullable().optional(),
    role: z.enum(ROLES).optional(),
    department: z.string().trim().min(1).max(120).nullable().optional(),
    active: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdatePersonInput = z.input<typeof updatePersonSchema>;

export const createServiceSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  slug: z.string().trim().regex(/^[a-z0-9-]{1,64}$/).optional(),
  lead: z.union([z.number().int().positive(), z.string().min(1).max(254)]).optional(),
});
export const updateServiceSchema = z
  .strictObject({ name: z.string().trim().min(1).max(120).optional(), lead: z.union([z.number().int().positive(), z.string().min(1).max(254)]).nullable().optional() })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export const memberSchema = z.strictObject({ person: z.union([z.number().int().positive(), z.string().min(1).max(254)]) });

export const categorySchema = z.strictObject({
  slug: z.string().trim().regex(/^[a-z0-9-]{1,64}$/),
  nameFr: z.string().trim().min(1).max(120),
  nameEn: z.string().trim().min(1).max(120),
  defaultService: z.union([z.number().int().positive(), z.string().min(1).max(64)]).nullable().optional(),
});

export const roleSchema = z.strictObject({
  person: z.union([z.number().int().positive(), z.string().min(1).max(254)]),
  role: z.enum(ROLES),
  service: z.string().trim().min(1).max(120).optional(),
});
