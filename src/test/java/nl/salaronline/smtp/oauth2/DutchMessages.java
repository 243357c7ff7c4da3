package nl.salaronline.smtp.oauth2;

import java.util.Locale;

import org.springframework.context.support.ResourceBundleMessageSource;

import nl.salaronline.smtp.SmtpAccessTokenException;
import nl.salaronline.smtp.SmtpOAuth2Problem;

/** The explanations as the Dutch screens show them ({@code messages.properties}). */
final class DutchMessages {

	private static final ResourceBundleMessageSource MESSAGES = new ResourceBundleMessageSource();

	static {
		MESSAGES.setBasename("messages");
		MESSAGES.setDefaultEncoding("UTF-8");
		MESSAGES.setFallbackToSystemLocale(false);
	}

	private DutchMessages() {
	}

	static String of(SmtpOAuth2Problem problem) {
		return MESSAGES.getMessage(problem.messageKey(), null, Locale.forLanguageTag("nl"));
	}

	static String of(SmtpAccessTokenException ex) {
		return MESSAGES.getMessage(ex.problem().messageKey(), ex.messageArguments().toArray(),
				Locale.forLanguageTag("nl"));
	}

}
