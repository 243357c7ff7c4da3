package nl.salaronline.smtpsettings;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface SmtpSettingsRepository extends JpaRepository<SmtpSettings, Long> {

	Optional<SmtpSettings> findByAccountId(Long accountId);

	Optional<SmtpSettings> findByEmployerId(Long employerId);

	List<SmtpSettings> findByEmployerIdIn(Collection<Long> employerIds);

	List<SmtpSettings> findByAccountIdIn(Collection<Long> accountIds);

}
