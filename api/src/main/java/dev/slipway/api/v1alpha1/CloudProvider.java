package dev.slipway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.gson.annotations.SerializedName;

/** The cloud a Cluster lives in; selects the provider implementation that reconciles it. */
public enum CloudProvider {
  /** Amazon EKS through the AWS SDK. */
  @JsonProperty("aws") @SerializedName("aws") AWS,
  /** Azure Kubernetes Service through the Azure Resource Manager SDK. */
  @JsonProperty("azure") @SerializedName("azure") AZURE,
  /** Slipway's embedded simulated cloud, for local runs and tests. */
  @JsonProperty("sim") @SerializedName("sim") SIM;

  /** The value as written in YAML ({@code aws}, {@code azure}, {@code sim}): for messages and metric labels. */
  public String value() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
