/** Every string a card holds, in order: what a person could read (and a bit more). */
export function texts(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') out.push(node);
  else if (Array.isArray(node)) node.forEach((n) => texts(n, out));
  else if (node && typeof node === 'object') Object.values(node).forEach((v) => texts(v, out));
  return out;
}
export const allText = (node: unknown) => texts(node).join('\n');

/** Finds every object of a given `type` in a card (blocks, elements, actions). */
export function ofType(node: unknown, type: string, out: Array<Record<string, any>> = []): Array<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  if (Array.isArray(node)) node.forEach((n) => ofType(n, type, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === type) out.push(o);
    Object.values(o).forEach((v) => ofType(v, type, out));
  }
  return out;
}
