/**
 * SMTP Instellingen: one settings record per account and per employer (own SMTP on/off, server, security, sign-in,
 * encrypted secrets, who changed it and when), the screens of both levels, and {@link SmtpSettingsLookup} for the
 * mail service.
 */
package nl.salaronline.smtpsettings;
