package dev.slipway.provider.sim;

import static dev.slipway.provider.sim.SimFixtures.TEST_LATENCY;
import static dev.slipway.provider.sim.SimFixtures.cluster;
import static dev.slipway.provider.sim.SimFixtures.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.slipway.api.v1alpha1.SimClusterSpec.LatencyProfile;
import dev.slipway.provider.ClusterTarget;
import dev.slipway.provider.CloudException;
import dev.slipway.testing.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The audit log holds exactly the calls that changed cloud state: no reads, no no-ops, no refused calls. */
class SimAuditLogTest {

  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  @TempDir
  Path folder;

  private final ManualClock clock = new ManualClock(T0);
  private final InMemorySimStateStore store = new InMemorySimStateStore();
  private final ClusterTarget cluster = cluster("team-a", "c1");

  private SimCloud cloud(SimFaults faults, Path log, String identity) {
    Map<LatencyProfile, LatencyModel> latency = new EnumMap<>(LatencyProfile.class);
    latency.put(LatencyProfile.Fast, TEST_LATENCY);
    return new SimCloud(clock, store, null, WorkloadNodes.none(), latency, faults, SimRandomness.seeded(42))
        .auditingTo(SimAuditLog.appendingTo(log, identity));
  }

  private static List<JsonObject> lines(Path log) throws IOException {
    return Files.readAllLines(log).stream().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
  }

  private static String op(JsonObject line) {
    return (line.has("pool") ? line.get("pool").getAsString() + " " : "") + line.get("operation").getAsString();
  }

  @Test
  void recordsEachEffectiveOperationOnceAndNothingForReadsOrNoOps() throws Exception {
    Path log = folder.resolve("audit/replica-a.jsonl");
    SimCloud cloud = cloud(SimFaults.none(), log, "replica-a");

    cloud.controlPlanes().ensure(cluster);
    cloud.controlPlanes().ensure(cluster); // the same create asked again: still running, no new operation
    clock.advance(Duration.ofSeconds(10));
    cloud.controlPlanes().observe(cluster);
    cloud.controlPlanes().ensure(cluster); // done: a no-op
    cloud.nodePools().ensure(cluster, pool("p1", 2));
    clock.advance(Duration.ofSeconds(5));
    cloud.nodePools().observe(cluster, "p1");
    cloud.nodePools().ensure(cluster, pool("p1", 2)); // no-op
    cloud.nodePools().ensure(cluster, pool("p1", 3));
    clock.advance(Duration.ofSeconds(5));
    cloud.nodePools().delete(cluster, "p1");
    cloud.nodePools().delete(cluster, "p1"); // still deleting: no new operation
    clock.advance(Duration.ofSeconds(5));
    cloud.nodePools().delete(cluster, "p1"); // gone: a no-op
    cloud.nodePools().list(cluster);
    cloud.controlPlanes().ensure(cluster("team-a", "c1", "1.34", LatencyProfile.Fast));

    List<JsonObject> lines = lines(log);
    assertThat(lines).extracting(SimAuditLogTest::op).containsExactly(
        "controlPlane.create", "p1 pool.create", "p1 pool.scale", "p1 pool.delete", "controlPlane.upgrade");
    assertThat(lines).allSatisfy(line -> {
      assertThat(line.get("identity").getAsString()).isEqualTo("replica-a");
      assertThat(line.get("cluster").getAsString()).isEqualTo("team-a/c1");
      assertThat(line.get("source").getAsString()).isEqualTo("api");
    });
    assertThat(lines.get(0).get("time").getAsString()).isEqualTo(T0.toString());
    assertThat(lines.get(1).get("count").getAsInt()).isEqualTo(2);
    assertThat(lines.get(1).get("machineType").getAsString()).isEqualTo("sim-standard-2");
    assertThat(lines.get(2).get("count").getAsInt()).isEqualTo(3);
    assertThat(lines.get(4).get("version").getAsString()).isEqualTo("1.34");
  }

  @Test
  void refusedCallsLeaveNoLineAndTimedOutCallsThatWereAppliedDo() throws Exception {
    Path refused = folder.resolve("refused.jsonl");
    SimCloud throttled = cloud(new SimFaults(1, null, 0, 0, 0, null), refused, "a");
    catchThrowableOfType(CloudException.class, () -> throttled.controlPlanes().ensure(cluster));
    SimCloud failing = cloud(new SimFaults(0, null, 1, 0, 0, null), refused, "a");
    catchThrowableOfType(CloudException.class, () -> failing.controlPlanes().ensure(cluster));
    assertThat(Files.readAllLines(refused)).isEmpty();
    assertThat(store.read("team-a", "c1").state()).isNull();

    // Every call times out; half of them (seeded) were applied all the same: exactly those are in the log.
    Path timedOut = folder.resolve("timed-out.jsonl");
    SimCloud timingOut = cloud(new SimFaults(0, null, 0, 1, 0, null), timedOut, "a");
    int attempts = 0;
    while (store.read("team-a", "c1").state() == null) {
      attempts++;
      CloudException e = catchThrowableOfType(CloudException.class, () -> timingOut.controlPlanes().ensure(cluster));
      assertThat(e.code()).isEqualTo("RequestTimeout");
      assertThat(lines(timedOut)).hasSize(store.read("team-a", "c1").state() == null ? 0 : 1);
    }
    assertThat(attempts).isPositive();
    assertThat(lines(timedOut)).extracting(SimAuditLogTest::op).containsExactly("controlPlane.create");
  }

  @Test
  void anOperationStartedToFailIsRecordedWithItsFailureCode() throws Exception {
    Path log = folder.resolve("failures.jsonl");
    SimCloud cloud = cloud(new SimFaults(0, null, 0, 0, 1, "QuotaExceeded"), log, "a");
    cloud.controlPlanes().ensure(cluster);
    assertThat(lines(log)).singleElement().satisfies(line -> {
      assertThat(op(line)).isEqualTo("controlPlane.create");
      assertThat(line.get("failure").getAsString()).isEqualTo("QuotaExceeded");
    });
  }

  @Test
  void consoleChangesAreMarkedAndTwoProcessesWriteTheirOwnFiles() throws Exception {
    Path first = folder.resolve("first.jsonl");
    Path second = folder.resolve("second.jsonl");
    SimCloud a = cloud(SimFaults.none(), first, "first");
    SimCloud b = cloud(SimFaults.none(), second, "second");
    a.controlPlanes().ensure(cluster);
    clock.advance(Duration.ofSeconds(10));
    b.nodePools().ensure(cluster, pool("p1", 1));
    clock.advance(Duration.ofSeconds(5));
    a.outOfBand().scale(cluster, "p1", 3);

    assertThat(lines(first)).extracting(SimAuditLogTest::op).containsExactly("controlPlane.create", "p1 pool.scale");
    assertThat(lines(first).get(1).get("source").getAsString()).isEqualTo("console");
    assertThat(lines(second)).extracting(SimAuditLogTest::op).containsExactly("p1 pool.create");
    assertThat(lines(second)).allSatisfy(l -> assertThat(l.get("identity").getAsString()).isEqualTo("second"));
  }

  @Test
  void theAutoConfigurationAuditsWhenAFileIsGiven() {
    Path log = folder.resolve("from-properties.jsonl");
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SimProviderAutoConfiguration.class))
        .withPropertyValues("slipway.providers.sim.audit-log=" + log, "slipway.providers.sim.audit-identity=r1")
        .run(context -> {
          context.getBean(SimProvider.class).controlPlanes().ensure(cluster);
          assertThat(lines(log)).singleElement().satisfies(line -> {
            assertThat(op(line)).isEqualTo("controlPlane.create");
            assertThat(line.get("identity").getAsString()).isEqualTo("r1");
          });
        });
  }
}
