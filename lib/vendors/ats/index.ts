import { ashby } from './ashby';
import { checkr } from './checkr';
import { greenhouse } from './greenhouse';
import { lever } from './lever';
import { passthrough } from './passthrough';
import { smartrecruiters } from './smartrecruiters';
import type { AtsSource, AtsVendor } from './types';
import { workable } from './workable';

export * from './types';
export * from './events';

const sources: Record<AtsVendor, AtsSource> = {
  greenhouse,
  lever,
  ashby,
  workable,
  smartrecruiters,
  checkr,
  'standard-webhooks': passthrough('standard-webhooks'),
  generic: passthrough('generic'),
};

/** The module that knows the vendor's events and API. */
export const atsSourceFor = (vendor: AtsVendor): AtsSource => sources[vendor];
