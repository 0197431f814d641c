import express, { Router, type Request, type Response } from 'express';
import type { CoreDeps } from '../../core/shared/deps';
import { addAttachment, listAttachments, readAttachment } from '../../core/tickets/attachments.service';
import { MAX_ATTACHMENT_BYTES } from '../../core/tickets/attachment.entity';
import { actorOf, bearerAuth } from './auth';
import { idParam, ticketNumber } from './params';
import { sendAttachment } from '../http/download';

/**
 * POST /tickets/:number/attachments?filename=... with the file as the raw body (its Content-Type as
 * the file's type): mounted before the JSON parser, which would refuse a binary body.
 */
export function attachmentUpload(deps: CoreDeps): Router {
  const r = Router();
  r.post('/tickets/:number/attachments', bearerAuth(deps), express.raw({ type: () => true, limit: MAX_ATTACHMENT_BYTES + 1 }), async (req: Request, res: Response) => {
    const data = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const filename = typeof req.query.filename === 'string' ? req.query.filename : 'file';
    const a = await addAttachment(deps, actorOf(req), ticketNumber(req), { filename, contentType: req.get('content-type') ?? 'application/octet-stream', data });
    res.status(201).json(a);
  });
  return r;
}

/** GET /tickets/:number/attachments and GET /tickets/:number/attachments/:id (the bytes). */
export function attachmentRoutes(deps: CoreDeps): Router {
  const r = Router();
  r.get('/:number/attachments', async (req, res) => {
    res.json({ items: await listAttachments(deps, actorOf(req), ticketNumber(req)) });
  });
  r.get('/:number/attachments/:id', async (req, res) => {
    sendAttachment(res, await readAttachment(deps, actorOf(req), ticketNumber(req), idParam(req, 'id', 'attachment_not_found')));
  });
  return r;
}
