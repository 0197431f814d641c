import { z } from 'zod';
import { ARTICLE_KINDS, ARTICLE_LANGUAGES, ARTICLE_STATUSES, AUDIENCES, MAX_ARTICLE_BODY, MAX_ARTICLE_TITLE } from './article.entity';

/** Inputs shared by the REST API, chat and the web; unknown fields are refused, not ignored. */
const text = (max: number) => z.string().trim().min(1).max(max);
const tags = z.array(z.string().trim().min(1).max(40)).max(20);
const category = z.string().trim().min(1).max(64);

export const createArticleSchema = z.strictObject({
  kind: z.enum(ARTICLE_KINDS).optional().default('faq'),
  title: text(MAX_ARTICLE_TITLE),
  body: text(MAX_ARTICLE_BODY),
  category: category.nullable().optional().default(null),
  tags: tags.optional().default([]),
  language: z.enum(ARTICLE_LANGUAGES).optional(),
  audience: z.enum(AUDIENCES).optional().default('everyone'),
  /** Publish at once (staff writing a ready answer) instead of leaving a draft. */
  publish: z.boolean().optional().default(false),
});
export type CreateArticleInput = z.input<typeof createArticleSchema>;

export const updateArticleSchema = z
  .strictObject({
    kind: z.enum(ARTICLE_KINDS).optional(),
    title: text(MAX_ARTICLE_TITLE).optional(),
    body: text(MAX_ARTICLE_BODY).optional(),
    category: category.nullable().optional(),
    tags: tags.optional(),
    language: z.enum(ARTICLE_LANGUAGES).optional(),
    audience: z.enum(AUDIENCES).optional(),
    /** The version the editor read: a stale edit is refused instead of overwriting someone else's. */
    version: z.number().int().positive().optional(),
  })
  .refine((v) => Object.keys(v).some((k) => k !== 'version'), { message: 'nothing to change' });
export type UpdateArticleInput = z.input<typeof updateArticleSchema>;

/** Query-string search, as the REST API and the web receive it. */
export const searchArticlesSchema = z.strictObject({
  q: z.string().trim().max(500).optional(),
  lang: z.enum(ARTICLE_LANGUAGES).optional(),
  category: category.optional(),
  /** Staff only: drafts, or both; everyone else reads published articles. */
  status: z.enum([...ARTICLE_STATUSES, 'all']).optional(),
  limit: z.coerce.number().int().min(1).max(50).optional(),
});
export type SearchArticlesInput = z.input<typeof searchArticlesSchema>;

export const draftFromTicketSchema = z.strictObject({
  title: text(MAX_ARTICLE_TITLE).optional(),
  kind: z.enum(ARTICLE_KINDS).optional(),
  category: category.optional(),
  tags: tags.optional(),
  language: z.enum(ARTICLE_LANGUAGES).optional(),
  /** Resolutions often name people and machines: internal until a technician says otherwise. */
  audience: z.enum(AUDIENCES).optional().default('technicians'),
});
export type DraftFromTicketInput = z.input<typeof draftFromTicketSchema>;
