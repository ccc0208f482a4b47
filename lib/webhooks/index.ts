import { HrError } from '../errors';
import { ashby } from './ashby';
import { checkr } from './checkr';
import { genericHmac, type GenericHmacConfig } from './genericHmac';
import { greenhouse } from './greenhouse';
import { lever } from './lever';
import { smartrecruiters } from './smartrecruiters';
import { standardWebhooks } from './standardWebhooks';
import type { WebhookVendor, WebhookVerifier } from './types';
import { workable } from './workable';

export * from './types';
export { genericHmacConfig, type GenericHmacConfig } from './genericHmac';

const namedVerifiers: Record<Exclude<WebhookVendor, 'generic'>, WebhookVerifier> = {
  greenhouse,
  lever,
  ashby,
  workable,
  smartrecruiters,
  checkr,
  'standard-webhooks': standardWebhooks,
};

/** The verifier for a trigger node's vendor; `generic` also needs the user's description of the scheme. */
export function verifierFor(vendor: WebhookVendor, generic?: GenericHmacConfig): WebhookVerifier {
  if (vendor === 'generic') {
    if (!generic)
      throw new HrError('webhooks.generic_config_missing', 'A generic HMAC webhook needs its signature settings.');
    return genericHmac(generic);
  }
  const verifier = namedVerifiers[vendor];
  if (!verifier) throw new HrError('webhooks.vendor_unknown', `No webhook verifier for "${String(vendor)}".`);
  return verifier;
}
