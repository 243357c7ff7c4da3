package nl.salaronline.smtp;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the SMTP client.
 *
 * @param timeout connect, read and write timeout of every SMTP conversation ({@code salaronline.mail.timeout})
 * @param probeDeadline "Test verbinding" and "Verstuur testmail" end within this, whatever the server does
 * ({@code salaronline.mail.probe-deadline})
 * @param probesPerMinute how many probes and test mails one user may start per minute
 * ({@code salaronline.mail.probes-per-minute})
 */
@ConfigurationProperties("salaronline.mail")
record SmtpClientProperties(@DefaultValue("10s") Duration timeout, @DefaultValue("15s") Duration probeDeadline,
		@DefaultValue("10") int probesPerMinute) {

	SmtpClientProperties {
		if (timeout.isNegative() || timeout.isZero() || probeDeadline.isNegative() || probeDeadline.isZero()) {
			throw new IllegalArgumentException("salaronline.mail.timeout and probe-deadline must be positive");
		}
		if (probesPerMinute < 1) {
			throw new IllegalArgumentException("salaronline.mail.probes-per-minute must be at least 1");
		}
	}

}
