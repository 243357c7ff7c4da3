package nl.salaronline.mail.limits;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import nl.salaronline.account.AccountRepository;
import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.smtpsettings.OwnSmtp;
import nl.salaronline.smtpsettings.SendingStops;
import nl.salaronline.smtpsettings.SmtpSettingsLookup;

/** The stopped levels as the screens show them. */
@Component
class LevelSendingStops implements SendingStops {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm")
		.withZone(ZoneId.of("Europe/Amsterdam"));

	private final LevelStates states;

	private final WaitingMails waiting;

	private final AccountRepository accounts;

	private final EmployerRepository employers;

	private final SmtpSettingsLookup settings;

	LevelSendingStops(LevelStates states, WaitingMails waiting, AccountRepository accounts,
			EmployerRepository employers, SmtpSettingsLookup settings) {
		this.settings = settings;
		this.states = states;
		this.waiting = waiting;
		this.accounts = accounts;
		this.employers = employers;
	}

	@Override
	public Optional<SendingStop> of(String levelKind, long levelId) {
		LevelKey level = new LevelKey(LevelKey.Kind.valueOf(levelKind), levelId);
		LevelState state = states.of(List.of(level)).get(level);
		if (state == null || !state.stalled()) {
			return Optional.empty();
		}
		Optional<OwnSmtp> own = level.kind() == LevelKey.Kind.ACCOUNT ? settings.forAccount(levelId)
				: settings.forEmployer(levelId);
		return Optional.of(new SendingStop(format(state.stalledSince()), reasonKey(state), state.stallReply(),
				waiting.count(level), format(state.stallRetryAt()), own.map(OwnSmtp::fallbackToDefault).orElse(false)));
	}

	@Override
	public List<StoppedLevel> ofAccount(long accountId) {
		return states.stalledOf(accountId).stream().map(state -> switch (state.key().kind()) {
			case ACCOUNT -> new StoppedLevel("ACCOUNT", null,
					accounts.findById(state.key().id()).map(account -> account.getName()).orElse(""),
					format(state.stalledSince()), "/gebruiker/smtp-instellingen");
			case EMPLOYER -> {
				Employer employer = employers.findById(state.key().id()).orElse(null);
				yield employer == null ? null : new StoppedLevel("EMPLOYER", employer.getCode(), employer.getName(),
						format(state.stalledSince()), "/werkgever/" + employer.getCode() + "/smtp-instellingen");
			}
		}).filter(java.util.Objects::nonNull).toList();
	}

	/** The Dutch explanation of the cause (as the Verzendlog and Test verbinding give it). */
	private static String reasonKey(LevelState state) {
		return LevelReplies.reasonKey(state.stallCause(), state.stallReply());
	}

	private static String format(Instant instant) {
		return instant == null ? null : TIME.format(instant);
	}

}
