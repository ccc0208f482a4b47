import { sendErasure } from '../erasure/call';
import type { Eraser } from '../erasure/types';
import { harvest } from './harvest';

/**
 * Harvest v3 candidate anonymise (`PATCH /v3/candidates/{id}/anonymize`) and delete
 * (`DELETE /v3/candidates/{id}`); the user the change is made as is the token's `sub`
 * (docs/vendors/greenhouse.md, "Erasure").
 */
export const GREENHOUSE_ERASURE = {
  /** Every field the documentation lists for anonymisation: an erasure request leaves nothing out. */
  anonymizeFields: [
    'full_name',
    'current_company',
    'current_title',
    'tags',
    'phone_numbers',
    'emails',
    'social_media_links',
    'websites',
    'addresses',
    'location',
    'custom_candidate_fields',
    'source',
    'recruiter',
    'coordinator',
    'attachments',
    'application_questions',
    'referral_questions',
    'notes',
    'rejection_notes',
    'email_addresses',
    'activity_items',
    'innotes',
    'inmails',
    'rejection_reason',
    'scorecards_and_interviews',
    'offers',
    'credited_to',
    'headline',
    'all_offer_versions',
    'follow_up_reminders',
    'custom_application_fields',
    'education',
    'employment',
    'candidate_stage_data',
    'prospect_owner',
    'custom_rejection_question_fields',
    'touchpoints',
    'prospect_pool_and_stage',
    'prospect_jobs',
    'prospect_offices',
    'prospect_offices_and_departments',
    'match_score_reasoning',
    'identity_verification',
    'third_party_integrations',
  ],
} as const;

export const greenhouseEraser: Eraser = {
  system: 'greenhouse',
  async erase(candidateId, ctx, settings) {
    if (settings.greenhouseMode === 'delete') {
      return sendErasure(ctx, { method: 'DELETE', url: harvest.candidate(candidateId) }, 'deleted');
    }
    return sendErasure(
      ctx,
      { method: 'PATCH', url: harvest.anonymize(candidateId), body: { fields: GREENHOUSE_ERASURE.anonymizeFields } },
      'anonymized',
    );
  },
};
