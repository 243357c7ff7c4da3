package nl.salaronline.mail.outbox;

import java.util.Optional;

import org.springframework.stereotype.Component;

import nl.salaronline.mail.MailAccounts;
import nl.salaronline.mail.MailId;

@Component
class OutboxMailAccounts implements MailAccounts {

	private final OutboxMailRepository mails;

	OutboxMailAccounts(OutboxMailRepository mails) {
		this.mails = mails;
	}

	@Override
	public Optional<Long> accountOf(MailId id) {
		return mails.findById(id.value()).map(OutboxMail::getAccountId);
	}

}
