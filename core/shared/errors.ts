/**
 * Coded errors: every failure a person can meet has a stable code, a kind that transports map to
 * their own vocabulary (HTTP status, ephemeral chat reply) and parameters for the message catalogue.
 * Transports never parse messages; they read `code` and `kind`.
 */
export type ErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'unprocessable';

export type ErrorCode =
  | 'validation_failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'ticket_not_found'
  | 'person_not_found'
  | 'service_not_found'
  | 'category_not_found'
  | 'link_not_found'
  | 'external_ref_not_found'
  | 'already_claimed'
  | 'already_assigned'
  | 'invalid_transition'
  | 'open_dependencies'
  | 'open_children'
  | 'concurrent_update'
  | 'link_cycle'
  | 'link_self'
  | 'link_exists'
  | 'second_parent'
  | 'external_ref_exists'
  | 'duplicate_person'
  | 'duplicate_service'
  | 'duplicate_category'
  | 'resolution_required'
  | 'not_a_technician'
  | 'article_not_found'
  | 'article_changed'
  | 'ticket_not_resolved'
  | 'attachment_not_found'
  | 'attachment_too_large'
  | 'too_many_attachments'
  | 'not_found';

const KIND: Record<ErrorCode, ErrorKind> = {
  validation_failed: 'invalid',
  unauthenticated: 'unauthenticated',
  forbidden: 'forbidden',
  ticket_not_found: 'not_found',
  person_not_found: 'not_found',
  service_not_found: 'not_found',
  category_not_found: 'not_found',
  link_not_found: 'not_found',
  external_ref_not_found: 'not_found',
  not_found: 'not_found',
  already_claimed: 'conflict',
  already_assigned: 'conflict',
  invalid_transition: 'conflict',
  open_dependencies: 'conflict',
  open_children: 'conflict',
  concurrent_update: 'conflict',
  link_exists: 'conflict',
  external_ref_exists: 'conflict',
  duplicate_person: 'conflict',
  duplicate_service: 'conflict',
  duplicate_category: 'conflict',
  link_cycle: 'unprocessable',
  link_self: 'unprocessable',
  second_parent: 'unprocessable',
  resolution_required: 'unprocessable',
  not_a_technician: 'unprocessable',
  article_not_found: 'not_found',
  article_changed: 'conflict',
  ticket_not_resolved: 'unprocessable',
  attachment_not_found: 'not_found',
  attachment_too_large: 'unprocessable',
  too_many_attachments: 'unprocessable',
};

export type ErrorParams = Record<string, string | number | boolean | string[] | number[] | null | undefined>;

export class HelpdeskError extends Error {
  readonly kind: ErrorKind;
  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
    /** Field-level details for forms (path -> reason code). */
    readonly details?: Array<{ path: string; message: string }>,
  ) {
    super(`${code}${Object.keys(params).length ? ' ' + JSON.stringify(params) : ''}`);
    this.name = 'HelpdeskError';
    this.kind = KIND[code];
  }
}

export const isHelpdeskError = (e: unknown): e is HelpdeskError => e instanceof HelpdeskError;

export const ERROR_CODES = Object.keys(KIND) as ErrorCode[];
