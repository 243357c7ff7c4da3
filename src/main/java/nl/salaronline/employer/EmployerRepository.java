package nl.salaronline.employer;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface EmployerRepository extends JpaRepository<Employer, Long> {

	Optional<Employer> findByCode(String code);

	/** The tenant-safe lookup: an employer of another account is simply not found. */
	Optional<Employer> findByCodeAndAccountId(String code, Long accountId);

	List<Employer> findByAccountIdOrderByCodeAsc(Long accountId);

	List<Employer> findAllByOrderByCodeAsc();

	boolean existsByCode(String code);

}
