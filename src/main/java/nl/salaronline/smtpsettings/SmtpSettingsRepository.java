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

	/** Which settings row each level has and its version, without reading (and decrypting) the secrets. */
	@Query("select s.id as id, s.version as version, s.accountId as levelId from SmtpSettings s "
			+ "where s.accountId in :accountIds")
	List<Stamp> findStampsByAccountIdIn(Collection<Long> accountIds);

	@Query("select s.id as id, s.version as version, s.employerId as levelId from SmtpSettings s "
			+ "where s.employerId in :employerIds")
	List<Stamp> findStampsByEmployerIdIn(Collection<Long> employerIds);

	List<SmtpSettings> findByAccountIdIn(Collection<Long> accountIds);

	interface Stamp {

		Long getId();

		Long getVersion();

		/** The account or employer the row belongs to. */
		Long getLevelId();

	}

}
