/** The one spelling of a masked secret in logs, audit entries, alerts, status and messages. */
export const MASK = '[REDACTED]';
