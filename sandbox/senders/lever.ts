import { randomBytes } from 'node:crypto';
import type { SignedDelivery } from './delivery';
import { clockOf, hmacDigest, jsonBody, type SenderOptions } from './signing';

export interface LeverHireFields {
  opportunityId: string;
  /** Lever's candidate is its contact: both ids name the same person. */
  contactId: string;
  /** A fresh one per delivery unless given. */
  token: string;
}

/**
 * A thin Lever event (docs/vendors/lever.md): ids only, signed over `token + triggeredAt` with the event
 * type's signature token, not over the body.
 */
export function leverSender(options: SenderOptions) {
  const now = clockOf(options);
  const signed = (
    event: string,
    data: Record<string, unknown>,
    token = randomBytes(24).toString('hex'),
  ): SignedDelivery => {
    const triggeredAt = now().getTime();
    const signature = hmacDigest('sha256', options.secret, `${token}${triggeredAt}`);
    return {
      rawBody: jsonBody({ triggeredAt, event, signature, token, data }),
      headers: { 'Content-Type': 'application/json' },
    };
  };
  return {
    candidateHired: (fields: Partial<LeverHireFields> = {}) => {
      const contactId = fields.contactId ?? 'a3c8e9e2-8e47-4d8c-9b1c-9f3b6c0f7e11';
      const opportunityId = fields.opportunityId ?? '250d8f03-738a-4bba-a671-8a3d73477145';
      return signed('candidateHired', { opportunityId, candidateId: contactId, contactId }, fields.token);
    },
    candidateDeleted: (fields: Pick<LeverHireFields, 'contactId'> & Partial<LeverHireFields>) =>
      signed(
        'candidateDeleted',
        {
          ...(fields.opportunityId ? { opportunityId: fields.opportunityId } : {}),
          candidateId: fields.contactId,
          contactId: fields.contactId,
        },
        fields.token,
      ),
    candidateStageChange: (
      fields: Pick<LeverHireFields, 'opportunityId' | 'contactId'> & { toStageId: string; fromStageId: string },
    ) =>
      signed('candidateStageChange', {
        opportunityId: fields.opportunityId,
        candidateId: fields.contactId,
        contactId: fields.contactId,
        toStageId: fields.toStageId,
        fromStageId: fields.fromStageId,
      }),
    signed,
  };
}
