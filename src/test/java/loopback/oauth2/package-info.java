/**
 * A real OAuth2 authorization server on loopback for the XOAUTH2 tests: Spring Authorization Server issuing
 * client-credentials tokens (Microsoft 365's flow) and, through a small custom grant, JWT-bearer tokens (Google's
 * service-account flow, RFC 7523), with token introspection for the SMTP server that checks the tokens.
 * <p>
 * Deliberately outside {@code nl.salaronline}, so the application's component scan never picks it up.
 */
package loopback.oauth2;
