package dev.slipway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/** EKS control-plane settings. Credentials never appear here: the controllers use IRSA. */
@ValidationRule(value = "self.subnetIds.all(s, s.matches('^subnet-[0-9a-f]{8,17}$'))",
    message = "every subnet ID must look like subnet-0123456789abcdef0", fieldPath = ".subnetIds")
@ValidationRule(value = "self.subnetIds == oldSelf.subnetIds", message = "spec.aws.subnetIds is immutable",
    fieldPath = ".subnetIds")
@ValidationRule(value = "!has(self.securityGroupIds) || self.securityGroupIds.all(s, s.matches('^sg-[0-9a-f]{8,17}$'))",
    message = "every security group ID must look like sg-0123456789abcdef0", fieldPath = ".securityGroupIds")
public record AwsClusterSpec(
    @Required
    @Size(max = 2048)
    @Pattern("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$")
    @JsonPropertyDescription("ARN of the IAM role the EKS control plane assumes.")
    String roleArn,

    @Required
    @Size(max = 2048)
    @Pattern("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$")
    @JsonPropertyDescription("ARN of the IAM role the nodes of every managed node group assume. Registry pull "
        + "access (ClusterAdditionalConfig) is granted to this role.")
    String nodeRoleArn,

    @Required
    @Size(min = 2, max = 16)
    @JsonPropertyDescription("Subnets for the control plane's network interfaces, in at least two availability "
        + "zones. Immutable.")
    List<@Size(max = 32) String> subnetIds,

    @Size(max = 5)
    @JsonPropertyDescription("Additional security groups for the control plane's network interfaces.")
    List<@Size(max = 32) String> securityGroupIds,

    @Default("true")
    @JsonPropertyDescription("Whether the API server endpoint is reachable from the internet.")
    Boolean endpointPublicAccess,

    @Default("false")
    @JsonPropertyDescription("Whether the API server endpoint is reachable from within the VPC.")
    Boolean endpointPrivateAccess,

    @Size(max = 50)
    @JsonPropertyDescription("Tags applied to the EKS cluster and its node groups.")
    Map<String, String> tags) {
}
