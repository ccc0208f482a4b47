export { apiKeyHeader, basicAuth, bearerToken, staticHeaders, type AuthProvider, type Credentials } from './auth';
export {
  createHttpClient,
  type HttpClient,
  type HttpClientOptions,
  type HttpLogEntry,
  type HttpRequest,
  type HttpResponse,
} from './client';
export type { Clock } from './clock';
export { HttpError, type HttpErrorCode, type HttpErrorFacts } from './httpError';
export { oauthClientCredentials, oauthRefreshToken, type OAuthOptions, type RefreshTokenOptions } from './oauth';
export type { RateLimit } from './rateLimiter';
export { MASK, redact, redactText, redactUrl, secretValues, type RedactOptions } from '../privacy/redact';
export { defaultRetryPolicy, type RetryPolicy } from './retry';
export { vendorMessage, type VendorMessageOptions } from './vendorMessage';
