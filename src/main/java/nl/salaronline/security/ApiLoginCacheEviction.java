package nl.salaronline.security;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import nl.salaronline.account.UserCredentialsChanged;

/** Forgets a remembered API login as soon as that user's password or status changes. */
@Component
class ApiLoginCacheEviction {

	private final ApiAuthenticationProvider provider;

	ApiLoginCacheEviction(ApiAuthenticationProvider provider) {
		this.provider = provider;
	}

	@EventListener
	void on(UserCredentialsChanged event) {
		provider.forget(event.username());
	}

}
