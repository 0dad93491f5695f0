package org.pluginreview.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.pluginreview.lifecycle.LifecycleFixture;
import org.pluginreview.lifecycle.VersionLifecycle.Review;
import org.pluginreview.market.Resolution.Answer;
import org.pluginreview.market.Resolution.Reason;

/** Who runs which version, over 10,000 synthetic merchants, with the real transitions behind each state. */
class ResolutionTest {

  private static final List<String> MERCHANTS = IntStream.range(0, 10_000).mapToObj(i -> "merchant-" + i).toList();
  private static final Set<String> TRIAL_MEMBERS = Set.of("merchant-7", "merchant-4242", "tester");

  private final LifecycleFixture weather = new LifecycleFixture("weather");

  @Test
  void aGrayscaleReachesAStableShareThatOnlyGrowsAndCancellingSendsEveryoneBack() {
    weather.live("1.0.0");
    Review next = weather.approved("1.1.0");
    weather.trial("1.1.0");

    weather.gray(next, 10);
    Set<String> atTen = gray();
    assertThat(atTen.size()).as("share at 10 %").isBetween(900, 1100);
    assertTrialMembersRunTheTrial();

    weather.gray(next, 30);
    Set<String> atThirty = gray();
    assertThat(atThirty).containsAll(atTen);
    assertThat(atThirty.size()).as("share at 30 %").isBetween(2800, 3200);
    assertTrialMembersRunTheTrial();

    weather.gray(next, null);
    assertThat(gray()).isEmpty();
    assertThat(resolve("merchant-1")).extracting(Answer::version, Answer::reason).containsExactly("1.0.0", Reason.LIVE);
    assertTrialMembersRunTheTrial();
  }

  @Test
  void withNothingLiveOrOfflineNobodyRunsAnything() {
    assertThat(resolve("merchant-1").reason()).isEqualTo(Reason.NONE);
    weather.live("1.0.0");
    assertThat(resolve("merchant-1")).extracting(Answer::version, Answer::reason).containsExactly("1.0.0", Reason.LIVE);
    weather.offline();
    assertThat(MERCHANTS.stream().map(this::resolve).map(Answer::reason).distinct()).containsExactly(Reason.NONE);
  }

  @Test
  void bucketsSpreadEvenlyAndDifferBetweenPlugins() {
    long[] perDecile = new long[10];
    MERCHANTS.forEach(m -> perDecile[Resolution.bucket("weather", m) / 10]++);
    assertThat(java.util.Arrays.stream(perDecile)).allMatch(n -> n > 850 && n < 1150);
    long same = MERCHANTS.stream().filter(m -> Resolution.bucket("weather", m) == Resolution.bucket("maps", m)).count();
    assertThat(same).isLessThan(200);
    assertThat(Resolution.bucket("Weather", "m")).as("plugin ids differ by more than case").isEqualTo(Resolution.bucket("weather", "m"));
  }

  private void assertTrialMembersRunTheTrial() {
    for (String member : List.of("merchant-7", "merchant-4242")) {
      assertThat(resolve(member)).extracting(Answer::version, Answer::reason).containsExactly("1.1.0", Reason.TRIAL);
    }
  }

  private Set<String> gray() {
    return MERCHANTS.stream().map(this::resolve).filter(a -> a.reason() == Reason.GRAY).map(Answer::merchant)
        .collect(Collectors.toSet());
  }

  private Answer resolve(String merchant) {
    return Resolution.resolve(weather.plugin(), weather.relevant(), TRIAL_MEMBERS::contains, merchant);
  }
}
