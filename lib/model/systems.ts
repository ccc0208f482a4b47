import { z } from 'zod';

export const AtsSystem = z.enum(['greenhouse', 'lever', 'ashby', 'workable', 'smartrecruiters']);
export type AtsSystem = z.infer<typeof AtsSystem>;

export const HrisSystem = z.enum(['bamboohr', 'hibob', 'personio', 'generic']);
export type HrisSystem = z.infer<typeof HrisSystem>;

export const CheckProvider = z.enum(['checkr', 'sterling', 'hireright', 'other']);
export type CheckProvider = z.infer<typeof CheckProvider>;

/** Where a record came from; Merge is a source too when a customer reaches its ATS through Merge. */
export const SourceSystem = z.enum([...AtsSystem.options, 'merge']);
export type SourceSystem = z.infer<typeof SourceSystem>;
