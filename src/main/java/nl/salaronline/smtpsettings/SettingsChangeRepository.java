package nl.salaronline.smtpsettings;

import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface SettingsChangeRepository extends JpaRepository<SettingsChange, Long> {

	List<SettingsChange> findTop20ByAccountIdAndEmployerIdIsNullOrderByChangedAtDescIdDesc(Long accountId);

	List<SettingsChange> findTop20ByEmployerIdOrderByChangedAtDescIdDesc(Long employerId);

	Page<SettingsChange> findAllByOrderByChangedAtDescIdDesc(Pageable pageable);

}
