package nl.salaronline.mail.outbox;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

	private static final Logger log = LoggerFactory.getLogger(MailRouter.class);

	private static final java.util.regex.Pattern CONTROL_CHARACTERS = java.util.regex.Pattern
		.compile("[\\p{Cntrl}\\u2028\\u2029]");

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
			// no route (retried until an admin corrects the address) rather than a MAIL FROM or From with a line break
			InternetAddress from = address(email, name)
				.orElseThrow(() -> new IllegalStateException("the address of " + channel + " is not a valid e-mail address"));
			return new Route(own, channel, from, null, ownSmtp.get());
		}
		InternetAddress replyTo = address(email, name).orElse(null);
		if (replyTo == null) {
			log.warn("The address of {} is not a valid e-mail address: mail goes without Reply-To", channel);
		}
		return new Route(MailTransport.DEFAULT, Route.DEFAULT_CHANNEL,
				address(properties.defaultFrom(), name + ON_BEHALF_SUFFIX).orElseThrow(), replyTo, null);
	}

	/**
	 * The display name cannot carry a header: control characters (line breaks) become spaces. An address with control
	 * characters or otherwise invalid (stored by a bad import, say; the forms refuse it) gives none: written into a
	 * header it would be folded into garbage, and into MAIL FROM it would be a second SMTP command.
	 */
	private static Optional<InternetAddress> address(String email, String name) {
		String displayName = name == null ? null : name.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
		if (email == null || CONTROL_CHARACTERS.matcher(email).find()) {
			return Optional.empty();
		}
		try {
			InternetAddress address = new InternetAddress(email.strip(), displayName, StandardCharsets.UTF_8.name());
			address.validate();
			return Optional.of(address);
		}
		catch (AddressException ex) {
			return Optional.empty();
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException("UTF-8 is always supported", ex);
		}
	}

}
