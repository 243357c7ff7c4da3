package nl.salaronline.mail.outbox;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.mail.internet.InternetAddress;

import org.springframework.stereotype.Component;

import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.mail.MailTransport;
import nl.salaronline.mail.RecipientKind;
import nl.salaronline.smtpsettings.OwnSmtp;
import nl.salaronline.smtpsettings.SmtpSettingsLookup;

/**
 * The routing of SPEC section 5, decided when a mail is sent (not when it is queued), from the settings saved at
 * that moment in the shared database, so a change made through any instance applies to the next mail:
 * <ul>
 * <li>to an employee of E: E's own SMTP when on, from E's address with E's name;</li>
 * <li>to employer E: the own SMTP of E's account when on, from the account's address with its name;</li>
 * <li>otherwise the default transport, from {@code salaronline.mail.default-from} with the display name
 * "&lt;level's name&gt; via SalarOnline" and the level's address as Reply-To.</li>
 * </ul>
 */
@Component
class MailRouter {

	static final String ON_BEHALF_SUFFIX = " via SalarOnline";

	private final SmtpSettingsLookup settings;

	private final EmployerRepository employers;

	private final AccountRepository accounts;

	private final OutboxProperties properties;

	MailRouter(SmtpSettingsLookup settings, EmployerRepository employers, AccountRepository accounts,
			OutboxProperties properties) {
		this.settings = settings;
		this.employers = employers;
		this.accounts = accounts;
		this.properties = properties;
	}

	Route route(RecipientKind recipient, long employerId) {
		Employer employer = employers.findById(employerId)
			.orElseThrow(() -> new IllegalStateException("Employer " + employerId + " of a queued mail is gone"));
		if (recipient == RecipientKind.EMPLOYEE) {
			return route(MailTransport.EMPLOYER, "EMPLOYER:" + employerId, settings.forEmployer(employerId),
					employer.getName(), employer.getEmail());
		}
		Account account = accounts.findById(employer.getAccountId())
			.orElseThrow(() -> new IllegalStateException("Account of employer " + employerId + " is gone"));
		return route(MailTransport.ACCOUNT, "ACCOUNT:" + account.getId(), settings.forAccount(account.getId()),
				account.getName(), account.getEmail());
	}

	private Route route(MailTransport own, String channel, Optional<OwnSmtp> ownSmtp, String name, String email) {
		if (ownSmtp.isPresent()) {
			return new Route(own, channel, address(email, name), null, ownSmtp.get());
		}
		return new Route(MailTransport.DEFAULT, Route.DEFAULT_CHANNEL,
				address(properties.defaultFrom(), name + ON_BEHALF_SUFFIX), address(email, name), null);
	}

	/** The display name cannot carry a header: control characters (line breaks) become spaces. */
	private static InternetAddress address(String email, String name) {
		String displayName = name == null ? null : name.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
		try {
			return new InternetAddress(email.strip(), displayName, StandardCharsets.UTF_8.name());
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException("UTF-8 is always supported", ex);
		}
	}

}
