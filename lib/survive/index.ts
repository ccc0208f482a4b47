export { survivableFields, recordPath, getAt, setAt, type SurvivableField } from './fields';
export {
  decideField,
  ownerKindOf,
  survivorshipRules,
  mostRecent,
  type OwnerKind,
  type Sourced,
  type Verdict,
} from './rules';
export {
  mergeRecord,
  resolvedValues,
  UNRECORDED_SOURCE,
  type Offer,
  type FieldChange,
  type FieldKept,
  type FieldConflict,
  type MergeResult,
} from './merge';
export { readSource, SourceUpdate, type SourceRecord, type SourceKind, type ReadOptions } from './source';
export { rememberSent, isEcho } from './echo';
export { flowsTo, fromHrisTerms, offersOf, type TimedValue, type Translated } from './twoWay';
