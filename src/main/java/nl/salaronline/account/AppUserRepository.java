package nl.salaronline.account;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface AppUserRepository extends JpaRepository<AppUser, Long> {

	Optional<AppUser> findByUsername(String username);

	boolean existsByUsername(String username);

	boolean existsByRole(Role role);

	List<AppUser> findByAccountIdOrderByUsernameAsc(Long accountId);

	List<AppUser> findByAccountIdIsNullOrderByUsernameAsc();

}
