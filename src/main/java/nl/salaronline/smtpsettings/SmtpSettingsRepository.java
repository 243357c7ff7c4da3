package nl.salaronline.smtpsettings;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface SmtpSettingsRepository extends JpaRepository<SmtpSettings, Long> {

	Optional<SmtpSettings> findByAccountId(Long accountId);

	Optional<SmtpSettings> findByEmployerId(Long employerId);

	List<SmtpSettings> findByEmployerIdIn(Collection<Long> employerIds);

	/** Which settings row a level has and its version, without reading (and decrypting) the secrets. */
	@Query("select s.id as id, s.version as version from SmtpSettings s where s.accountId = :accountId")
	Optional<Stamp> findStampByAccountId(Long accountId);

	@Query("select s.id as id, s.version as version from SmtpSettings s where s.employerId = :employerId")
	Optional<Stamp> findStampByEmployerId(Long employerId);

	interface Stamp {

		Long getId();

		Long getVersion();

	}

}
