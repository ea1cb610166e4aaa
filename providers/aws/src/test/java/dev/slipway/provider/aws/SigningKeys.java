package dev.slipway.provider.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Records the access key ID each signed request was signed with (from its SigV4 Authorization header). */
final class SigningKeys implements ExecutionInterceptor {

  private static final Pattern CREDENTIAL = Pattern.compile("Credential=([A-Z0-9]+)/");

  /** One signed request: the SDK operation and the access key ID that signed it. */
  record Signed(String operation, String accessKeyId) {
  }

  private final List<Signed> signed = new ArrayList<>();

  @Override
  public synchronized void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    String authorization = context.httpRequest().firstMatchingHeader("Authorization").orElse("");
    Matcher matcher = CREDENTIAL.matcher(authorization);
    signed.add(new Signed(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
        matcher.find() ? matcher.group(1) : null));
  }

  synchronized List<Signed> all() {
    return List.copyOf(signed);
  }

  synchronized List<Signed> of(String operation) {
    return signed.stream().filter(s -> s.operation().equals(operation)).toList();
  }
}
