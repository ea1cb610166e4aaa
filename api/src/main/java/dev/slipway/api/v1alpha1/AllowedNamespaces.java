package dev.slipway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * The namespaces whose Clusters may use a ProviderIdentity. Empty (neither field): every namespace. Otherwise a
 * namespace is allowed when it is in {@code list} or its labels match {@code selector}.
 */
public record AllowedNamespaces(
    @Size(max = 256)
    @JsonPropertyDescription("Names of allowed namespaces.")
    List<@Size(max = 63) @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$") String> list,

    @JsonPropertyDescription("Label selector over namespaces; a namespace whose labels match is allowed. An empty "
        + "selector ({}) matches no namespace here, as in Cluster API's providers; use allowedNamespaces: {} to "
        + "allow all.")
    LabelSelector selector) {
}
