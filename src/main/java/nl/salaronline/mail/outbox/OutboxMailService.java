package nl.salaronline.mail.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import nl.salaronline.employer.Employer;
import nl.salaronline.employer.EmployerRepository;
import nl.salaronline.mail.InvalidMailException;
import nl.salaronline.mail.MailAttachment;
import nl.salaronline.mail.MailId;
import nl.salaronline.mail.MailProblem;
import nl.salaronline.mail.MailReport;
import nl.salaronline.mail.MailService;
import nl.salaronline.mail.OutgoingMail;
import nl.salaronline.mail.UnknownEmployerException;

/**
 * The {@link MailService}: validates and stores the mail with its attachments in one transaction; the worker sends
 * it. No route is chosen here: that happens at send time.
 */
@Service
class OutboxMailService implements MailService {

	private final MailValidator validator;

	private final EmployerRepository employers;

	private final OutboxMailRepository mails;

	private final OutboxAttachmentRepository attachments;

	private final OutboxMetrics metrics;

	private final ApplicationEventPublisher events;

	OutboxMailService(MailValidator validator, EmployerRepository employers, OutboxMailRepository mails,
			OutboxAttachmentRepository attachments, OutboxMetrics metrics, ApplicationEventPublisher events) {
		this.validator = validator;
		this.employers = employers;
		this.mails = mails;
		this.attachments = attachments;
		this.metrics = metrics;
		this.events = events;
	}

	@Override
	@Transactional
	public MailId send(OutgoingMail mail) {
		List<MailProblem> problems = validator.validate(mail);
		if (!problems.isEmpty()) {
			throw new InvalidMailException(problems);
		}
		String code = mail.employerCode().strip();
		Employer employer = employers.findByCode(code).orElseThrow(() -> new UnknownEmployerException(code));
		MailId id = MailId.random();
		mails.saveAndFlush(new OutboxMail(id, employer.getId(), employer.getAccountId(), mail.recipient(), mail.to().strip(),
				mail.subject(), blankToNull(mail.text()), blankToNull(mail.html()), Instant.now()));
		int ordinal = 0;
		for (MailAttachment attachment : mail.attachments()) {
			attachments.save(new OutboxAttachment(id.value(), ordinal++, attachment.filename(),
					attachment.contentType().strip(), attachment.content()));
		}
		attachments.flush(); // in the database now, for whatever the caller's transaction does next
		metrics.queued();
		events.publishEvent(new MailQueued(id));
		return id;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<MailReport> find(MailId id) {
		return mails.findById(id.value()).map(OutboxMail::report);
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}

}
