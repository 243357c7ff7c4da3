package nl.salaronline.mail.outbox;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import nl.salaronline.employer.EmployerDirectory;
import nl.salaronline.employer.EmployerDirectory.EmployerEntry;
import nl.salaronline.mail.InvalidMailException;
import nl.salaronline.mail.MailAttachment;
import nl.salaronline.mail.MailBatchId;
import nl.salaronline.mail.MailBatchReport;
import nl.salaronline.mail.MailId;
import nl.salaronline.mail.MailProblem;
import nl.salaronline.mail.MailReport;
import nl.salaronline.mail.MailService;
import nl.salaronline.mail.MailStatus;
import nl.salaronline.mail.OutgoingMail;
import nl.salaronline.mail.UnknownEmployerException;

/**
 * The {@link MailService}: validates and stores mails with their attachments in one transaction; the worker sends
 * them. No route is chosen here: that happens at send time. Rows are inserted with batched JDBC statements (not JPA):
 * a payroll run's mails cost a few round trips, not two per mail.
 */
@Service
class OutboxMailService implements MailService {

	private static final String INSERT_MAIL = """
			insert into mail (id, employer_id, account_id, recipient_kind, to_address, subject, body_text, body_html,
			  status, attempts, next_attempt_at, created_at, updated_at, batch_id)
			values (?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', 0, ?, ?, ?, ?)""";

	private static final String INSERT_ATTACHMENT = """
			insert into mail_attachment (mail_id, ordinal, filename, content_type, size_bytes, content)
			values (?, ?, ?, ?, ?, ?)""";

	private final MailValidator validator;

	private final EmployerDirectory employers;

	private final OutboxMailRepository mails;

	private final JdbcTemplate jdbc;

	private final OutboxMetrics metrics;

	private final ApplicationEventPublisher events;

	OutboxMailService(MailValidator validator, EmployerDirectory employers, OutboxMailRepository mails,
			JdbcTemplate jdbc, OutboxMetrics metrics, ApplicationEventPublisher events) {
		this.validator = validator;
		this.employers = employers;
		this.mails = mails;
		this.jdbc = jdbc;
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
		return store(List.of(mail), null).get(0);
	}

	@Override
	@Transactional
	public List<MailId> sendAll(List<OutgoingMail> mails) {
		return sendAll(mails, (MailBatchId) null);
	}

	@Override
	@Transactional
	public List<MailId> sendAll(List<OutgoingMail> mails, MailBatchId batch) {
		List<MailProblem> problems = new ArrayList<>();
		for (int i = 0; i < mails.size(); i++) {
			String prefix = "mails[" + i + "].";
			validator.validate(mails.get(i))
				.forEach(problem -> problems.add(new MailProblem(prefix + problem.field(), problem.message())));
		}
		if (!problems.isEmpty()) {
			throw new InvalidMailException(problems);
		}
		return mails.isEmpty() ? List.of() : store(mails, batch == null ? null : batch.value());
	}

	private List<MailId> store(List<OutgoingMail> outgoing, String batch) {
		Map<String, EmployerEntry> byCode = new HashMap<>();
		for (OutgoingMail mail : outgoing) {
			String code = mail.employerCode().strip();
			if (!byCode.containsKey(code)) {
				byCode.put(code, employers.findByCode(code).orElseThrow(() -> new UnknownEmployerException(code)));
			}
		}
		Instant now = Instant.now();
		List<Object[]> rows = new ArrayList<>(outgoing.size());
		List<Object[]> files = new ArrayList<>();
		List<MailId> ids = new ArrayList<>(outgoing.size());
		for (int i = 0; i < outgoing.size(); i++) {
			OutgoingMail mail = outgoing.get(i);
			EmployerEntry employer = byCode.get(mail.employerCode().strip());
			MailId id = MailId.random();
			ids.add(id);
			// a microsecond apart, so that the worker sends a run's mails in the order they were handed over
			var created = Outbox.timestamp(now.plusNanos(i * 1_000L));
			rows.add(new Object[] { id.value(), employer.id(), employer.accountId(), mail.recipient().name(),
					mail.to().strip(), mail.subject(), blankToNull(mail.text()), blankToNull(mail.html()), created,
					created, created, batch });
			int ordinal = 0;
			for (MailAttachment attachment : mail.attachments()) {
				files.add(new Object[] { id.value(), ordinal++, attachment.filename(), attachment.contentType().strip(),
						(long) attachment.content().length, attachment.content() });
			}
		}
		jdbc.batchUpdate(INSERT_MAIL, rows);
		if (!files.isEmpty()) {
			jdbc.batchUpdate(INSERT_ATTACHMENT, files, files.size(), OutboxMailService::setAttachment);
		}
		countWhenCommitted(ids.size());
		events.publishEvent(new MailQueued(ids.get(0))); // one wake-up of the worker for all
		return ids;
	}

	/** Counts the mails as queued once they are: a caller's transaction may still roll them back (an idempotency key's). */
	private void countWhenCommitted(int count) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				metrics.queued(count);
			}
		});
	}

	/** The content as bytes: {@code setObject} with a {@code byte[]} would not say it is binary on every driver. */
	private static void setAttachment(PreparedStatement statement, Object[] file) throws SQLException {
		for (int column = 0; column < 5; column++) {
			statement.setObject(column + 1, file[column]);
		}
		statement.setBytes(6, (byte[]) file[5]);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<MailReport> find(MailId id) {
		return mails.findById(id.value()).map(OutboxMail::report);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<MailBatchReport> findBatch(MailBatchId batch) {
		Map<MailStatus, Integer> counts = new EnumMap<>(MailStatus.class);
		for (MailStatus status : MailStatus.values()) {
			counts.put(status, 0);
		}
		jdbc.query("select status, count(*) from mail where batch_id = ? group by status",
				row -> {
					counts.put(MailStatus.valueOf(row.getString(1)), row.getInt(2));
				}, batch.value());
		int total = counts.values().stream().mapToInt(Integer::intValue).sum();
		return total == 0 ? Optional.empty() : Optional.of(new MailBatchReport(batch, total, counts));
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}

}
