package dev.slipway.testing.azure;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Microsoft.Authorization resource provider at any scope: role assignments (PUT, GET, DELETE, list with
 * {@code $filter}) and the built-in role definitions. Principals exist when a test registered them or when a cluster
 * identity has become visible; registries exist when a test added them. Assignments outlive the resources they name,
 * as in Azure. Every method is called with the fake's state lock held.
 */
final class Authorization {

  /** A built-in role definition. */
  record RoleDefinition(String id, String roleName, String description, List<String> actions,
      List<String> dataActions) {
  }

  static final String ACR_PULL = "7f951dda-4ed3-4680-a7ca-43fe172d538d";
  private static final List<RoleDefinition> BUILT_IN = List.of(
      new RoleDefinition(ACR_PULL, "AcrPull", "acr pull",
          List.of("Microsoft.ContainerRegistry/registries/pull/read"), List.of()),
      new RoleDefinition("8311e382-0749-4cb8-b61a-304f252e45ec", "AcrPush", "acr push",
          List.of("Microsoft.ContainerRegistry/registries/pull/read",
              "Microsoft.ContainerRegistry/registries/push/write"), List.of()),
      new RoleDefinition("acdd72a7-3385-48ef-bd42-f606fba81ae7", "Reader", "View all resources, but does not allow"
          + " you to make any changes.", List.of("*/read"), List.of()),
      new RoleDefinition("b24988ac-6180-42a0-ab88-20f7382dd24c", "Contributor", "Grants full access to manage all"
          + " resources, but does not allow you to assign roles in Azure RBAC.", List.of("*"), List.of()));
  private static final Instant BUILT_IN_CREATED = Instant.parse("2018-03-29T00:00:00Z");
  private static final Pattern GUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern ROLE_NAME_FILTER = Pattern.compile("roleName\\s+eq\\s+'([^']*)'",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern TYPE_FILTER = Pattern.compile("type\\s+eq\\s+'([^']*)'", Pattern.CASE_INSENSITIVE);
  private static final Set<String> PRINCIPAL_TYPES =
      Set.of("User", "Group", "ServicePrincipal", "ForeignGroup", "Device");

  private record StoredAssignment(String name, String scope, String roleDefinitionGuid, String principalId,
      String principalType, Instant createdOn) {

    String id() {
      return (scope.equals("/") ? "" : scope) + "/providers/Microsoft.Authorization/roleAssignments/" + name;
    }
  }

  private final ContainerService containerService;
  private final URI endpoint;
  private final Set<String> registries = new HashSet<>();
  private final Set<String> principals = new HashSet<>();
  private final Map<String, StoredAssignment> assignments = new LinkedHashMap<>();
  private int pageSize = 100;

  Authorization(ContainerService containerService, URI endpoint) {
    this.containerService = containerService;
    this.endpoint = endpoint;
  }

  void setPageSize(int pageSize) {
    this.pageSize = pageSize;
  }

  void addRegistry(String resourceId) {
    registries.add(RoleAssignmentFilter.normalize(resourceId));
  }

  void registerPrincipal(String objectId) {
    principals.add(objectId.toLowerCase(Locale.ROOT));
  }

  List<RoleAssignmentSnapshot> roleAssignments() {
    return assignments.values().stream().map(a -> new RoleAssignmentSnapshot(a.id(), a.name(), a.scope(),
        roleDefinitionId(a.scope(), a.roleDefinitionGuid()), a.principalId(), a.principalType(), a.createdOn()))
        .toList();
  }

  /** Serves a Microsoft.Authorization request, or answers null when the path is not one of its resources. */
  ArmResponse handle(ArmRequest r, Instant now) {
    List<String> segments = r.segments();
    int providers = -1;
    for (int i = segments.size() - 2; i >= 0; i--) {
      if (segments.get(i).equalsIgnoreCase("providers")
          && segments.get(i + 1).equalsIgnoreCase("Microsoft.Authorization")) {
        providers = i;
        break;
      }
    }
    if (providers < 0 || segments.size() < providers + 3 || segments.size() > providers + 4) {
      return null;
    }
    List<String> scopeSegments = segments.subList(0, providers);
    String scope = "/" + String.join("/", scopeSegments);
    String collection = segments.get(providers + 2);
    String name = segments.size() == providers + 4 ? segments.get(providers + 3) : null;
    if (collection.equalsIgnoreCase("roleAssignments")) {
      if (name == null) {
        if (!r.method().equals("GET")) {
          throw r.methodNotAllowed();
        }
        checkScope(scopeSegments);
        return listAssignments(r, scope);
      }
      return switch (r.method()) {
        case "PUT" -> putAssignment(r, scopeSegments, scope, name, now);
        case "GET" -> getAssignment(scope, name);
        case "DELETE" -> deleteAssignment(scope, name);
        default -> throw r.methodNotAllowed();
      };
    }
    if (collection.equalsIgnoreCase("roleDefinitions")) {
      if (!r.method().equals("GET")) {
        throw r.methodNotAllowed();
      }
      checkScope(scopeSegments);
      return name == null ? listDefinitions(r, scope) : getDefinition(scope, name);
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Role assignments

  private ArmResponse putAssignment(ArmRequest r, List<String> scopeSegments, String scope, String name,
      Instant now) {
    if (!GUID.matcher(name).matches()) {
      throw ArmException.badRequest("InvalidRoleAssignmentId", "The role assignment ID '" + name + "' is not valid."
          + " The role assignment ID must be a GUID.");
    }
    JsonObject properties = JsonFields.object(r.json(), "properties");
    String roleDefinitionId = JsonFields.string(properties, "roleDefinitionId");
    String principalId = JsonFields.string(properties, "principalId");
    if (roleDefinitionId == null || principalId == null) {
      throw ArmException.badRequest("InvalidRequestContent", "The request content was invalid: properties."
          + (roleDefinitionId == null ? "roleDefinitionId" : "principalId") + " is required.");
    }
    String principalType = JsonFields.string(properties, "principalType");
    if (principalType != null && !PRINCIPAL_TYPES.contains(principalType)) {
      throw ArmException.badRequest("InvalidPrincipalType", "The principal type '" + principalType + "' is not"
          + " valid. Allowed values: " + PRINCIPAL_TYPES.stream().sorted().toList() + ".");
    }
    checkScope(scopeSegments);
    RoleDefinition role = definitionFromId(roleDefinitionId);
    String key = key(scope, name);
    StoredAssignment existing = assignments.get(key);
    if (existing != null) {
      boolean same = existing.roleDefinitionGuid().equalsIgnoreCase(role.id())
          && existing.principalId().equalsIgnoreCase(principalId);
      if (!same) {
        throw ArmException.conflict("RoleAssignmentUpdateNotPermitted", "Tenant ID, application ID, principal ID,"
            + " and scope are not allowed to be updated.");
      }
      return ArmResponse.of(201, assignmentBody(existing));
    }
    if (!principals.contains(principalId.toLowerCase(Locale.ROOT))
        && !containerService.principalVisible(principalId, now)) {
      throw ArmException.badRequest("PrincipalNotFound", "Principal " + principalId.replace("-", "")
          + " does not exist in the directory. Check that you have the correct principal ID. If you are creating"
          + " this principal and then immediately assigning a role, this error might be related to a replication"
          + " delay. In this case, set the role assignment principalType property to a value, such as"
          + " ServicePrincipal, User, or Group. See https://aka.ms/docs-principaltype");
    }
    String normalizedScope = RoleAssignmentFilter.normalize(scope);
    for (StoredAssignment other : assignments.values()) {
      if (RoleAssignmentFilter.normalize(other.scope()).equals(normalizedScope)
          && other.roleDefinitionGuid().equalsIgnoreCase(role.id())
          && other.principalId().equalsIgnoreCase(principalId)) {
        throw ArmException.conflict("RoleAssignmentExists", "The role assignment already exists. The ID of the"
            + " existing role assignment is " + other.name().replace("-", "") + ".");
      }
    }
    StoredAssignment created = new StoredAssignment(name, scope, role.id(), principalId,
        principalType == null ? "ServicePrincipal" : principalType, now);
    assignments.put(key, created);
    return ArmResponse.of(201, assignmentBody(created));
  }

  private ArmResponse getAssignment(String scope, String name) {
    StoredAssignment assignment = assignments.get(key(scope, name));
    if (assignment == null) {
      throw ArmException.notFound("RoleAssignmentNotFound", "The role assignment '" + name + "' is not found.");
    }
    return ArmResponse.ok(assignmentBody(assignment));
  }

  private ArmResponse deleteAssignment(String scope, String name) {
    StoredAssignment removed = assignments.remove(key(scope, name));
    return removed == null ? ArmResponse.noContent() : ArmResponse.ok(assignmentBody(removed));
  }

  private ArmResponse listAssignments(ArmRequest r, String scope) {
    RoleAssignmentFilter filter = RoleAssignmentFilter.parse(r.query("$filter"));
    List<JsonElement> items = assignments.values().stream()
        .filter(a -> filter.accepts(scope, a.scope(), a.principalId()))
        .map(a -> (JsonElement) assignmentBody(a)).toList();
    return ArmResponse.ok(Pages.page(items, r, pageSize, endpoint));
  }

  private JsonObject assignmentBody(StoredAssignment a) {
    JsonObject properties = new JsonObject();
    properties.addProperty("roleDefinitionId", roleDefinitionId(a.scope(), a.roleDefinitionGuid()));
    properties.addProperty("principalId", a.principalId());
    properties.addProperty("principalType", a.principalType());
    properties.addProperty("scope", a.scope());
    properties.addProperty("createdOn", a.createdOn().toString());
    properties.addProperty("updatedOn", a.createdOn().toString());
    JsonObject body = new JsonObject();
    body.add("properties", properties);
    body.addProperty("id", a.id());
    body.addProperty("type", "Microsoft.Authorization/roleAssignments");
    body.addProperty("name", a.name());
    return body;
  }

  private static String key(String scope, String name) {
    return RoleAssignmentFilter.normalize(scope) + "|" + name.toLowerCase(Locale.ROOT);
  }

  /**
   * Scopes the fake can check: a subscription and anything below it. A registry must have been added by the test
   * and a managed cluster must exist; other resources are taken to exist.
   */
  private void checkScope(List<String> segments) {
    if (segments.size() < 2 || !segments.get(0).equalsIgnoreCase("subscriptions")) {
      if (segments.isEmpty()) {
        return;
      }
      throw ArmException.badRequest("InvalidScope", "The scope '/" + String.join("/", segments) + "' is not valid:"
          + " this fake models scopes at or below a subscription.");
    }
    for (int i = 2; i + 3 < segments.size(); i++) {
      if (!segments.get(i).equalsIgnoreCase("providers")) {
        continue;
      }
      String namespace = segments.get(i + 1);
      String type = segments.get(i + 2);
      String resourceName = segments.get(i + 3);
      String resourceGroup = segments.size() > 3 && segments.get(2).equalsIgnoreCase("resourceGroups")
          ? segments.get(3) : "";
      boolean exists = true;
      if (namespace.equalsIgnoreCase("Microsoft.ContainerRegistry") && type.equalsIgnoreCase("registries")) {
        exists = registries.contains(RoleAssignmentFilter.normalize(String.join("/", segments.subList(0, i + 4))));
      } else if (namespace.equalsIgnoreCase("Microsoft.ContainerService") && type.equalsIgnoreCase("managedClusters")) {
        exists = containerService.clusterExists(segments.get(1), resourceGroup, resourceName);
      }
      if (!exists) {
        throw ArmException.notFound("ResourceNotFound", "The Resource '" + namespace + "/" + type + "/"
            + resourceName + "' under resource group '" + resourceGroup + "' was not found. For more details please"
            + " go to https://aka.ms/ARMResourceNotFoundFix");
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Role definitions

  private ArmResponse getDefinition(String scope, String id) {
    RoleDefinition role = BUILT_IN.stream().filter(d -> d.id().equalsIgnoreCase(id)).findFirst()
        .orElseThrow(() -> ArmException.notFound("RoleDefinitionDoesNotExist", "The specified role definition with"
            + " ID '" + id + "' does not exist."));
    return ArmResponse.ok(definitionBody(scope, role));
  }

  private ArmResponse listDefinitions(ArmRequest r, String scope) {
    String filter = r.query("$filter");
    String roleName = null;
    if (filter != null && !filter.isBlank()) {
      Matcher byName = ROLE_NAME_FILTER.matcher(filter.trim());
      Matcher byType = TYPE_FILTER.matcher(filter.trim());
      if (byName.matches()) {
        roleName = byName.group(1);
      } else if (!byType.matches()) {
        throw ArmException.badRequest("UnsupportedQuery", "The filter '" + filter + "' is not supported. Supported"
            + " filters are 'roleName eq '{value}'' and 'type eq '{value}''.");
      } else if (!byType.group(1).equalsIgnoreCase("BuiltInRole")) {
        return ArmResponse.ok(Pages.page(List.of(), r, pageSize, endpoint));
      }
    }
    String wanted = roleName;
    List<JsonElement> items = BUILT_IN.stream()
        .filter(d -> wanted == null || d.roleName().equalsIgnoreCase(wanted))
        .map(d -> (JsonElement) definitionBody(scope, d)).toList();
    return ArmResponse.ok(Pages.page(items, r, pageSize, endpoint));
  }

  private RoleDefinition definitionFromId(String roleDefinitionId) {
    String guid = roleDefinitionId.substring(roleDefinitionId.lastIndexOf('/') + 1);
    return BUILT_IN.stream().filter(d -> d.id().equalsIgnoreCase(guid)).findFirst()
        .orElseThrow(() -> ArmException.badRequest("RoleDefinitionDoesNotExist", "The specified role definition"
            + " with ID '" + guid + "' does not exist."));
  }

  private JsonObject definitionBody(String scope, RoleDefinition role) {
    JsonObject permission = new JsonObject();
    permission.add("actions", JsonFields.array(role.actions()));
    permission.add("notActions", new JsonArray());
    permission.add("dataActions", JsonFields.array(role.dataActions()));
    permission.add("notDataActions", new JsonArray());
    JsonArray permissions = new JsonArray();
    permissions.add(permission);
    JsonObject properties = new JsonObject();
    properties.addProperty("roleName", role.roleName());
    properties.addProperty("type", "BuiltInRole");
    properties.addProperty("description", role.description());
    properties.add("assignableScopes", JsonFields.array(List.of("/")));
    properties.add("permissions", permissions);
    properties.addProperty("createdOn", BUILT_IN_CREATED.toString());
    properties.addProperty("updatedOn", BUILT_IN_CREATED.toString());
    JsonObject body = new JsonObject();
    body.add("properties", properties);
    body.addProperty("id", roleDefinitionId(scope, role.id()));
    body.addProperty("type", "Microsoft.Authorization/roleDefinitions");
    body.addProperty("name", role.id());
    return body;
  }

  /** Built-in role definitions are named under the scope's subscription, or at the root for a tenant scope. */
  private static String roleDefinitionId(String scope, String guid) {
    String[] parts = scope.split("/");
    String prefix = parts.length > 2 && parts[1].equalsIgnoreCase("subscriptions") ? "/subscriptions/" + parts[2]
        : "";
    return prefix + "/providers/Microsoft.Authorization/roleDefinitions/" + guid;
  }
}
