package nl.salaronline.smtpsettings;

/**
 * A level's SMTP settings were saved, or a Test verbinding on its saved settings passed: a level whose sending was
 * stopped (SPEC section 10) may send again.
 *
 * @param levelKind ACCOUNT or EMPLOYER
 * @param levelId the account's or the employer's id
 * @param saved saved (everything learned about the old settings is forgotten), or only tested
 */
public record SmtpSettingsConfirmed(String levelKind, long levelId, boolean saved) {
}
