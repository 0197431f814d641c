/**
 * Slack's documented Block Kit limits (docs.slack.dev/reference/block-kit), checked on rendered JSON.
 * Returns every problem found, as "path: what", so a failing test says where.
 */
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const MRKDWN_ANGLE = /<(?!(https?:\/\/|mailto:|@[UW]|#C|!(here|channel|everyone|date|subteam))[^>]*>)/;
const BARE_AMP = /&(?!(amp|lt|gt);)/;

export function messageProblems(msg: { text?: unknown; blocks?: unknown }): string[] {
  const p: string[] = [];
  if (typeof msg.text !== 'string' || !msg.text.length) p.push('text: the fallback text is missing');
  else if (msg.text.length > 40000) p.push('text: over 40000 characters');
  else checkMrkdwn('text', msg.text, p);
  checkBlocks(msg.blocks, 50, p);
  return p;
}

export function modalProblems(view: Obj): string[] {
  const p: string[] = [];
  if (view.type !== 'modal') p.push('type: not modal');
  plain('title', view.title, 24, p);
  if (view.submit !== undefined) plain('submit', view.submit, 24, p);
  if (view.close !== undefined) plain('close', view.close, 24, p);
  if (typeof view.callback_id !== 'string' || view.callback_id.length > 255) p.push('callback_id: missing or over 255');
  if (view.private_metadata !== undefined && String(view.private_metadata).length > 3000) p.push('private_metadata: over 3000');
  checkBlocks(view.blocks, 100, p);
  return p;
}

function checkBlocks(blocks: unknown, max: number, p: string[]) {
  if (!Array.isArray(blocks) || !blocks.length) return void p.push('blocks: missing or empty');
  if (blocks.length > max) p.push(`blocks: ${blocks.length} blocks, more than ${max}`);
  const blockIds = new Set<string>();
  blocks.forEach((b: Obj, i) => {
    const at = `blocks[${i}](${b.type})`;
    if (b.block_id !== undefined) {
      if (b.block_id.length > 255) p.push(`${at}.block_id: over 255`);
      if (blockIds.has(b.block_id)) p.push(`${at}.block_id: not unique`);
      blockIds.add(b.block_id);
    }
    switch (b.type) {
      case 'header':
        plain(`${at}.text`, b.text, 150, p);
        break;
      case 'section':
        if (!b.text && !b.fields) p.push(`${at}: neither text nor fields`);
        if (b.text) text(`${at}.text`, b.text, 3000, p);
        if (b.fields) {
          if (b.fields.length > 10) p.push(`${at}.fields: more than 10`);
          b.fields.forEach((f: Obj, j: number) => text(`${at}.fields[${j}]`, f, 2000, p));
        }
        if (b.accessory) element(`${at}.accessory`, b.accessory, p);
        break;
      case 'context':
        if (!b.elements?.length || b.elements.length > 10) p.push(`${at}.elements: 1 to 10 needed`);
        b.elements?.forEach((e: Obj, j: number) => text(`${at}.elements[${j}]`, e, 3000, p));
        break;
      case 'actions': {
        if (!b.elements?.length || b.elements.length > 25) p.push(`${at}.elements: 1 to 25 needed`);
        const ids = new Set<string>();
        b.elements?.forEach((e: Obj, j: number) => {
          if (ids.has(e.action_id)) p.push(`${at}.elements[${j}].action_id: not unique in the block`);
          ids.add(e.action_id);
          element(`${at}.elements[${j}]`, e, p);
        });
        break;
      }
      case 'input':
        plain(`${at}.label`, b.label, 2000, p);
        if (b.hint) plain(`${at}.hint`, b.hint, 2000, p);
        element(`${at}.element`, b.element, p);
        break;
      case 'divider':
        break;
      case 'image':
        if (typeof b.image_url !== 'string' || !/^https?:\/\//.test(b.image_url) || b.image_url.length > 3000) p.push(`${at}.image_url: missing, not http(s) or over 3000`);
        if (typeof b.alt_text !== 'string' || !b.alt_text.length || b.alt_text.length > 2000) p.push(`${at}.alt_text: 1 to 2000 characters needed`);
        break;
      default:
        p.push(`${at}: block type not checked by this validator`);
    }
  });
}

function element(at: string, e: Obj, p: string[]) {
  if (typeof e.action_id !== 'string' || !e.action_id.length || e.action_id.length > 255) p.push(`${at}.action_id: missing or over 255`);
  if (e.placeholder) plain(`${at}.placeholder`, e.placeholder, 150, p);
  switch (e.type) {
    case 'button':
      plain(`${at}.text`, e.text, 75, p);
      if (e.value !== undefined && (typeof e.value !== 'string' || e.value.length > 2000)) p.push(`${at}.value: not a string or over 2000`);
      if (e.url !== undefined && e.url.length > 3000) p.push(`${at}.url: over 3000`);
      break;
    case 'static_select':
      if (!e.options?.length || e.options.length > 100) p.push(`${at}.options: 1 to 100 needed`);
      e.options?.forEach((o: Obj, j: number) => option(`${at}.options[${j}]`, o, p));
      if (e.initial_option && !e.options?.some((o: Obj) => JSON.stringify(o) === JSON.stringify(e.initial_option))) {
        p.push(`${at}.initial_option: not one of the options`);
      }
      break;
    case 'multi_users_select':
      break;
    case 'plain_text_input':
      if (e.max_length !== undefined && (e.max_length < 1 || e.max_length > 3000)) p.push(`${at}.max_length: out of 1..3000`);
      if (e.initial_value !== undefined && e.initial_value.length > (e.max_length ?? 3000)) p.push(`${at}.initial_value: longer than max_length`);
      break;
    default:
      p.push(`${at}: element type not checked by this validator`);
  }
}

function option(at: string, o: Obj, p: string[]) {
  plain(`${at}.text`, o.text, 75, p);
  if (typeof o.value !== 'string' || !o.value.length || o.value.length > 150) p.push(`${at}.value: missing or over 150`);
}

function plain(at: string, t: Obj | undefined, max: number, p: string[]) {
  if (t?.type !== 'plain_text') return void p.push(`${at}: must be plain_text`);
  text(at, t, max, p);
}

function text(at: string, t: Obj | undefined, max: number, p: string[]) {
  if (!t || (t.type !== 'plain_text' && t.type !== 'mrkdwn')) return void p.push(`${at}: not a text object`);
  if (typeof t.text !== 'string' || !t.text.trim().length) return void p.push(`${at}: empty text`);
  if (t.text.length > max) p.push(`${at}: ${t.text.length} characters, more than ${max}`);
  if (t.type === 'mrkdwn') checkMrkdwn(at, t.text, p);
}

/** User text reaches mrkdwn escaped: no `<` but our links and mentions, no `&` but the three entities. */
function checkMrkdwn(at: string, s: string, p: string[]) {
  if (MRKDWN_ANGLE.test(s)) p.push(`${at}: unescaped "<" in mrkdwn near ${JSON.stringify(s.slice(s.search(MRKDWN_ANGLE), s.search(MRKDWN_ANGLE) + 20))}`);
  if (BARE_AMP.test(s)) p.push(`${at}: unescaped "&" in mrkdwn`);
  const withoutLinks = s.replace(/<[^<>]*>/g, '');
  if (withoutLinks.includes('>')) p.push(`${at}: unescaped ">" in mrkdwn`);
}
