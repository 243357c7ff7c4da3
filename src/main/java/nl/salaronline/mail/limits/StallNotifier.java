package nl.salaronline.mail.limits;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import nl.salaronline.account.AccountRepository;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.smtp.SmtpFailure;

/**
 * Tells a stalled level's own address that its mails wait, through the default transport (its own server is the one
 * refusing): once when it stalls and at most once per {@code salaronline.mail.limits.reminder} (a day) while it
 * lasts, decided over all instances by {@link LevelStates#claimNotification}. Never to anyone else.
 */
@Component
public class StallNotifier {

	private static final Logger log = LoggerFactory.getLogger(StallNotifier.class);

	private static final Locale DUTCH = Locale.forLanguageTag("nl");

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm")
		.withZone(ZoneId.of("Europe/Amsterdam"));

	private final LevelStates states;

	private final WaitingMails waiting;

	private final ObjectProvider<JavaMailSender> defaultSender;

	private final MessageSource messages;

	private final AccountRepository accounts;

	private final EmployerRepository employers;

	private final String defaultFrom;

	StallNotifier(LevelStates states, WaitingMails waiting, ObjectProvider<JavaMailSender> defaultSender,
			MessageSource messages, AccountRepository accounts, EmployerRepository employers,
			@Value("${salaronline.mail.default-from:no-reply@salaronline.nl}") String defaultFrom) {
		this.states = states;
		this.waiting = waiting;
		this.defaultSender = defaultSender;
		this.messages = messages;
		this.accounts = accounts;
		this.employers = employers;
		this.defaultFrom = defaultFrom;
	}

	/** The level stalled (again): notify its address unless that was done within the reminder interval. */
	public void stalled(LevelKey level, InternetAddress levelAddress, SmtpFailure failure) {
		JavaMailSender sender = defaultSender.getIfAvailable();
		if (sender == null || levelAddress == null || !states.claimNotification(level)) {
			return;
		}
		try {
			MimeMessage message = sender.createMimeMessage();
			MimeMessageHelper mail = new MimeMessageHelper(message, "UTF-8");
			mail.setFrom(defaultFrom);
			mail.setTo(new InternetAddress(levelAddress.getAddress()));
			String levelName = levelName(level);
			mail.setSubject(text("stall.mail.subject", levelName));
			String reasonKey = failure.oauth2Problem() != null ? failure.messageKey()
					: LevelReplies.reasonKey(failure.cause().name(), failure.serverReply());
			String reason = messages.getMessage(reasonKey, null, failure.cause().name(), DUTCH);
			mail.setText(text("stall.mail.body", levelName, reason, failure.serverReply(), waiting.count(level),
					where(level), TIME.format(java.time.Instant.now())));
			sender.send(message);
			log.info("Level {} {}: told {} that sending stopped", level.kind(), level.id(), levelAddress.getAddress());
		}
		catch (MessagingException | RuntimeException ex) {
			log.warn("Level {} {}: the notification that sending stopped was not sent: {}", level.kind(), level.id(),
					ex.toString());
			states.notificationFailed(level);
		}
	}

	private String levelName(LevelKey level) {
		return switch (level.kind()) {
			case ACCOUNT -> text("stall.level.ACCOUNT",
					accounts.findById(level.id()).map(account -> account.getName()).orElse("?"));
			case EMPLOYER -> employers.findById(level.id())
				.map(employer -> text("stall.level.EMPLOYER", employer.getCode() + " " + employer.getName()))
				.orElse("?");
		};
	}

	private String where(LevelKey level) {
		return switch (level.kind()) {
			case ACCOUNT -> text("stall.where.ACCOUNT");
			case EMPLOYER -> text("stall.where.EMPLOYER",
					employers.findById(level.id()).map(employer -> employer.getCode()).orElse("?"));
		};
	}

	private String text(String key, Object... arguments) {
		return messages.getMessage(key, arguments, DUTCH);
	}

}
