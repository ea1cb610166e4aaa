package dev.slipway.controllers.e2e;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Taint;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Nodegroup;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

/**
 * Plays kubelet for moto's EKS: every running EC2 instance of a managed node group registers as a KWOK Node in the
 * workload API server with a real-looking {@code aws:///<az>/<instance-id>} providerID, the node group's labels and
 * taints and the EKS node labels; a Node whose instance is gone is deleted, as the cloud node controller would.
 */
final class AwsKubeletBridge implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AwsKubeletBridge.class);
  static final String NODEGROUP_LABEL = "eks.amazonaws.com/nodegroup";
  static final String BRIDGE_LABEL = "e2e.slipway.dev/aws-bridge";

  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
  private final Ec2Client ec2;
  private final EksClient eks;
  private final CoreV1Api core;
  private final String eksCluster;
  private final String bridgeId;
  private final Set<String> registered = ConcurrentHashMap.newKeySet();
  private final AtomicInteger errors = new AtomicInteger();

  AwsKubeletBridge(URI moto, String region, String eksCluster, ApiClient workload, String bridgeId) {
    StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
        AwsBasicCredentials.create("testing", "testing"));
    this.ec2 = Ec2Client.builder().endpointOverride(moto).region(Region.of(region)).credentialsProvider(credentials)
        .build();
    this.eks = EksClient.builder().endpointOverride(moto).region(Region.of(region)).credentialsProvider(credentials)
        .build();
    this.core = new CoreV1Api(workload);
    this.eksCluster = eksCluster;
    this.bridgeId = bridgeId;
    executor.scheduleWithFixedDelay(this::sync, 0, 500, TimeUnit.MILLISECONDS);
  }

  /** Nodes registered so far (names), for the test's assertions. */
  Set<String> registered() {
    return Set.copyOf(registered);
  }

  int errors() {
    return errors.get();
  }

  private void sync() {
    try {
      Map<String, Instance> instances = new HashMap<>();
      for (Reservation reservation : ec2.describeInstancesPaginator(r -> r.filters(
          Filter.builder().name("tag:eks:cluster-name").values(eksCluster).build(),
          Filter.builder().name("instance-state-name").values("pending", "running").build())).reservations()) {
        for (Instance instance : reservation.instances()) {
          instances.put(nodeName(instance), instance);
        }
      }
      Map<String, Nodegroup> groups = new HashMap<>();
      for (Instance instance : instances.values()) {
        String group = tag(instance, "eks:nodegroup-name");
        if (group != null && !groups.containsKey(group)) {
          try {
            groups.put(group, eks.describeNodegroup(r -> r.clusterName(eksCluster).nodegroupName(group)).nodegroup());
          } catch (ResourceNotFoundException e) {
            groups.put(group, null);
          }
        }
      }
      for (Map.Entry<String, Instance> entry : instances.entrySet()) {
        if (!registered.contains(entry.getKey())) {
          register(entry.getKey(), entry.getValue(), groups.get(tag(entry.getValue(), "eks:nodegroup-name")));
        }
      }
      for (V1Node node : core.listNode().labelSelector(BRIDGE_LABEL + "=" + bridgeId).execute().getItems()) {
        if (!instances.containsKey(node.getMetadata().getName())) {
          core.deleteNode(node.getMetadata().getName()).execute();
          registered.remove(node.getMetadata().getName());
          LOG.info("Instance of Node {} is gone: Node deleted", node.getMetadata().getName());
        }
      }
    } catch (RuntimeException | ApiException e) {
      errors.incrementAndGet();
      LOG.debug("bridge pass failed: {}", e.toString());
    }
  }

  private void register(String name, Instance instance, Nodegroup group) throws ApiException {
    Map<String, String> labels = new HashMap<>();
    if (group != null && group.labels() != null) {
      labels.putAll(group.labels());
    }
    labels.put(NODEGROUP_LABEL, tag(instance, "eks:nodegroup-name"));
    labels.put("node.kubernetes.io/instance-type", instance.instanceTypeAsString());
    labels.put("topology.kubernetes.io/zone", instance.placement().availabilityZone());
    labels.put("kubernetes.io/os", "linux");
    labels.put(BRIDGE_LABEL, bridgeId);
    if (group != null && group.amiTypeAsString() != null) {
      labels.put("eks.amazonaws.com/nodegroup-image-type", group.amiTypeAsString().toLowerCase());
    }
    List<V1Taint> taints = group == null || group.taints() == null ? List.of() : group.taints().stream()
        .map(t -> new V1Taint().key(t.key()).value(t.value()).effect(switch (t.effectAsString()) {
          case "NO_EXECUTE" -> "NoExecute";
          case "PREFER_NO_SCHEDULE" -> "PreferNoSchedule";
          default -> "NoSchedule";
        })).collect(Collectors.toList());
    V1Node node = new V1Node().metadata(new V1ObjectMeta().name(name).labels(labels)
            .annotations(Map.of("kwok.x-k8s.io/node", "fake")))
        .spec(new V1NodeSpec().providerID("aws:///" + instance.placement().availabilityZone() + "/"
            + instance.instanceId()).taints(taints.isEmpty() ? null : taints));
    try {
      core.createNode(node).execute();
      LOG.info("Instance {} registered as Node {}", instance.instanceId(), name);
    } catch (ApiException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
    registered.add(name);
  }

  /**
   * EKS names Nodes after the instance's private DNS name, but moto reuses private IPs after a reset, and the
   * workload API server outlives one test class: the instance ID is the name here, unique across resets.
   */
  private static String nodeName(Instance instance) {
    return instance.instanceId();
  }

  private static String tag(Instance instance, String key) {
    return instance.tags().stream().filter(t -> t.key().equals(key)).map(Tag::value).findFirst().orElse(null);
  }

  /** Stops playing kubelet and removes the Nodes this bridge registered. */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
      core.deleteCollectionNode().labelSelector(BRIDGE_LABEL + "=" + bridgeId).execute();
    } catch (ApiException e) {
      LOG.warn("Could not delete the bridge's Nodes: HTTP {}", e.getCode());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ec2.close();
    eks.close();
  }
}
