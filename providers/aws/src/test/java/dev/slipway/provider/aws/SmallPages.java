package dev.slipway.provider.aws;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.eks.model.ListNodegroupsRequest;

/** Asks for pages of 5 node group names (EKS and moto default to 100), so tests exercise the provider's paging. */
final class SmallPages implements ExecutionInterceptor {

  static final int PAGE = 5;

  @Override
  public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
    if (context.request() instanceof ListNodegroupsRequest) {
      return ((ListNodegroupsRequest) context.request()).toBuilder().maxResults(PAGE).build();
    }
    return context.request();
  }
}
