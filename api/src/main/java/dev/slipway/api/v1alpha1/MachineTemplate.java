package dev.slipway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.google.gson.annotations.SerializedName;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * The node properties a cloud cannot change on an existing node pool. Changing any of them (or the Kubernetes
 * version) makes the Nodepool replace its pool: create a new one, move the workload, delete the old one. Every
 * other Nodepool field (replicas, autoscaling, labels, taints, mode) is applied in place.
 */
@ValidationRule(value = "!has(self.diskSize) || isQuantity(self.diskSize)",
    message = "diskSize must be a quantity such as 128Gi", fieldPath = ".diskSize")
@ValidationRule(
    value = "!has(self.diskSize) || !isQuantity(self.diskSize) || (quantity(self.diskSize).compareTo(quantity('20Gi')) >= 0 "
        + "&& quantity(self.diskSize).compareTo(quantity('4Ti')) <= 0)",
    message = "diskSize must be between 20Gi and 4Ti", fieldPath = ".diskSize")
@ValidationRule(value = "!has(self.zones) || self.zones.all(z, self.zones.exists_one(y, y == z))",
    message = "zones must not repeat", fieldPath = ".zones")
public record MachineTemplate(
    @Required
    @Size(min = 1, max = 64)
    @io.fabric8.generator.annotation.Pattern("^[A-Za-z0-9][A-Za-z0-9._-]*$")
    @JsonPropertyDescription("Cloud machine type: an EC2 instance type (m6i.large), an Azure VM size "
        + "(Standard_D4s_v5) or a simulated size.")
    String machineType,

    @Required
    @JsonPropertyDescription("Node OS image family. AWS: Bottlerocket, AL2023, AL2. Azure: AzureLinux, Ubuntu. "
        + "The simulated cloud accepts all.")
    OsImage osImage,

    @Default("amd64")
    @JsonPropertyDescription("CPU architecture of the machine type: amd64 or arm64 (selects e.g. "
        + "BOTTLEROCKET_ARM_64 on EKS).")
    Architecture architecture,

    @Default("128Gi")
    @Size(max = 16)
    @JsonPropertyDescription("OS disk size per node, a quantity between 20Gi and 4Ti.")
    String diskSize,

    @Size(max = 32)
    @io.fabric8.generator.annotation.Pattern("^[A-Za-z0-9_]+$")
    @JsonPropertyDescription("OS disk type as the cloud names it: Managed or Ephemeral on Azure, gp3 or gp2 on "
        + "AWS. Omitted: the cloud's default.")
    String diskType,

    @Min(10)
    @Max(250)
    @JsonPropertyDescription("Maximum pods per node (10-250). Omitted: the cloud's default.")
    Integer maxPods,

    @Default("OnDemand")
    @JsonPropertyDescription("OnDemand (regular) or Spot capacity.")
    CapacityType capacityType,

    @Size(max = 6)
    @JsonPropertyDescription("Availability zones the pool's nodes are spread over, e.g. [\"1\", \"2\", \"3\"] on "
        + "Azure or [eu-west-1a, eu-west-1b] on AWS. Omitted: the cloud's choice.")
    List<@Size(min = 1, max = 32) String> zones) {

  /** CPU architectures. */
  public enum Architecture {
    @JsonProperty("amd64") @SerializedName("amd64") AMD64,
    @JsonProperty("arm64") @SerializedName("arm64") ARM64
  }

  /** Pricing model of the pool's machines. */
  public enum CapacityType { OnDemand, Spot }
}
