import type { HttpRequest } from '../../lib/http';
import type { AtsAuthKind, AtsVendor } from '../../lib/vendors/ats';

/** Product names, for answers such as "Greenhouse refused the key". */
export const ATS_NAMES: Record<AtsVendor, string> = {
  greenhouse: 'Greenhouse',
  lever: 'Lever',
  ashby: 'Ashby',
  workable: 'Workable',
  smartrecruiters: 'SmartRecruiters',
  checkr: 'Checkr',
  'standard-webhooks': 'Standard Webhooks',
  generic: 'Generic HMAC',
};

/** Checkr's account read [unconfirmed], relative to `https://api.checkr.com/v1`. */
export const CHECKR_ACCOUNT = 'account';

/**
 * The one harmless call per ATS API for "Test connection", relative to the base URL its vendor module
 * uses: a read of at most one row that changes nothing. Greenhouse's is the poll's own list
 * (docs/vendors/greenhouse.md). [unconfirmed] The others are the vendors' plain list or account reads,
 * not covered by docs/vendors/; change them here. Senders without an API have none.
 */
export const ATS_PROBES: Partial<Record<AtsVendor, (auth: AtsAuthKind) => HttpRequest>> = {
  greenhouse: () => ({ method: 'GET', url: 'v3/applications', query: { per_page: 1 } }),
  lever: () => ({ method: 'GET', url: 'opportunities', query: { limit: 1 } }),
  // An Ashby read is an RPC POST; it changes nothing, so repeating it is harmless.
  ashby: () => ({ method: 'POST', url: 'application.list', body: { limit: 1 }, idempotent: true }),
  workable: () => ({ method: 'GET', url: 'jobs', query: { limit: 1 } }),
  smartrecruiters: () => ({ method: 'GET', url: 'user-api/v201804/users/me' }),
  checkr: () => ({ method: 'GET', url: CHECKR_ACCOUNT }),
};
