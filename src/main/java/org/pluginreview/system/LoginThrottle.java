package org.pluginreview.system;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Slows down guessing passwords without ever locking anyone out. Each pair of user and client address
 * has an allowance of tries: a few at once, then one every {@value #FAST_REFILL_SECONDS} s, and after
 * {@value #SLOW_CAPACITY} one every {@value #SLOW_REFILL_SECONDS} s at the most, so waits grow and
 * stay capped at minutes (as in Keycloak's temporary lockout). A successful login forgets the pair.
 * The same user from another address is never slowed by someone else's failures.
 */
@Component
public class LoginThrottle {

  static final int FAST_CAPACITY = 5;
  static final int FAST_REFILL_SECONDS = 12;
  static final int SLOW_CAPACITY = 20;
  static final int SLOW_REFILL_SECONDS = 180;

  /** What a try may do: go ahead, or wait so many seconds. */
  public record Verdict(boolean allowed, long retryAfterSeconds) {}

  // bounded, so that made-up user names cannot grow memory; an evicted pair starts afresh
  private final Cache<String, Bucket> tries = Caffeine.newBuilder()
      .maximumSize(100_000)
      .expireAfterAccess(Duration.ofSeconds((long) SLOW_CAPACITY * SLOW_REFILL_SECONDS))
      .build();

  /**
   * Whether the pair may try now. Only failures spend the allowance, so a client sending many requests
   * at once with the right password is never slowed.
   */
  public Verdict attempt(String userId, String address) {
    Bucket failures = tries.getIfPresent(key(userId, address));
    if (failures == null) {
      return new Verdict(true, 0);
    }
    EstimationProbe probe = failures.estimateAbilityToConsume(1);
    return probe.canBeConsumed() ? new Verdict(true, 0) : new Verdict(false, seconds(probe.getNanosToWaitForRefill()));
  }

  /** A wrong password: the pair's allowance shrinks. */
  public void failed(String userId, String address) {
    tries.get(key(userId, address), k -> newAllowance()).tryConsume(1);
  }

  /** The right password: the pair's failures are forgotten. */
  public void succeeded(String userId, String address) {
    tries.invalidate(key(userId, address));
  }

  private static long seconds(long nanos) {
    return Math.max(1, Duration.ofNanos(nanos).toSeconds() + 1);
  }

  private static Bucket newAllowance() {
    return Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(FAST_CAPACITY)
            .refillGreedy(1, Duration.ofSeconds(FAST_REFILL_SECONDS)).build())
        .addLimit(Bandwidth.builder().capacity(SLOW_CAPACITY)
            .refillGreedy(1, Duration.ofSeconds(SLOW_REFILL_SECONDS)).build())
        .build();
  }

  private static String key(String userId, String address) {
    return String.valueOf(userId).toLowerCase(Locale.ROOT) + '\n' + network(address);
  }

  /** An IPv6 client owns its whole /64, so it counts as one address. */
  static String network(String address) {
    if (address == null || address.indexOf(':') < 0) {
      return String.valueOf(address);
    }
    try {
      byte[] bytes = InetAddress.getByName(address).getAddress(); // a literal: no name lookup
      if (bytes.length != 16) {
        return address;
      }
      StringBuilder prefix = new StringBuilder();
      for (int i = 0; i < 8; i++) {
        prefix.append(String.format("%02x", bytes[i]));
      }
      return prefix + "::/64";
    } catch (UnknownHostException e) {
      return address;
    }
  }
}
