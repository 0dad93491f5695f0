package org.pluginreview.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where webhooks may point, with names resolved by a table: nothing here looks a name up or connects. */
class EndpointsTest {

  private static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal); // a literal: parsed, never looked up
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static final Map<String, List<InetAddress>> NAMES = Map.of(
      "hooks.example.com", List.of(ip("93.184.215.14")),
      "inside.example.com", List.of(ip("10.1.2.3")),
      "mixed.example.com", List.of(ip("93.184.215.14"), ip("192.168.0.5")),
      "metadata.example.com", List.of(ip("169.254.169.254")),
      "v6inside.example.com", List.of(ip("fd12::1")),
      "localhost", List.of(ip("127.0.0.1")),
      "127.0.0.1", List.of(ip("127.0.0.1")));

  private static final Endpoints.Resolver TABLE = host -> {
    List<InetAddress> found = NAMES.get(host);
    if (found == null) {
      throw new UnknownHostException(host);
    }
    return found;
  };

  @Test
  void aPublicHttpsEndpointIsAccepted() throws Exception {
    assertThat(new Endpoints(TABLE, false).check("https://hooks.example.com/plugin-review?x=1").getHost())
        .isEqualTo("hooks.example.com");
  }

  @Test
  void aNameResolvingToAnyNonPublicAddressIsRefused() {
    Endpoints endpoints = new Endpoints(TABLE, true);
    for (String url : List.of("https://inside.example.com/h", "https://mixed.example.com/h",
        "https://metadata.example.com/h", "https://v6inside.example.com/h", "https://unknown.example.com/h")) {
      assertThatThrownBy(() -> endpoints.check(url)).as(url).isInstanceOf(Endpoints.Refused.class);
    }
  }

  @Test
  void localReceiversOnlyOverLoopbackAndOnlyWhileAllowed() throws Exception {
    assertThat(new Endpoints(TABLE, true).check("http://localhost:9000/h").getPort()).isEqualTo(9000);
    assertThat(new Endpoints(TABLE, true).check("http://127.0.0.1:9000/h").getPort()).isEqualTo(9000);
    assertThatThrownBy(() -> new Endpoints(TABLE, false).check("http://localhost:9000/h"))
        .hasMessageContaining("https is required");
    assertThatThrownBy(() -> new Endpoints(TABLE, false).check("https://localhost:9000/h"))
        .hasMessageContaining("not a public address");
    // a local name that someone made resolve elsewhere
    Endpoints.Resolver hijacked = host -> List.of(ip("10.0.0.1"));
    assertThatThrownBy(() -> new Endpoints(hijacked, true).check("http://localhost:9000/h"))
        .hasMessageContaining("10.0.0.1");
  }

  @Test
  void reservedRangesAreNotPublic() {
    for (String address : List.of("0.0.0.0", "127.1.2.3", "10.0.0.1", "172.31.255.255", "192.168.1.1", "169.254.0.1",
        "100.64.0.1", "192.0.0.8", "198.18.0.1", "224.0.0.1", "240.0.0.1", "255.255.255.255", "::", "::1", "fe80::1",
        "fc00::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "ff02::1")) {
      assertThat(Endpoints.isPublic(ip(address))).as(address).isFalse();
    }
    for (String address : List.of("93.184.215.14", "8.8.8.8", "172.32.0.1", "2606:4700::1111", "::ffff:8.8.8.8")) {
      assertThat(Endpoints.isPublic(ip(address))).as(address).isTrue();
    }
  }

  @Test
  void theSignatureIsTheHmacOfTimeDotBodyThatAReceiverChecks() throws Exception {
    String header = Signature.header("whsec_test", 1_700_000_000L, "{\"a\":1}");
    assertThat(header).matches("t=1700000000,v1=[0-9a-f]{64}");
    assertThat(SignatureCheck.valid("whsec_test", header, "{\"a\":1}", 1_700_000_100L)).isTrue();
    assertThat(SignatureCheck.valid("whsec_test", header, "{\"a\":2}", 1_700_000_100L)).isFalse();
    assertThat(SignatureCheck.valid("whsec_test", header, "{\"a\":1}", 1_700_001_000L)).isFalse(); // replayed late
  }
}
