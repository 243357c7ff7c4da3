package nl.salaronline.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import nl.salaronline.account.AppUser;
import nl.salaronline.account.AppUserRepository;
import nl.salaronline.account.Role;

class ApiAuthenticationProviderTests {

	private final AtomicInteger bcryptChecks = new AtomicInteger();

	private final PasswordEncoder bcrypt = new BCryptPasswordEncoder(4);

	private final PasswordEncoder countingEncoder = new PasswordEncoder() {
		@Override
		public String encode(CharSequence rawPassword) {
			return bcrypt.encode(rawPassword);
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			bcryptChecks.incrementAndGet();
			return bcrypt.matches(rawPassword, encodedPassword);
		}
	};

	private final AppUserRepository repository = Mockito.mock(AppUserRepository.class);

	private final MutableClock clock = new MutableClock();

	private final ApiAuthenticationProvider provider = new ApiAuthenticationProvider(
			new AppUserDetailsService(repository, EnumSet.of(Role.SERVICE)), countingEncoder, Duration.ofMinutes(1),
			new ApiLoginThrottle(new InMemoryLoginAttempts(Duration.ofMinutes(5), clock), 10, Duration.ofMinutes(1),
					clock),
			clock);

	ApiAuthenticationProviderTests() {
		Mockito.when(repository.findByUsername("payroll"))
			.thenReturn(Optional.of(new AppUser("payroll", countingEncoder.encode("payroll"), Role.SERVICE, null)));
		Mockito.when(repository.findByUsername("accountant"))
			.thenReturn(Optional.of(new AppUser("accountant", countingEncoder.encode("accountant"), Role.ACCOUNTANT,
					1L)));
		Mockito.when(repository.findByUsername("admin"))
			.thenReturn(Optional.of(new AppUser("admin", countingEncoder.encode("admin"), Role.ADMIN, null)));
	}

	@Test
	void everyRefusalCostsOneBcryptCheckWhateverTheName() {
		// an unknown name, the right passwords of screen users and a wrong service password: the same work
		for (String[] login : new String[][] { { "nobody", "x" }, { "accountant", "accountant" },
				{ "admin", "admin" }, { "payroll", "fout" }, { "payroll", "" } }) {
			bcryptChecks.set(0);
			assertThatThrownBy(() -> provider.authenticate(basic(login[0], login[1], "192.0.2.10")))
				.as(login[0] + "/" + login[1])
				.isExactlyInstanceOf(BadCredentialsException.class);
			assertThat(bcryptChecks).as(login[0] + "/" + login[1]).hasValue(1);
		}
	}

	@Test
	void anAddressThatFailedTooOftenWaitsWithoutAPasswordCheckAndOtherAddressesGoOn() {
		provider.authenticate(basic("payroll", "payroll", "192.0.2.20"));
		for (int i = 0; i < 10; i++) {
			assertThatThrownBy(() -> provider.authenticate(basic("payroll", "fout", "192.0.2.66")))
				.isExactlyInstanceOf(BadCredentialsException.class);
		}
		bcryptChecks.set(0);
		assertThatThrownBy(() -> provider.authenticate(basic("payroll", "fout", "192.0.2.66")))
			.isInstanceOfSatisfying(ApiLoginThrottledException.class,
					ex -> assertThat(ex.retryAfterSeconds()).isEqualTo(1));
		assertThat(bcryptChecks).as("refused before the check").hasValue(0);
		assertThatThrownBy(() -> provider.authenticate(basic("payroll", "payroll", "192.0.2.66")))
			.as("no guess is tested against the remembered login either")
			.isInstanceOf(ApiLoginThrottledException.class);
		assertThat(provider.authenticate(basic("payroll", "payroll", "192.0.2.20")).isAuthenticated())
			.as("the payroll run in progress, from its own address").isTrue();
		assertThatThrownBy(() -> provider.authenticate(basic("payroll", "fout", "192.0.2.21")))
			.as("another address is not slowed")
			.isExactlyInstanceOf(BadCredentialsException.class);

		clock.advance(Duration.ofSeconds(1));
		assertThatThrownBy(() -> provider.authenticate(basic("payroll", "fout", "192.0.2.66")))
			.isExactlyInstanceOf(BadCredentialsException.class);
		assertThatThrownBy(() -> provider.authenticate(basic("payroll", "fout", "192.0.2.66")))
			.isInstanceOfSatisfying(ApiLoginThrottledException.class,
					ex -> assertThat(ex.retryAfterSeconds()).isEqualTo(2));
	}

	@Test
	void aWrongPasswordDoesNotMakeTheRememberedLoginCostABcryptCheckAgain() {
		provider.authenticate(basic("payroll", "payroll"));
		assertThatThrownBy(() -> provider.authenticate(basic("payroll", "fout")))
			.isInstanceOf(BadCredentialsException.class);
		bcryptChecks.set(0);
		provider.authenticate(basic("payroll", "payroll"));
		assertThat(bcryptChecks).hasValue(0);
	}

	@Test
	void aPayrollRunCostsOneBcryptCheckNotOnePerRequest() {
		bcryptChecks.set(0);
		for (int i = 0; i < 100; i++) {
			assertThat(provider.authenticate(basic("payroll", "payroll")).isAuthenticated()).isTrue();
		}
		assertThat(bcryptChecks).hasValue(1);
	}

	@Test
	void aWrongPasswordIsRefusedEvenWhileTheRightOneIsRemembered() {
		provider.authenticate(basic("payroll", "payroll"));
		assertThatThrownBy(() -> provider.authenticate(basic("payroll", "payroll2")))
			.isInstanceOf(BadCredentialsException.class);
	}

	@Test
	void anExpiredLoginIsRenewedFromTheStoredHashWithoutBcryptWhileThePasswordIsUnchanged() {
		bcryptChecks.set(0);
		provider.authenticate(basic("payroll", "payroll"));
		clock.advance(Duration.ofMinutes(2));
		Mockito.clearInvocations(repository);
		for (int i = 0; i < 10; i++) {
			assertThat(provider.authenticate(basic("payroll", "payroll")).isAuthenticated()).isTrue();
		}
		assertThat(bcryptChecks).hasValue(1);
		// the user was read again once, at the renewal; the renewed login then lasts a TTL again
		Mockito.verify(repository, Mockito.times(1)).findByUsername("payroll");
		provider.forget("payroll");
		provider.authenticate(basic("payroll", "payroll"));
		assertThat(bcryptChecks).hasValue(2);
	}

	@Test
	void aPasswordChangedOnAnotherInstanceEndsTheRememberedLoginWhenItExpires() {
		provider.authenticate(basic("payroll", "payroll"));
		// another instance changed the password: this one was not told (no forget), and finds out at expiry
		Mockito.when(repository.findByUsername("payroll"))
			.thenReturn(Optional.of(new AppUser("payroll", countingEncoder.encode("nieuw"), Role.SERVICE, null)));
		assertThat(provider.authenticate(basic("payroll", "payroll")).isAuthenticated()).isTrue();
		clock.advance(Duration.ofMinutes(2));
		bcryptChecks.set(0);
		assertThatThrownBy(() -> provider.authenticate(basic("payroll", "payroll")))
			.isInstanceOf(BadCredentialsException.class);
		assertThat(bcryptChecks).hasValue(1);
		assertThat(provider.authenticate(basic("payroll", "nieuw")).isAuthenticated()).isTrue();
	}

	@Test
	void aUserDisabledOnAnotherInstanceIsRefusedWhenTheRememberedLoginExpires() {
		provider.authenticate(basic("payroll", "payroll"));
		AppUser disabled = new AppUser("payroll", countingEncoder.encode("payroll"), Role.SERVICE, null);
		disabled.setEnabled(false);
		Mockito.when(repository.findByUsername("payroll")).thenReturn(Optional.of(disabled));
		clock.advance(Duration.ofMinutes(2));
		assertThatThrownBy(() -> provider.authenticate(basic("payroll", "payroll")))
			.isInstanceOf(BadCredentialsException.class);
	}

	@Test
	void anUnknownUserIsRefused() {
		assertThatThrownBy(() -> provider.authenticate(basic("nobody", "x")))
			.isInstanceOf(BadCredentialsException.class);
	}

	private static UsernamePasswordAuthenticationToken basic(String username, String password) {
		return basic(username, password, "127.0.0.1");
	}

	private static UsernamePasswordAuthenticationToken basic(String username, String password, String address) {
		UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.unauthenticated(username,
				password);
		token.setDetails(new WebAuthenticationDetails(address, null));
		return token;
	}

	private static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-11-26T10:00:00Z");

		void advance(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}

	}

}
