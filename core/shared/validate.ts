import type { z } from 'zod';
import { HelpdeskError } from './errors';

/** Every channel validates through the same schemas; a failure names each field and why. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const details = r.error.issues.slice(0, 20).map((i) => ({
    path: i.path.map(String).join('.'),
    message: i.message.slice(0, 200),
  }));
  throw new HelpdeskError('validation_failed', {}, details);
}
