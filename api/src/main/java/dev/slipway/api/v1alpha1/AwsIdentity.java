package dev.slipway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** An IAM role the controllers assume with STS AssumeRole, starting from their own (IRSA) credentials. */
public record AwsIdentity(
    @Required
    @Size(max = 2048)
    @Pattern("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$")
    @JsonPropertyDescription("ARN of the IAM role to assume, e.g. arn:aws:iam::123456789012:role/slipway-team-a. "
        + "Its trust policy must allow the controllers' role to assume it.")
    String roleArn,

    @Size(min = 2, max = 1224)
    @Pattern("^[\\w+=,.@:/-]+$")
    @JsonPropertyDescription("External ID the role's trust policy requires, if any. Not a secret; it guards "
        + "against the confused-deputy problem.")
    String externalId) {
}
