import type { NodeAPI } from 'node-red';
import { HrError } from '../../lib/errors';
import type { ErasureChannel } from '../../lib/forget/step';
import type { AtsConnectionNode } from '../hr-ats-connection/connectionRef';
import type { HrisConnectionNode } from '../hr-hris-connection/channels';

/**
 * The systems an hr-forget node can reach, from the connections it is given: the HRIS connection
 * brings its HRIS, its ATS write-back account and Checkr; the ATS connection its ATS API, when it has
 * API credentials.
 */
export function erasureChannels(
  RED: NodeAPI,
  atsId: string | undefined,
  hrisId: string | undefined,
): Map<string, ErasureChannel> {
  const channels = new Map<string, ErasureChannel>();
  const hris = hrisId ? (RED.nodes.getNode(hrisId) as HrisConnectionNode | null) : null;
  if (hrisId && (!hris || typeof hris.channels !== 'function'))
    throw new HrError(
      'forget.not_configured',
      'The selected HRIS connection does not exist any more: choose another one.',
    );
  if (hris) {
    const c = hris.channels();
    channels.set(c.hris.api.id, { ctx: { send: c.hris.client.request } });
    if (c.writeBack) channels.set(c.writeBack.api.id, { ctx: { send: c.writeBack.client.request } });
    if (c.checkr) channels.set('checkr', { ctx: { send: c.checkr.client.request } });
  }
  const ats = atsId ? (RED.nodes.getNode(atsId) as AtsConnectionNode | null) : null;
  if (atsId && (!ats || typeof ats.atsContext !== 'function'))
    throw new HrError(
      'forget.not_configured',
      'The selected ATS connection does not exist any more: choose another one.',
    );
  if (ats && ats.atsContext().auth !== null) {
    channels.set(ats.vendor, { ctx: ats.atsContext() });
  }
  return channels;
}
