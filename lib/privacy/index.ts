export { defaultPolicy, SecretPolicy, type MaskOptions } from './policy';
export { FORBIDDEN_KEYS, forbiddenSegment, isSecretKey } from './keys';
export { MASK, redact, redactText, redactUrl, secretValues, type RedactOptions } from './redact';
