package dev.slipway.provider.aws;

import dev.slipway.api.v1alpha1.AwsClusterSpec;
import dev.slipway.provider.CloudException;
import dev.slipway.provider.ClusterTarget;
import dev.slipway.provider.ControlPlaneService;
import dev.slipway.provider.ControlPlaneState;
import dev.slipway.provider.Kubeconfig;
import dev.slipway.provider.OperationStatus;
import dev.slipway.provider.ProvisioningPhase;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.ClusterIssue;
import software.amazon.awssdk.services.eks.model.ClusterStatus;
import software.amazon.awssdk.services.eks.model.ResourceInUseException;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

/**
 * EKS clusters as Slipway control planes. Names: {@link EksNames}. Every call first describes the cluster and
 * refuses one whose ownership tag names another Slipway Cluster (or that has none): Slipway never adopts, upgrades
 * or deletes an EKS cluster it did not create.
 */
final class EksControlPlanes implements ControlPlaneService {

  private static final Logger LOG = LoggerFactory.getLogger(EksControlPlanes.class);

  /** EKS creates a control plane in about 10 minutes and upgrades one in 10-20: poll every 30 s. */
  static final Duration POLL = Duration.ofSeconds(30);

  private final AwsClients clients;
  private final Clock clock;

  EksControlPlanes(AwsClients clients, Clock clock) {
    this.clients = clients;
    this.clock = clock;
  }

  @Override
  public ControlPlaneState observe(ClusterTarget cluster) throws CloudException {
    Cluster eks = describe(cluster);
    if (eks == null) {
      return ControlPlaneState.absent();
    }
    return new ControlPlaneState(phase(eks.status()), eks.statusAsString(),
        EksVersions.reported(eks.version(), cluster.spec().version()), eks.endpoint(), eks.arn(), message(eks));
  }

  @Override
  public OperationStatus ensure(ClusterTarget cluster) throws CloudException {
    String name = EksNames.clusterName(cluster);
    Cluster eks = describe(cluster);
    if (eks == null) {
      return create(cluster, name);
    }
    switch (phase(eks.status())) {
      case CREATING:
        return OperationStatus.inProgress(POLL, "ControlPlaneCreating", "EKS cluster " + name + " is "
            + eks.statusAsString());
      case UPDATING:
        return OperationStatus.inProgress(POLL, "ControlPlaneUpdating", "EKS cluster " + name + " is UPDATING");
      case DELETING:
        return OperationStatus.retryLater(POLL, "ControlPlaneDeleting", "EKS cluster " + name
            + " is being deleted; it is created again once it is gone");
      case FAILED:
        throw CloudException.permanent("ClusterFailed", "EKS cluster " + name + " is " + eks.statusAsString()
            + (message(eks) == null ? "" : ": " + message(eks)) + "; EKS cannot repair it, delete the Cluster", null);
      case READY:
      default:
        return upgradeIfOlder(cluster, name, eks);
    }
  }

  @Override
  public OperationStatus delete(ClusterTarget cluster) throws CloudException {
    String name = EksNames.clusterName(cluster);
    Cluster eks = describe(cluster);
    if (eks == null) {
      return OperationStatus.done();
    }
    if (eks.status() == ClusterStatus.DELETING) {
      return OperationStatus.inProgress(POLL, "ControlPlaneDeleting", "EKS cluster " + name + " is DELETING");
    }
    try {
      eks(cluster).deleteCluster(r -> r.name(name));
      LOG.info("Deleting EKS cluster {} of Cluster {}", name, cluster.key());
      return OperationStatus.inProgress(POLL, "ControlPlaneDeleting", "deleting EKS cluster " + name);
    } catch (ResourceNotFoundException e) {
      return OperationStatus.done();
    } catch (ResourceInUseException e) {
      return OperationStatus.retryLater(POLL, "ClusterBusy", "EKS cluster " + name + " cannot be deleted now: "
          + e.awsErrorDetails().errorMessage());
    } catch (SdkException e) {
      throw AwsErrors.map("delete EKS cluster " + name, e);
    }
  }

  @Override
  public Kubeconfig kubeconfig(ClusterTarget cluster) throws CloudException {
    String name = EksNames.clusterName(cluster);
    Cluster eks = describe(cluster);
    if (eks == null || eks.endpoint() == null || eks.certificateAuthority() == null
        || eks.certificateAuthority().data() == null
        || (eks.status() != ClusterStatus.ACTIVE && eks.status() != ClusterStatus.UPDATING)) {
      throw CloudException.retryable("ControlPlaneNotReady", "EKS cluster " + name + " has no endpoint yet ("
          + (eks == null ? "absent" : eks.statusAsString()) + ")", null, POLL);
    }
    AwsCredentialsIdentity credentials;
    try {
      credentials = clients.credentials(cluster.spec().region(), cluster.identity()).resolveCredentials();
    } catch (SdkException e) {
      throw AwsErrors.map("resolve AWS credentials to sign the EKS token", e);
    }
    if (clients.properties().workloadKubeconfig() != null) {
      // Note: emulator testing only (see AwsProperties): the emulated endpoint serves no Kubernetes API.
      try {
        return new Kubeconfig(java.nio.file.Files.readString(clients.properties().workloadKubeconfig()), null);
      } catch (java.io.IOException e) {
        throw CloudException.permanent("WorkloadKubeconfigUnreadable", "cannot read slipway.providers.aws."
            + "workload-kubeconfig " + clients.properties().workloadKubeconfig() + ": " + e.getMessage(), null);
      }
    }
    String token = EksToken.create(credentials, cluster.spec().region(), name, clock);
    return new Kubeconfig(KubeconfigDocument.render(name, eks.endpoint(), eks.certificateAuthority().data(), token),
        clock.instant().plus(EksToken.LIFETIME));
  }

  static ProvisioningPhase phase(ClusterStatus status) {
    if (status == null) {
      return ProvisioningPhase.FAILED;
    }
    switch (status) {
      case CREATING:
      case PENDING:
        return ProvisioningPhase.CREATING;
      case ACTIVE:
        return ProvisioningPhase.READY;
      case UPDATING:
        return ProvisioningPhase.UPDATING;
      case DELETING:
        return ProvisioningPhase.DELETING;
      case FAILED:
      default:
        return ProvisioningPhase.FAILED;
    }
  }

  /** Tags of a new EKS cluster: the Cluster's own tags, then the ownership tags (which win). */
  static Map<String, String> tags(ClusterTarget cluster) {
    Map<String, String> tags = new LinkedHashMap<>();
    AwsClusterSpec aws = cluster.spec().aws();
    if (aws != null && aws.tags() != null) {
      tags.putAll(aws.tags());
    }
    tags.put(EksNames.CLUSTER_TAG, EksNames.owner(cluster));
    if (cluster.uid() != null) {
      tags.put(EksNames.CLUSTER_UID_TAG, cluster.uid());
    }
    return tags;
  }

  private OperationStatus create(ClusterTarget cluster, String name) throws CloudException {
    AwsClusterSpec aws = cluster.spec().aws();
    if (aws == null) {
      throw CloudException.permanent("InvalidParameter", "Cluster " + cluster.key()
          + " has provider aws but no spec.aws", null);
    }
    try {
      eks(cluster).createCluster(r -> r.name(name)
          .version(EksVersions.eksVersion(cluster.spec().version()))
          .roleArn(aws.roleArn())
          .resourcesVpcConfig(vpc -> vpc.subnetIds(aws.subnetIds())
              .securityGroupIds(aws.securityGroupIds() == null ? List.of() : aws.securityGroupIds())
              .endpointPublicAccess(aws.endpointPublicAccess() == null || aws.endpointPublicAccess())
              .endpointPrivateAccess(Boolean.TRUE.equals(aws.endpointPrivateAccess())))
          .tags(tags(cluster)));
      LOG.info("Creating EKS cluster {} at {} for Cluster {}", name, cluster.spec().version(), cluster.key());
      return OperationStatus.inProgress(POLL, "ControlPlaneCreating", "creating EKS cluster " + name);
    } catch (ResourceInUseException e) {
      // Created by an earlier call whose answer was lost: observe it on the next poll.
      return OperationStatus.inProgress(POLL, "ControlPlaneCreating", "EKS cluster " + name + " exists already");
    } catch (SdkException e) {
      throw AwsErrors.map("create EKS cluster " + name, e);
    }
  }

  private OperationStatus upgradeIfOlder(ClusterTarget cluster, String name, Cluster eks) throws CloudException {
    int actual = EksVersions.minor(eks.version());
    int desired = EksVersions.minor(cluster.spec().version());
    if (desired < actual) {
      throw CloudException.permanent("OperationNotAllowed", "EKS cluster " + name + " runs " + eks.version()
          + "; spec.version " + cluster.spec().version() + " would be a downgrade, which EKS cannot do", null);
    }
    if (desired == actual) {
      return OperationStatus.done();
    }
    // EKS upgrades one minor at a time: step to the next minor; the next poll steps again if needed.
    String next = "1." + (actual + 1);
    try {
      eks(cluster).updateClusterVersion(r -> r.name(name).version(next));
      LOG.info("Upgrading EKS cluster {} of Cluster {} from {} to {}", name, cluster.key(), eks.version(), next);
      return OperationStatus.inProgress(POLL, "ControlPlaneUpdating", "upgrading EKS cluster " + name + " from "
          + eks.version() + " to " + next);
    } catch (ResourceInUseException e) {
      return OperationStatus.retryLater(POLL, "ClusterBusy", "EKS cluster " + name + " is busy: "
          + e.awsErrorDetails().errorMessage());
    } catch (SdkException e) {
      throw AwsErrors.map("upgrade EKS cluster " + name + " to " + next, e);
    }
  }

  /** The cluster, or null when absent. Refuses a cluster that another Slipway Cluster (or no Slipway) owns. */
  private Cluster describe(ClusterTarget cluster) throws CloudException {
    String name = EksNames.clusterName(cluster);
    Cluster eks;
    try {
      eks = eks(cluster).describeCluster(r -> r.name(name)).cluster();
    } catch (ResourceNotFoundException e) {
      return null;
    } catch (SdkException e) {
      throw AwsErrors.map("describe EKS cluster " + name, e);
    }
    String owner = eks.hasTags() ? eks.tags().get(EksNames.CLUSTER_TAG) : null;
    if (!Objects.equals(owner, EksNames.owner(cluster))) {
      throw CloudException.permanent("NotOwned", "EKS cluster " + name + " exists but its tag "
          + EksNames.CLUSTER_TAG + " is " + (owner == null ? "missing" : "'" + owner + "'") + ", not '"
          + EksNames.owner(cluster) + "': Slipway does not adopt clusters it did not create", null);
    }
    return eks;
  }

  private static String message(Cluster eks) {
    if (eks.health() == null || !eks.health().hasIssues() || eks.health().issues().isEmpty()) {
      return null;
    }
    return eks.health().issues().stream().map(EksControlPlanes::describeIssue).collect(Collectors.joining("; "));
  }

  private static String describeIssue(ClusterIssue issue) {
    return issue.codeAsString() + ": " + issue.message();
  }

  private EksClient eks(ClusterTarget cluster) {
    return clients.eks(cluster.spec().region(), cluster.identity());
  }
}
