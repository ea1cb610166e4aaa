package dev.slipway.testing.azure;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code $filter} of a role assignment list, in the forms ARM documents: {@code atScope()} (only assignments at
 * or above the scope), {@code principalId eq '<id>'} and {@code assignedTo('<id>')} (one principal; groups are not
 * modelled, so both mean the same), joined by {@code and}. Without {@code atScope()} a list also shows the
 * assignments below the scope.
 */
record RoleAssignmentFilter(boolean atScope, String principalId) {

  private static final Pattern PRINCIPAL = Pattern.compile("principalId\\s+eq\\s+'([^']*)'",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern ASSIGNED_TO = Pattern.compile("assignedTo\\('([^']*)'\\)", Pattern.CASE_INSENSITIVE);

  static final RoleAssignmentFilter NONE = new RoleAssignmentFilter(false, null);

  static RoleAssignmentFilter parse(String filter) {
    if (filter == null || filter.isBlank()) {
      return NONE;
    }
    boolean atScope = false;
    String principal = null;
    for (String clause : filter.trim().split("(?i)\\s+and\\s+")) {
      String c = clause.trim();
      Matcher principalMatch = PRINCIPAL.matcher(c);
      Matcher assignedMatch = ASSIGNED_TO.matcher(c);
      if (c.toLowerCase(Locale.ROOT).equals("atscope()")) {
        atScope = true;
      } else if (principalMatch.matches()) {
        principal = principalMatch.group(1);
      } else if (assignedMatch.matches()) {
        principal = assignedMatch.group(1);
      } else {
        throw ArmException.badRequest("UnsupportedQuery", "The filter '" + filter + "' is not supported. Supported"
            + " filters are either 'atScope()', 'principalId eq '{value}'' or 'assignedTo('{value}')'.");
      }
    }
    return new RoleAssignmentFilter(atScope, principal);
  }

  /**
   * Whether an assignment at {@code assignmentScope} for {@code assignmentPrincipal} is listed for a request at
   * {@code requestScope}: at or above it always, below it unless {@code atScope()}. Scopes compare
   * case-insensitively.
   */
  boolean accepts(String requestScope, String assignmentScope, String assignmentPrincipal) {
    String request = normalize(requestScope);
    String assignment = normalize(assignmentScope);
    boolean atOrAbove = request.equals(assignment) || request.startsWith(assignment + "/");
    boolean below = assignment.startsWith(request + "/");
    boolean inScope = atOrAbove || (!atScope && below);
    return inScope && (principalId == null || principalId.equalsIgnoreCase(assignmentPrincipal));
  }

  static String normalize(String scope) {
    String s = scope.toLowerCase(Locale.ROOT);
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s.startsWith("/") ? s : "/" + s;
  }
}
