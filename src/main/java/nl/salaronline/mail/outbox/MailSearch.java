package nl.salaronline.mail.outbox;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import nl.salaronline.mail.MailReport;
import nl.salaronline.mail.MailStatus;

/**
 * The mails newest first, optionally of one employer, with one status, or created since a moment, one page at a time
 * ({@code GET /api/v1/mails}). Each combination is served by an index in created order (V45), so a page costs the same
 * with a million mails as with a hundred. A page is read with one row more than asked, which says whether a next page
 * exists without counting all mails.
 */
@Component
public class MailSearch {

	private final EntityManager entityManager;

	MailSearch(EntityManager entityManager) {
		this.entityManager = entityManager;
	}

	/**
	 * @param employerId only this employer's mails, or {@code null}
	 * @param status only mails with this status, or {@code null}
	 * @param since only mails created at or after this moment, or {@code null}
	 */
	public record Criteria(Long employerId, MailStatus status, Instant since) {
	}

	public record Page(List<MailReport> items, boolean hasNext) {
	}

	@Transactional(readOnly = true)
	public Page find(Criteria criteria, int page, int size) {
		StringBuilder jpql = new StringBuilder("select m from OutboxMail m where 1 = 1");
		if (criteria.employerId() != null) {
			jpql.append(" and m.employerId = :employerId");
		}
		if (criteria.status() != null) {
			jpql.append(" and m.status = :status");
		}
		if (criteria.since() != null) {
			jpql.append(" and m.createdAt >= :since");
		}
		jpql.append(" order by m.createdAt desc, m.id desc");
		TypedQuery<OutboxMail> query = entityManager.createQuery(jpql.toString(), OutboxMail.class);
		if (criteria.employerId() != null) {
			query.setParameter("employerId", criteria.employerId());
		}
		if (criteria.status() != null) {
			query.setParameter("status", criteria.status());
		}
		if (criteria.since() != null) {
			query.setParameter("since", criteria.since());
		}
		List<OutboxMail> rows = query.setFirstResult(page * size).setMaxResults(size + 1).getResultList();
		boolean hasNext = rows.size() > size;
		List<OutboxMail> items = hasNext ? rows.subList(0, size) : rows;
		return new Page(items.stream().map(OutboxMail::report).toList(), hasNext);
	}

}
