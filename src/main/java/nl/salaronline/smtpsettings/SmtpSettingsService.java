package nl.salaronline.smtpsettings;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Loads and saves the settings of a level; who saved them and when is recorded with them. */
@Service
class SmtpSettingsService {

	private static final Logger log = LoggerFactory.getLogger(SmtpSettingsService.class);

	private final SmtpSettingsRepository settings;

	private final SettingsAudit audit;

	private final ApplicationEventPublisher events;

	private final Clock clock = Clock.systemUTC();

	SmtpSettingsService(SmtpSettingsRepository settings, SettingsAudit audit, ApplicationEventPublisher events) {
		this.settings = settings;
		this.audit = audit;
		this.events = events;
	}

	@Transactional(readOnly = true)
	java.util.List<SettingsChange> recentChanges(SettingsLevel level) {
		return audit.recentFor(level);
	}

	@Transactional(readOnly = true)
	Optional<SmtpSettings> find(SettingsLevel level) {
		return switch (level.kind()) {
			case ACCOUNT -> settings.findByAccountId(level.id());
			case EMPLOYER -> settings.findByEmployerId(level.id());
		};
	}

	/**
	 * Saves a validated form. With own SMTP off only the switch changes; the server values stay for later.
	 * @throws ConcurrentChangeException when the settings changed since the user opened the form
	 */
	@Transactional
	void save(SettingsLevel level, SmtpSettingsForm form, String changedBy) {
		SmtpSettings current = find(level).orElse(null);
		Long currentVersion = current == null ? null : current.getVersion();
		if (!Objects.equals(currentVersion, form.getVersion())) {
			throw new ConcurrentChangeException();
		}
		SettingsAudit.Snapshot before = SettingsAudit.Snapshot.of(current);
		SmtpSettings target = current != null ? current : newSettings(level);
		if (form.isEnabled()) {
			String storedPin = current == null ? null : current.getPinnedCertificateSha256();
			switch (form.getAuthMethod()) {
				case MICROSOFT_OAUTH2 -> target.useMicrosoft(form.hostToStore(), form.getPort(), form.usernameToStore(),
						form.getSecurity(), form.tenantIdToStore(), form.clientIdToStore(), form.newClientSecret());
				case GOOGLE_OAUTH2 -> target.useGoogle(form.hostToStore(), form.getPort(), form.usernameToStore(),
						form.getSecurity(), form.newServiceAccountKey());
				default -> target.useServer(form.hostToStore(), form.getPort(), form.usernameToStore(),
						form.getSecurity(), form.newPassword());
			}
			// a certificate trusted or no longer trusted in this form goes with the form's server; the stored one
			// merely carried along stays forgotten when the server changed (server(...))
			if (!Objects.equals(form.pinnedSha256(), storedPin) || target.getPinnedCertificateSha256() != null) {
				target.trustCertificate(form.pinnedSha256(), form.pinnedSubject());
			}
			// the validator required it with "Geen"; with TLS it is forgotten
			target.confirmPlainTextSignIn(form.isPlainTextSignIn());
			target.limit(form.maxPerMinuteToStore(), form.maxPerDayToStore(), form.isFallbackToDefault());
		}
		else {
			target.turnOff();
		}
		target.changedBy(changedBy, clock.instant());
		try {
			settings.saveAndFlush(target);
			audit.record(level, before, target, changedBy, target.getUpdatedAt());
			// after the commit: a stopped level sends again with what was saved (SPEC section 10)
			events.publishEvent(new SmtpSettingsConfirmed(level.kind().name(), level.id(), true));
		}
		catch (ObjectOptimisticLockingFailureException | DataIntegrityViolationException ex) {
			// another save got in between our read and write (or created the record first)
			throw new ConcurrentChangeException();
		}
		log.info("SMTP settings of {} {} saved by {}: own SMTP {}{}", level.kind(), level.id(), changedBy,
				form.isEnabled() ? "on via " : "off",
				form.isEnabled() ? form.hostToStore() + ":" + form.getPort() + " (" + form.getAuthMethod() + ")" : "");
	}

	private static SmtpSettings newSettings(SettingsLevel level) {
		return switch (level.kind()) {
			case ACCOUNT -> SmtpSettings.forAccount(level.id());
			case EMPLOYER -> SmtpSettings.forEmployer(level.id());
		};
	}

	/** The settings were saved by someone else since the form was opened; nothing was saved. */
	static class ConcurrentChangeException extends RuntimeException {

		ConcurrentChangeException() {
			super("SMTP settings changed concurrently", null, false, false);
		}

	}

}
