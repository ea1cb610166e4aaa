package dev.slipway.provider.sim;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only record of every effective mutating operation the simulated cloud accepted: one JSON line per
 * operation that changed cloud state (an idempotent no-op, a refused or faulted call that did nothing, and a read
 * leave no line; a call that timed out after being applied does). It is the evidence chaos tests check invariants
 * against ("each pool created at most once", "no operation on a pool after its delete", "no operation issued by
 * two replicas").
 *
 * <p>Line fields: {@code time} (the cloud's clock), {@code identity} (the process that made the call),
 * {@code source} ({@code api} for Slipway's calls, {@code console} for out-of-band changes), {@code cluster}
 * ({@code namespace/name}), {@code pool} (absent for cluster-level operations), {@code operation} (e.g.
 * {@code pool.create}, {@code pool.scale}, {@code controlPlane.upgrade}), and where relevant {@code count},
 * {@code version}, {@code machineType}, {@code osImage}, {@code value}, {@code failure} (the error code the
 * operation will end with, for an operation started to fail).
 *
 * <p>Thread safety: lines are written whole with one {@code write} to a file opened for append and are not
 * buffered, so a line is on disk when the call returns and several processes may append to files of their own (or
 * even to the same file).
 */
public final class SimAuditLog {

  /** Records nothing. */
  public static final SimAuditLog NONE = new SimAuditLog(null, null);

  private static final Logger LOG = LoggerFactory.getLogger(SimAuditLog.class);
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  private final FileChannel channel;
  private final String identity;

  private SimAuditLog(FileChannel channel, String identity) {
    this.channel = channel;
    this.identity = identity;
  }

  /**
   * Appends to {@code file} (created, with its folder, if missing).
   *
   * @param identity who makes the calls, e.g. a replica's name; written on every line
   */
  public static SimAuditLog appendingTo(Path file, String identity) {
    Objects.requireNonNull(identity, "identity");
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      return new SimAuditLog(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND), identity);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the simulated cloud's audit log " + file, e);
    }
  }

  /** The default identity: {@code pid@host}. */
  public static String defaultIdentity() {
    String host = System.getenv("HOSTNAME");
    return ProcessHandle.current().pid() + "@" + (host == null || host.isBlank() ? "localhost" : host);
  }

  /** One effective operation; {@code pool} is null for cluster-level ones. */
  record Entry(String pool, String operation, Map<String, Object> details) {
  }

  /**
   * The operations that turned {@code before} (the cluster's state brought up to the call's time) into
   * {@code after} (the state the call wrote). Progress of running operations is not an operation: both states are
   * at the same instant, so only the call's own change differs.
   */
  static List<Entry> changes(SimClusterState before, SimClusterState after) {
    List<Entry> entries = new ArrayList<>();
    ControlPlaneRecord cpBefore = before.controlPlane();
    ControlPlaneRecord cpAfter = after.controlPlane();
    if (cpAfter != null && (cpBefore == null || cpAfter.operations() != cpBefore.operations())) {
      OperationRecord operation = cpAfter.operation();
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("version", operation.kind() == OperationKind.UPGRADE ? operation.targetVersion()
          : cpAfter.version());
      failure(details, operation);
      entries.add(new Entry(null, "controlPlane." + word(operation.kind()), details));
    } else if (cpAfter == null && cpBefore != null) {
      entries.add(new Entry(null, "controlPlane.removed", new LinkedHashMap<>()));
    }
    Set<String> names = new TreeSet<>(before.pools().keySet());
    names.addAll(after.pools().keySet());
    for (String name : names) {
      PoolRecord was = before.pools().get(name);
      PoolRecord is = after.pools().get(name);
      if (is == null) {
        // Only a control plane delete removes pools within a call; it is recorded above.
        continue;
      }
      if (was == null || is.operations() != was.operations()) {
        OperationRecord operation = is.operation();
        Map<String, Object> details = poolDetails(is);
        failure(details, operation);
        entries.add(new Entry(name, "pool." + (was == null ? "create" : word(operation.kind())), details));
      } else if (!is.template().equals(was.template())) {
        entries.add(new Entry(name, "pool.setTemplate", poolDetails(is)));
      }
    }
    if (!before.registryGrants().equals(after.registryGrants())) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("value", String.join(",", after.registryGrants()));
      entries.add(new Entry(null, "registryGrants.set", details));
    }
    if (!Objects.equals(before.autoscalerProfile(), after.autoscalerProfile())) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("value", String.valueOf(after.autoscalerProfile()));
      entries.add(new Entry(null, "autoscalerProfile.set", details));
    }
    return entries;
  }

  private static Map<String, Object> poolDetails(PoolRecord pool) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("count", pool.count());
    details.put("version", pool.version());
    details.put("machineType", pool.template().machineType());
    details.put("osImage", pool.template().osImage() == null ? null : pool.template().osImage().toString());
    return details;
  }

  private static void failure(Map<String, Object> details, OperationRecord operation) {
    if (operation.failureCode() != null) {
      details.put("failure", operation.failureCode());
    }
  }

  private static String word(OperationKind kind) {
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Appends one line per entry. Failing to write is logged, never thrown: the call itself was applied. */
  void record(Instant time, String source, String cluster, List<Entry> entries) {
    if (channel == null || entries.isEmpty()) {
      return;
    }
    StringBuilder lines = new StringBuilder();
    for (Entry entry : entries) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("time", time.toString());
      line.put("identity", identity);
      line.put("source", source);
      line.put("cluster", cluster);
      if (entry.pool() != null) {
        line.put("pool", entry.pool());
      }
      line.put("operation", entry.operation());
      entry.details().forEach((key, value) -> {
        if (value != null) {
          line.put(key, value);
        }
      });
      lines.append(GSON.toJson(line)).append('\n');
    }
    ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
    synchronized (this) {
      try {
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
      } catch (IOException e) {
        LOG.error("Could not append {} line(s) to the simulated cloud's audit log: {}", entries.size(),
            e.toString());
      }
    }
  }
}
