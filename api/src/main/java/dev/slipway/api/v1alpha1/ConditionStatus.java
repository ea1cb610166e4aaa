package dev.slipway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.gson.annotations.SerializedName;

/** The three values of a condition's status, as Kubernetes spells them. */
public enum ConditionStatus {
  @JsonProperty("True") @SerializedName("True") TRUE,
  @JsonProperty("False") @SerializedName("False") FALSE,
  @JsonProperty("Unknown") @SerializedName("Unknown") UNKNOWN
}
