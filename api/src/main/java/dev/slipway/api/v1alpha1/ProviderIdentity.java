package dev.slipway.api.v1alpha1;

/**
 * A cloud identity the controllers act as for the Clusters that name it (cluster-scoped, managed by platform
 * admins). It holds no credential: an AWS role the controllers assume with STS from their own IRSA credentials, an
 * Azure app registration their workload-identity token is federated with, or a simulated account.
 */
public final class ProviderIdentity extends SlipwayResource<ProviderIdentitySpec, ProviderIdentityStatus> {

  public static final String KIND = "ProviderIdentity";
  public static final String PLURAL = "provideridentities";

  public ProviderIdentity() {
    super(KIND);
  }

  /** The list type the API server returns for {@link ProviderIdentity}. */
  public static final class List extends SlipwayResourceList<ProviderIdentity> {
    public List() {
      super(KIND + "List");
    }
  }
}
