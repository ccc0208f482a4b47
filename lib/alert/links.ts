import type { AlertSource } from './alert';

/**
 * A link that opens the Node-RED editor on the failing node (`#node/<id>`) or its flow
 * (`#flow/<id>`): the editor reads both from the URL hash (@node-red/editor-client red.js, the
 * `/^#(flow|node|group)\/.+$/` check on load).
 */
export function editorLink(editorUrl: string | undefined, source: AlertSource | undefined): string | undefined {
  const base = editorUrl?.trim().replace(/#.*$/, '').replace(/\/+$/, '');
  if (!base || !source) return undefined;
  if (source.nodeId) return `${base}/#node/${encodeURIComponent(source.nodeId)}`;
  if (source.flowId) return `${base}/#flow/${encodeURIComponent(source.flowId)}`;
  return undefined;
}
