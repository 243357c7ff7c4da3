package nl.salaronline.mail.outbox;

import java.util.Collection;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface OutboxAttachmentRepository extends JpaRepository<OutboxAttachment, Long> {

	List<OutboxAttachment> findByMailIdInOrderByMailIdAscOrdinalAsc(Collection<String> mailIds);

}
