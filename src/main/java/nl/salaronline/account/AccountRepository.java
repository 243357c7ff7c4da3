package nl.salaronline.account;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface AccountRepository extends JpaRepository<Account, Long> {

	List<Account> findAllByOrderByNameAsc();

	Optional<Account> findByName(String name);

}
