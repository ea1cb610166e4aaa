package dev.slipway.controllers.identity;

import dev.slipway.api.v1alpha1.AllowedNamespaces;
import dev.slipway.api.v1alpha1.LabelSelector;
import dev.slipway.api.v1alpha1.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * Whether a ProviderIdentity's {@code allowedNamespaces} admits a namespace, with the semantics of Cluster API's AWS
 * and Azure providers: absent admits none; empty (neither list nor selector) admits all; otherwise the namespace is
 * admitted when it is in the list or its labels match the selector, and an empty selector matches nothing. Pure.
 */
public final class NamespaceAccess {

  private NamespaceAccess() {
  }

  /**
   * @param allowed the identity's allowedNamespaces, null meaning "none"
   * @param namespace the Cluster's namespace
   * @param labels the namespace's labels as the cache knows them, null meaning none
   */
  public static boolean allows(AllowedNamespaces allowed, String namespace, Map<String, String> labels) {
    if (allowed == null) {
      return false;
    }
    if (allowed.list() == null && allowed.selector() == null) {
      return true;
    }
    if (allowed.list() != null && allowed.list().contains(namespace)) {
      return true;
    }
    return matches(allowed.selector(), labels == null ? Map.of() : labels);
  }

  /** A selector with neither matchLabels nor matchExpressions matches nothing here (CAPA), unlike in a PDB. */
  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null || (isEmpty(selector.matchLabels()) && isEmpty(selector.matchExpressions()))) {
      return false;
    }
    if (selector.matchLabels() != null) {
      for (Map.Entry<String, String> required : selector.matchLabels().entrySet()) {
        if (!required.getValue().equals(labels.get(required.getKey()))) {
          return false;
        }
      }
    }
    if (selector.matchExpressions() != null) {
      for (LabelSelectorRequirement requirement : selector.matchExpressions()) {
        if (!matches(requirement, labels)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
    String value = labels.get(requirement.key());
    List<String> values = requirement.values() == null ? List.of() : requirement.values();
    switch (requirement.operator()) {
      case "In":
        return value != null && values.contains(value);
      case "NotIn":
        return value == null || !values.contains(value);
      case "Exists":
        return value != null;
      case "DoesNotExist":
        return value == null;
      default:
        // The CRD's pattern refuses other operators; an unknown one admits nothing rather than everything.
        return false;
    }
  }

  private static boolean isEmpty(Map<?, ?> map) {
    return map == null || map.isEmpty();
  }

  private static boolean isEmpty(List<?> list) {
    return list == null || list.isEmpty();
  }
}
