package dev.slipway.controllers.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PromTextTest {

  private static final String SCRAPE = """
      # HELP apiserver_request_total Counter of apiserver requests
      # TYPE apiserver_request_total counter
      apiserver_request_total{code="200",component="apiserver",resource="clusters",verb="LIST"} 12
      apiserver_request_total{code="201",component="apiserver",resource="clusters",verb="POST"} 3
      apiserver_request_total{code="200",component="apiserver",resource="leases",verb="PUT"} 40
      apiserver_request_total{code="409",component="apiserver",resource="nodepools",verb="PUT"} 2
      controller_runtime_reconcile_total{controller="cluster",result="success",} 7.0
      controller_runtime_reconcile_total{controller="nodepool",result="requeue_after",} 5.0
      weird{message="a \\"quoted\\" value, with = and }"} 1e3 1700000000000
      up 1
      """;

  @Test
  void sumsAndGroupsSamplesByLabel() {
    PromText text = PromText.parse(SCRAPE);

    assertThat(text.sum("apiserver_request_total")).isEqualTo(57);
    assertThat(text.sumBy("apiserver_request_total", "verb", l -> !"leases".equals(l.get("resource"))))
        .containsExactly(Map.entry("LIST", 12.0), Map.entry("POST", 3.0), Map.entry("PUT", 2.0));
    assertThat(text.sumBy("controller_runtime_reconcile_total", "controller", l -> true))
        .containsEntry("cluster", 7.0).containsEntry("nodepool", 5.0);
    assertThat(text.sum("weird", l -> l.get("message").equals("a \"quoted\" value, with = and }"))).isEqualTo(1000);
    assertThat(text.sum("up")).isEqualTo(1);
    assertThat(text.has("missing")).isFalse();
  }

  @Test
  void deltaKeepsOnlyWhatChanged() {
    assertThat(PromText.delta(Map.of("GET", 5.0, "PUT", 2.0), Map.of("GET", 5.0, "PUT", 7.0, "POST", 1.0)))
        .containsExactly(Map.entry("POST", 1.0), Map.entry("PUT", 5.0));
  }
}
