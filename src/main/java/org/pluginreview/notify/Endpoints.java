package org.pluginreview.notify;

import java.net.IDN;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which webhook URLs the service will call: HTTPS to public addresses only, so nobody can aim it at itself
 * or at the network it runs in (SSRF). Checked at registration and again before each delivery, since a
 * name may resolve elsewhere by then. Plain {@code http} to this machine's own loopback only while local
 * receivers are allowed (the demo set-up).
 */
final class Endpoints {

  /** How a host name turns into addresses; tests give their own, so no test ever connects elsewhere. */
  interface Resolver {
    List<InetAddress> resolve(String host) throws UnknownHostException;
  }

  static final Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

  private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1");
  static final int MAX_LENGTH = 2000;

  private final Resolver resolver;
  private final boolean allowLocal;

  Endpoints(Resolver resolver, boolean allowLocal) {
    this.resolver = resolver;
    this.allowLocal = allowLocal;
  }

  /** The URL if it may be called now; otherwise why not, as a {@link Refused}. */
  URI check(String url) throws Refused {
    if (url == null || url.isBlank() || url.length() > MAX_LENGTH) {
      throw new Refused("a URL of at most " + MAX_LENGTH + " characters is required");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new Refused("not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    if (!uri.isAbsolute() || host == null || host.isBlank()) {
      throw new Refused("an absolute URL with a host is required");
    }
    if (uri.getRawUserInfo() != null) {
      throw new Refused("a URL may not carry a user name or password");
    }
    if (uri.getRawFragment() != null) {
      throw new Refused("a URL may not carry a fragment");
    }
    String name = IDN.toASCII(host.startsWith("[") ? host.substring(1, host.length() - 1) : host)
        .toLowerCase(Locale.ROOT);
    boolean local = allowLocal && LOCAL_HOSTS.contains(name);
    if (!scheme.equals("https") && !(local && scheme.equals("http"))) {
      throw new Refused(allowLocal ? "https is required (http only to localhost or 127.0.0.1)" : "https is required");
    }
    List<InetAddress> addresses;
    try {
      addresses = resolver.resolve(name);
    } catch (UnknownHostException e) {
      throw new Refused("the host " + name + " does not resolve");
    }
    if (addresses.isEmpty()) {
      throw new Refused("the host " + name + " does not resolve");
    }
    for (InetAddress address : addresses) {
      if (local ? !address.isLoopbackAddress() : !isPublic(address)) {
        throw new Refused("the host " + name + " resolves to " + address.getHostAddress()
            + ", which is not a public address");
      }
    }
    return uri;
  }

  /** Not loopback, link-local, private, unique-local, multicast, wildcard or otherwise reserved. */
  static boolean isPublic(InetAddress address) {
    if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
        || address.isSiteLocalAddress() || address.isMulticastAddress()) {
      return false;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet6Address) {
      if ((b[0] & 0xfe) == 0xfc) {
        return false; // fc00::/7, unique local
      }
      boolean mappedOrCompatible = true;
      for (int i = 0; i < 10; i++) {
        mappedOrCompatible &= b[i] == 0;
      }
      if (mappedOrCompatible && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
        byte[] v4 = {b[12], b[13], b[14], b[15]};
        try {
          return isPublic(InetAddress.getByAddress(v4)); // ::ffff:10.0.0.1 is 10.0.0.1
        } catch (UnknownHostException impossible) {
          return false;
        }
      }
      return true;
    }
    int first = b[0] & 0xff;
    int second = b[1] & 0xff;
    return !(first == 0 // this network
        || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT
        || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
        || (first == 198 && (second == 18 || second == 19)) // benchmarking
        || first >= 240); // reserved and broadcast
  }

  /** Why a URL will not be called. */
  static final class Refused extends Exception {
    Refused(String reason) {
      super(reason);
    }
  }
}
