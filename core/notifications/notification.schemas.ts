import { z } from 'zod';
import { DELIVERY_CHANNELS, RHYTHMS } from './outbox.port';

export const preferencesSchema = z.strictObject({
  channels: z.array(z.enum(DELIVERY_CHANNELS)).max(4).optional(),
  rhythm: z.enum(RHYTHMS).optional(),
  quietHours: z.boolean().optional(),
});
export type PreferencesInput = z.input<typeof preferencesSchema>;

export const intakeSchema = z.strictObject({
  mailingList: z.string().trim().email().max(254).nullable().optional(),
  oncallAfterMinutes: z.number().int().min(1).max(1440).optional(),
});
export type IntakeInput = z.input<typeof intakeSchema>;

export const shiftSchema = z
  .strictObject({
    person: z.union([z.string().trim().min(1).max(254), z.number().int().positive()]),
    from: z.string().datetime({ offset: true }),
    to: z.string().datetime({ offset: true }),
  })
  .refine((s) => new Date(s.from) < new Date(s.to), { path: ['to'], message: 'must be after from' });
export type ShiftInput = z.input<typeof shiftSchema>;

export const outboxQuerySchema = z.strictObject({
  state: z.enum(['pending', 'sending', 'sent', 'failed', 'held', 'digested', 'skipped']).optional(),
  ticket: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  after: z.coerce.number().int().min(0).optional(),
});
export type OutboxQueryInput = z.input<typeof outboxQuerySchema>;

export const retrySchema = z.strictObject({ ids: z.array(z.number().int().positive()).max(1000).optional() });
