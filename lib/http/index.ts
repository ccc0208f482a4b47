export { apiKeyHeader, basicAuth, bearerToken, staticHeaders, type AuthProvider, type Credentials } from './auth';
export { createHttpClient, type HttpClient, type HttpClientOptions, type HttpLogEntry, type HttpRequest, type HttpResponse } from './client';
export type { Clock } from './clock';
export { HttpError, type HttpErrorCode } from './httpError';
export { oauthClientCredentials, oauthRefreshToken, type OAuthOptions } from './oauth';
export type { RateLimit } from './rateLimiter';
export { MASK, redact, redactText, redactUrl, type RedactOptions } from './redact';
export { defaultRetryPolicy, type RetryPolicy } from './retry';
export { vendorMessage } from './vendorMessage';
