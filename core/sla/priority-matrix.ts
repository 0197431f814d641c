import { LEVELS, Level, PRIORITIES, Priority } from '../tickets/ticket.entity';
import { HelpdeskError } from '../shared/errors';

/** urgency (requester) -> impact (technician) -> priority (R13). Stored as data, this is the default. */
export type PriorityMatrix = Record<Level, Record<Level, Priority>>;

export const DEFAULT_PRIORITY_MATRIX: PriorityMatrix = {
  low: { low: 4, medium: 4, high: 3, critical: 2 },
  medium: { low: 4, medium: 3, high: 2, critical: 2 },
  high: { low: 3, medium: 2, high: 2, critical: 1 },
  critical: { low: 2, medium: 2, high: 1, critical: 1 },
};

export const priorityOf = (m: PriorityMatrix, urgency: Level, impact: Level): Priority => m[urgency][impact];

/** A stored matrix must be complete: a hole would give tickets no priority. */
export function validatePriorityMatrix(value: unknown): PriorityMatrix {
  const bad = () => new HelpdeskError('validation_failed', {}, [{ path: 'priorityMatrix', message: 'needs every urgency x impact cell set to 1..4' }]);
  if (!value || typeof value !== 'object') throw bad();
  const m = value as Record<string, Record<string, unknown>>;
  for (const u of LEVELS) {
    for (const i of LEVELS) {
      if (!(PRIORITIES as readonly unknown[]).includes(m[u]?.[i])) throw bad();
    }
  }
  return m as unknown as PriorityMatrix;
}
