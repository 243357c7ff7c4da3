package nl.salaronline.mail.outbox;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import nl.salaronline.account.Account;
import nl.salaronline.account.AccountRepository;
import nl.salaronline.employer.EmployerDirectory;
import nl.salaronline.employer.EmployerDirectory.EmployerEntry;
import nl.salaronline.mail.MailTransport;
import nl.salaronline.mail.RecipientKind;
import nl.salaronline.smtp.MailAddressRule;
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
		.compile("[\\p{Cntrl}\\u2028\\u2029]+");

	/** Invisible format characters but the two joiners (see {@link nl.salaronline.smtp.VisibleText}). */
	private static final java.util.regex.Pattern INVISIBLE = java.util.regex.Pattern
		.compile("[\\p{Cf}&&[^\\u200c\\u200d]]");

	private final SmtpSettingsLookup settings;

	private final EmployerDirectory employers;

	private final AccountRepository accounts;

	private final OutboxProperties properties;

	MailRouter(SmtpSettingsLookup settings, EmployerDirectory employers, AccountRepository accounts,
			OutboxProperties properties) {
		this.settings = settings;
		this.employers = employers;
		this.accounts = accounts;
		this.properties = properties;
	}

	/** The route of one level; throws when there is none (the employer or its account is gone, a bad address). */
	Route route(RecipientKind recipient, long employerId) {
		Level level = new Level(recipient, employerId);
		return new Lookup(List.of(level)).route(level);
	}

	/**
	 * The routes of many levels (those of one claim) read together: the employers, their accounts and the settings
	 * versions in one query each, rather than per mail. A level without a route gets the reason instead.
	 */
	Routes routes(Collection<Level> levels) {
		Lookup lookup = new Lookup(levels);
		Map<Level, Route> found = new HashMap<>();
		Map<Level, String> problems = new HashMap<>();
		for (Level level : levels) {
			try {
				found.put(level, lookup.route(level));
			}
			catch (IllegalStateException ex) {
				problems.put(level, ex.getMessage());
			}
		}
		return new Routes(found, problems);
	}

	/** The routes of some levels, and why the others have none. */
	record Routes(Map<Level, Route> found, Map<Level, String> problems) {
	}

	/** Whom a mail goes to: an employee of the employer (its level is the employer) or the employer (its account). */
	record Level(RecipientKind recipient, long employerId) {
	}

	/** What the routes of some levels are made of, read once. */
	private final class Lookup {

		private final Map<Long, EmployerEntry> employersById;

		private final Map<Long, Account> accountsById;

		private final Map<Long, OwnSmtp> employerSmtp;

		private final Map<Long, OwnSmtp> accountSmtp;

		Lookup(Collection<Level> levels) {
			employersById = byId(employers.findAll(ids(levels, null)), EmployerEntry::id);
			employerSmtp = settings.forEmployers(ids(levels, RecipientKind.EMPLOYEE));
			Set<Long> accountIds = ids(levels, RecipientKind.EMPLOYER).stream()
				.map(employersById::get)
				.filter(Objects::nonNull)
				.map(EmployerEntry::accountId)
				.collect(Collectors.toSet());
			accountsById = accountIds.isEmpty() ? Map.of() : byId(accounts.findAllById(accountIds), Account::getId);
			accountSmtp = settings.forAccounts(accountIds);
		}

		Route route(Level level) {
			long employerId = level.employerId();
			EmployerEntry employer = employersById.get(employerId);
			if (employer == null) {
				throw new IllegalStateException("Employer " + employerId + " of a queued mail is gone");
			}
			if (level.recipient() == RecipientKind.EMPLOYEE) {
				return MailRouter.this.route(MailTransport.EMPLOYER, "EMPLOYER:" + employerId,
						Optional.ofNullable(employerSmtp.get(employerId)), employer.name(), employer.email());
			}
			Account account = accountsById.get(employer.accountId());
			if (account == null) {
				throw new IllegalStateException("Account of employer " + employerId + " is gone");
			}
			return MailRouter.this.route(MailTransport.ACCOUNT, "ACCOUNT:" + account.getId(),
					Optional.ofNullable(accountSmtp.get(account.getId())), account.getName(), account.getEmail());
		}

		private static Set<Long> ids(Collection<Level> levels, RecipientKind recipient) {
			return levels.stream()
				.filter(level -> recipient == null || level.recipient() == recipient)
				.map(Level::employerId)
				.collect(Collectors.toSet());
		}

		private static <T> Map<Long, T> byId(List<T> rows, Function<T, Long> id) {
			return rows.stream().collect(Collectors.toMap(id, Function.identity()));
		}

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
	 * The default transport for a level's mail while the level is stalled and "Bij storing versturen via SalarOnline"
	 * is on: as without own SMTP, from the platform's address on the level's behalf, with the level's address as
	 * Reply-To.
	 */
	Route viaDefault(Route own) {
		String name = own.from().getPersonal();
		return new Route(MailTransport.DEFAULT, Route.DEFAULT_CHANNEL,
				address(properties.defaultFrom(), (name == null ? "" : name) + ON_BEHALF_SUFFIX).orElseThrow(),
				own.from(), null);
	}

	/**
	 * The display name cannot carry a header: control characters (line breaks) become spaces, and invisible format
	 * characters (bidirectional controls) are dropped. An address that breaks {@link MailAddressRule} (stored by a bad
	 * import, say; the forms refuse it) gives none: written into a header it would be folded into garbage, and into
	 * MAIL FROM it would be a second SMTP command or a quoted local part the server may not read.
	 */
	private static Optional<InternetAddress> address(String email, String name) {
		String displayName = name == null ? null
				: INVISIBLE.matcher(CONTROL_CHARACTERS.matcher(name).replaceAll(" ")).replaceAll("").strip();
		if (email == null || CONTROL_CHARACTERS.matcher(email).find() || !MailAddressRule.isValid(email.strip())) {
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
