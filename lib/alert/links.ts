import type { AlertSource } from './alert';

/** What the editor's HR sync sidebar opens on load: a review or a dead letter of the store, by its id. */
export interface SidebarItem {
  review?: number;
  deadLetter?: number;
}

/**
 * The query parameters the HR sync sidebar reads on load to open its card
 * (plugins/hr-sync-sidebar/hr-sync-sidebar.html); a query, because the editor owns the hash.
 */
export const SIDEBAR_PARAMS = { review: 'hr-sync-review', deadLetter: 'hr-sync-dead-letter' } as const;

/**
 * A link that opens the Node-RED editor on the failing node (`#node/<id>`) or its flow
 * (`#flow/<id>`): the editor reads both from the URL hash (@node-red/editor-client red.js, the
 * `/^#(flow|node|group)\/.+$/` check on load). A review or dead letter the alert is about is opened in
 * the HR sync sidebar as well, where it is decided.
 */
export function editorLink(
  editorUrl: string | undefined,
  source: AlertSource | undefined,
  item: SidebarItem = {},
): string | undefined {
  const base = editorUrl
    ?.trim()
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '');
  if (!base) return undefined;
  const query = new URLSearchParams();
  if (item.review !== undefined) query.set(SIDEBAR_PARAMS.review, String(item.review));
  if (item.deadLetter !== undefined) query.set(SIDEBAR_PARAMS.deadLetter, String(item.deadLetter));
  const hash = source?.nodeId
    ? `#node/${encodeURIComponent(source.nodeId)}`
    : source?.flowId
      ? `#flow/${encodeURIComponent(source.flowId)}`
      : '';
  if (!hash && query.size === 0) return undefined;
  return `${base}/${query.size ? `?${query}` : ''}${hash}`;
}
