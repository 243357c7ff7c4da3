package nl.salaronline.smtp.oauth2;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import nl.salaronline.smtp.SmtpAccessTokenException;
import nl.salaronline.smtp.SmtpAccessTokens;
import nl.salaronline.smtp.SmtpAuthMethod;
import nl.salaronline.smtp.SmtpCredentials;
import nl.salaronline.smtp.SmtpServer;

/**
 * Access tokens for XOAUTH2, cached per level: every send of a level (same credentials and mailbox) uses one token
 * until shortly before it expires; concurrent sends wait for a single request to the token endpoint.
 * <p>
 * Hand-written on a {@link ConcurrentHashMap} with a lock per level because the rules are few and specific (refresh
 * ahead of the provider's own {@code expires_in}, forget one refused token, one fetch at a time per level) and no
 * cache library is on the classpath. The map key is an HMAC of the credentials under a random per-process key, so the
 * cache never holds a secret in plain and its keys are useless outside this process.
 * <p>
 * Several instances (SPEC section 11): each keeps its own cache. Keyed by the credentials rather than by the level,
 * a change saved on any instance (it reaches this one with the settings' version at the next claim) makes the next
 * mail fetch a token for the new credentials; the old credentials' token is never used again and is swept once it
 * expired. A change that keeps the credentials (e.g. the port) keeps the token, which is still valid.
 */
@Component
@EnableConfigurationProperties(OAuth2Properties.class)
class OAuth2AccessTokens implements SmtpAccessTokens {

	private static final Logger log = LoggerFactory.getLogger(OAuth2AccessTokens.class);

	/** Above this many levels, levels without a valid token are dropped from the cache. */
	private static final int SWEEP_ABOVE = 200;

	private final Map<SmtpAuthMethod, Grant> grants;

	private final Duration refreshMargin;

	private final Clock clock;

	private final SecretKeySpec cacheKey;

	private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

	@Autowired
	OAuth2AccessTokens(OAuth2Properties properties) {
		this(properties, Clock.systemUTC());
	}

	OAuth2AccessTokens(OAuth2Properties properties, Clock clock) {
		TokenEndpoint endpoint = new TokenEndpoint(properties.timeout());
		this.grants = Map.of(SmtpAuthMethod.MICROSOFT_OAUTH2,
				new MicrosoftClientCredentialsGrant(properties.microsoft(), endpoint), SmtpAuthMethod.GOOGLE_OAUTH2,
				new GoogleJwtBearerGrant(properties.google(), endpoint, clock));
		this.refreshMargin = properties.refreshMargin();
		this.clock = clock;
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		this.cacheKey = new SecretKeySpec(secret, "HmacSHA256");
	}

	@Override
	public String accessToken(SmtpServer server) throws SmtpAccessTokenException {
		Grant grant = grants.get(server.authMethod());
		if (grant == null) {
			throw new IllegalArgumentException("No OAuth2 sign-in for " + server.authMethod());
		}
		String key = cacheKey(server);
		Slot slot = slots.computeIfAbsent(key, k -> new Slot());
		CachedToken cached = slot.token.get();
		if (cached != null && cached.freshAt(clock.instant())) {
			return cached.value();
		}
		slot.fetching.lock();
		try {
			cached = slot.token.get();
			if (cached != null && cached.freshAt(clock.instant())) {
				return cached.value();
			}
			Instant asked = clock.instant();
			IssuedToken issued = grant.fetch(server);
			Instant refreshAt = asked.plus(issued.lifetime()).minus(margin(issued.lifetime()));
			slot.token.set(new CachedToken(issued.value(), refreshAt));
			log.debug("Fetched an OAuth2 access token for {} ({}), valid for {} s", server.username(),
					server.authMethod(), issued.lifetime().toSeconds());
			return issued.value();
		}
		finally {
			slot.fetching.unlock();
			if (slots.size() > SWEEP_ABOVE) {
				sweep();
			}
		}
	}

	@Override
	public void invalidate(SmtpServer server) {
		Slot slot = slotOf(server);
		if (slot != null) {
			slot.token.set(null);
		}
	}

	@Override
	public void invalidate(SmtpServer server, String refusedToken) {
		Slot slot = slotOf(server);
		if (slot != null) {
			CachedToken cached = slot.token.get();
			if (cached != null && cached.value().equals(refusedToken)) {
				slot.token.compareAndSet(cached, null);
			}
		}
	}

	private Slot slotOf(SmtpServer server) {
		return grants.containsKey(server.authMethod()) ? slots.get(cacheKey(server)) : null;
	}

	/** Ahead of expiry by the configured margin, but never more than a tenth of a (short) lifetime. */
	private Duration margin(Duration lifetime) {
		Duration tenth = lifetime.dividedBy(10);
		return tenth.compareTo(refreshMargin) < 0 ? tenth : refreshMargin;
	}

	private void sweep() {
		Instant now = clock.instant();
		slots.values().removeIf(slot -> {
			CachedToken cached = slot.token.get();
			return (cached == null || !cached.freshAt(now)) && !slot.fetching.isLocked();
		});
	}

	/** What makes a token: the provider, the credentials (secrets included, hashed) and the mailbox. */
	private String cacheKey(SmtpServer server) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(cacheKey);
			update(mac, server.authMethod().name());
			update(mac, server.username());
			if (server.credentials() instanceof SmtpCredentials.MicrosoftOAuth2 microsoft) {
				update(mac, microsoft.tenantId());
				update(mac, microsoft.clientId());
				update(mac, microsoft.clientSecret());
			}
			else if (server.credentials() instanceof SmtpCredentials.GoogleOAuth2 google) {
				update(mac, google.serviceAccountKeyJson());
			}
			return Base64.getEncoder().encodeToString(mac.doFinal());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JRE", ex);
		}
	}

	private static void update(Mac mac, String value) {
		mac.update(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
		mac.update((byte) 0);
	}

	private static final class Slot {

		final AtomicReference<CachedToken> token = new AtomicReference<>();

		final ReentrantLock fetching = new ReentrantLock();

	}

	private record CachedToken(String value, Instant refreshAt) {

		boolean freshAt(Instant now) {
			return now.isBefore(refreshAt);
		}

		@Override
		public String toString() {
			return "CachedToken[***, " + refreshAt + "]";
		}

	}

}
