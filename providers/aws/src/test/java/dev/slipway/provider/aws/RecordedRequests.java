package dev.slipway.provider.aws;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Keeps every SDK request the provider sends, to check fields that moto does not store. */
final class RecordedRequests implements ExecutionInterceptor {

  private final List<SdkRequest> requests = new ArrayList<>();

  @Override
  public synchronized void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    requests.add(context.request());
  }

  synchronized <T extends SdkRequest> T last(Class<T> type) {
    for (int i = requests.size() - 1; i >= 0; i--) {
      if (type.isInstance(requests.get(i))) {
        return type.cast(requests.get(i));
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " was sent");
  }

  synchronized <T extends SdkRequest> List<T> all(Class<T> type) {
    return requests.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
