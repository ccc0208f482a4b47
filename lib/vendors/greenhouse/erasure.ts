import { sendErasure, manual } from '../erasure/call';
import type { Eraser } from '../erasure/types';

/**
 * Harvest v1 (greenhouse-api-docs `source/includes/harvest/_candidates.md`, "DELETE: Delete Candidate"
 * and "PUT: Anonymize Candidate"); both need On-Behalf-Of. The v3 routes for these were not retrieved
 * [unconfirmed], so an OAuth (v3) connection is not used for erasure: kept here to change in one place.
 */
export const GREENHOUSE_ERASURE = {
  candidate: (id: string) => `v1/candidates/${encodeURIComponent(id)}`,
  anonymize: (id: string) => `v1/candidates/${encodeURIComponent(id)}/anonymize`,
  /** Every field the documentation lists for anonymisation: an erasure request leaves nothing out. */
  anonymizeFields: [
    'full_name', 'current_company', 'current_title', 'tags', 'phone_numbers', 'emails', 'social_media_links', 'websites', 'addresses',
    'location', 'custom_candidate_fields', 'source', 'recruiter', 'coordinator', 'attachments', 'application_questions',
    'referral_questions', 'notes', 'rejection_notes', 'email_addresses', 'activity_items', 'innotes', 'inmails', 'rejection_reason',
    'scorecards_and_interviews', 'offers', 'credited_to', 'headline', 'all_offer_versions', 'follow_up_reminders',
    'custom_application_fields', 'education', 'employment', 'candidate_stage_data', 'prospect_owner', 'custom_rejection_question_fields',
    'touchpoints', 'prospect_pool_and_stage', 'prospect_jobs', 'prospect_offices', 'prospect_offices_and_departments',
    'match_score_reasoning', 'identity_verification', 'third_party_integrations',
  ],
} as const;

export const greenhouseEraser: Eraser = {
  system: 'greenhouse',
  async erase(candidateId, ctx, settings) {
    if (!settings.actAs) return manual('Greenhouse makes every deletion on behalf of a user, and no user id is set (On-Behalf-Of).');
    const headers = { 'On-Behalf-Of': settings.actAs };
    if (settings.greenhouseMode === 'delete') {
      return sendErasure(ctx, { method: 'DELETE', url: GREENHOUSE_ERASURE.candidate(candidateId), headers }, 'deleted');
    }
    const query = { fields: GREENHOUSE_ERASURE.anonymizeFields.join(',') };
    return sendErasure(ctx, { method: 'PUT', url: GREENHOUSE_ERASURE.anonymize(candidateId), headers, query }, 'anonymized');
  },
};
