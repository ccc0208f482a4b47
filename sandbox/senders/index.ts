export { deliver, type DeliveryResponse, type SignedDelivery } from './delivery';
export type { SenderOptions } from './signing';
export { ashbySender } from './ashby';
export { bamboohrSender, type BambooFieldChange } from './bamboohr';
export { checkrSender } from './checkr';
export { genericHmacSender, type GenericSigning } from './genericHmac';
export {
  greenhouseJson,
  greenhouseSender,
  hireCandidatePayload,
  offerCreatedPayload,
  updateCandidatePayload,
} from './greenhouse';
export { leverSender } from './lever';
export { smartRecruitersSender } from './smartrecruiters';
export { standardWebhooksSender } from './standardWebhooks';
export { workableSender } from './workable';
