import { redact } from '../http';

/**
 * Record fields never shown in an output, a dead-letter listing or a dry run, on top of lib/http's
 * key and pattern rules (tokens, SSN-shaped values, card numbers).
 */
export const SECRET_RECORD_FIELDS = ['ssn', 'sin', 'nin', 'nationalId', 'national_id', 'taxId', 'dateOfBirth', 'dob', 'bankAccount', 'driver_license_number'];

export const maskSecrets = <T>(value: T): T => redact(value, { paths: SECRET_RECORD_FIELDS });
