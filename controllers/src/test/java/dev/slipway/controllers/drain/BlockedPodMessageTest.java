package dev.slipway.controllers.drain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlockedPodMessageTest {

  private static final BlockedPod WEB = new BlockedPod("shop", "web-7c9d", List.of("web-pdb"),
      "0 disruptions allowed");

  @Test
  void namesThePodAndItsBudget() {
    assertThat(BlockedPodMessage.format(List.of(WEB), BlockedPodMessage.DEFAULT_MAX_LENGTH))
        .isEqualTo("pod shop/web-7c9d blocked by PodDisruptionBudget shop/web-pdb (0 disruptions allowed)");
  }

  @Test
  void namesSeveralBudgetsAndRefusalsWithoutBudgetAndKeepsTheOrder() {
    List<BlockedPod> blocked = List.of(
        new BlockedPod("shop", "a-1", List.of("x", "y"), "several"),
        new BlockedPod("shop", "b-1", List.of(), "Too many requests, please try again later."));
    assertThat(BlockedPodMessage.format(blocked, BlockedPodMessage.DEFAULT_MAX_LENGTH)).isEqualTo(
        "pod shop/a-1 blocked by PodDisruptionBudgets shop/x, shop/y (several); "
            + "pod shop/b-1 eviction refused (Too many requests, please try again later.)");
  }

  @Test
  void nothingBlockedIsAnEmptyMessage() {
    assertThat(BlockedPodMessage.format(List.of(), 100)).isEmpty();
  }

  @Test
  void keepsWhatFitsAndCountsTheRest() {
    List<BlockedPod> blocked = IntStream.range(0, 50)
        .mapToObj(i -> new BlockedPod("shop", "web-" + i, List.of("web-pdb"), "0 disruptions allowed"))
        .toList();
    String message = BlockedPodMessage.format(blocked, 300);

    assertThat(message).hasSizeLessThanOrEqualTo(300)
        .startsWith("pod shop/web-0 blocked by PodDisruptionBudget shop/web-pdb (0 disruptions allowed); pod shop/web-1 ")
        .endsWith("; and 47 more");
    assertThat(message.split("; ")).hasSize(4);
  }

  @ParameterizedTest
  @ValueSource(ints = {64, 65, 80, 90, 120, 200, 1024})
  void neverExceedsTheLimitAndAlwaysNamesTheFirstPod(int maxLength) {
    BlockedPod longOne = new BlockedPod("a-rather-long-namespace-name", "a-very-long-pod-name-0123456789abcdef",
        List.of("pdb-one", "pdb-two"), "a: 0 disruptions allowed, b: 0 disruptions allowed");
    for (List<BlockedPod> blocked : List.of(List.of(longOne), List.of(longOne, WEB, WEB))) {
      String message = BlockedPodMessage.format(blocked, maxLength);
      assertThat(message).hasSizeLessThanOrEqualTo(maxLength).startsWith("pod a-rather-long-namespace-name/");
    }
  }

  @Test
  void refusesALimitTooSmallToSayAnything() {
    assertThatThrownBy(() -> BlockedPodMessage.format(List.of(WEB), 10))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
