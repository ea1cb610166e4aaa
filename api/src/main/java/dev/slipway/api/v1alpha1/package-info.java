/**
 * The {@code slipway.dev/v1alpha1} API: Cluster, Nodepool, MachinePool, ClusterAdditionalConfig and its Azure
 * children.
 *
 * <p>These classes are the single source of truth for the CRDs: the build generates {@code config/crd/bases} from
 * them (see {@code dev.slipway.api.v1alpha1.crd}). Field descriptions ({@code @JsonPropertyDescription}) become what
 * {@code kubectl explain} prints; {@code @ValidationRule} becomes a CEL rule the API server enforces at admission.
 * At runtime the types are (de)serialised by the official Kubernetes Java client's Gson, which reads fields, and
 * the generator reads them through Jackson, which reads record components: both see the same names.
 */
package dev.slipway.api.v1alpha1;
