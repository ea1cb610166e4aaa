package dev.slipway.controllers.additionalconfig;

import static dev.slipway.controllers.additionalconfig.Observations.observed;
import static dev.slipway.controllers.additionalconfig.Observations.outcome;
import static dev.slipway.controllers.additionalconfig.Observations.profile;
import static dev.slipway.controllers.additionalconfig.Observations.split;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.api.v1alpha1.AutoscalerProfile;
import dev.slipway.api.v1alpha1.ConditionStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigConditionsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      # case                              | desired | profile | recorded | observed | cloud profile | grant    | revoke    | profile call | RegistryAccessReady  | AutoscalerProfileReady | Ready                 | settled | next    | after s
      all granted and applied             | a,b     | random  | a,b      | a=T,b=T  | random        | -        | -         | -            | TRUE Ready           | TRUE Ready             | TRUE Ready            | true    | RESYNC  | null
      grants and profile done this pass   | a,b     | random  | -        | a=F,b=F  | none          | done     | -         | done         | TRUE Ready           | TRUE Ready             | TRUE Ready            | true    | RESYNC  | null
      nothing asked                       | -       | -       | -        | -        | none          | -        | -         | -            | TRUE Ready           | TRUE Ready             | TRUE Ready            | true    | RESYNC  | null
      a grant in progress                 | a       | -       | -        | a=F      | none          | progress | -         | -            | FALSE Creating       | TRUE Ready             | FALSE Creating        | false   | POLL    | 7
      the cloud is busy                   | a       | -       | -        | a=F      | none          | busy     | -         | -            | FALSE CloudBusy      | TRUE Ready             | FALSE CloudBusy       | false   | POLL    | 12
      a retryable grant error             | a       | -       | -        | a=F      | none          | error    | -         | -            | FALSE CloudError     | TRUE Ready             | FALSE CloudError      | false   | BACKOFF | null
      throttled with Retry-After          | a       | -       | -        | a=F      | none          | throttled| -         | -            | FALSE CloudError     | TRUE Ready             | FALSE CloudError      | false   | POLL    | 20
      a permanent error does not loop     | a       | -       | -        | a=F      | none          | denied   | -         | -            | FALSE PermanentCloudError | TRUE Ready        | FALSE PermanentCloudError | false   | RESYNC  | null
      an unreadable grant                 | a       | -       | a        | a=E      | none          | -        | -         | -            | FALSE CloudError     | TRUE Ready             | FALSE CloudError      | false   | BACKOFF | null
      a revocation done is confirmed next | a       | -       | a,b      | a=T,b=T  | none          | -        | done      | -            | TRUE Ready           | TRUE Ready             | TRUE Ready            | true    | POLL    | null
      a revocation refused                | a       | -       | a,b      | a=T,b=T  | none          | -        | denied    | -            | FALSE PermanentCloudError | TRUE Ready        | FALSE PermanentCloudError | false   | RESYNC  | null
      a revocation in progress            | a       | -       | a,b      | a=T,b=T  | none          | -        | progress  | -            | FALSE Deleting       | TRUE Ready             | FALSE Deleting        | false   | POLL    | 7
      unsupported profile is a condition  | a       | random  | a        | a=T      | unsupported   | -        | -         | -            | TRUE Ready           | FALSE Unsupported      | FALSE Unsupported     | true    | RESYNC  | null
      unsupported but not asked           | a       | -       | a        | a=T      | unsupported   | -        | -         | -            | TRUE Ready           | TRUE Ready             | TRUE Ready            | true    | RESYNC  | null
      profile update in progress          | -       | random  | -        | -        | none          | -        | -         | progress     | TRUE Ready           | FALSE Updating         | FALSE Updating        | false   | POLL    | 7
      profile read fails                  | -       | random  | -        | -        | error         | -        | -         | -            | TRUE Ready           | FALSE CloudError       | FALSE CloudError      | false   | BACKOFF | null
      registry reason wins in summary     | a       | random  | -        | a=F      | none          | busy     | -         | progress     | FALSE CloudBusy      | FALSE Updating         | FALSE CloudBusy       | false   | POLL    | 12
      """)
  void decidesConditionsAndTheNextLook(String name, String desired, String desiredProfile, String recorded,
      String observedRegistries, String cloudProfile, String grant, String revoke, String profileCall,
      String registryAccess, String autoscalerProfile, String ready, boolean settled, String next, Long after) {
    DesiredChildren children = new DesiredChildren(split(desired), profile(desiredProfile));
    ObservedConfig observed = observed(observedRegistries, cloudProfile);
    ConfigPlan plan = ConfigPlanner.plan(children, GrantRecord.of(split(recorded), false), observed, Set.of(),
        false);
    Map<String, ChildOutcome> grants = new LinkedHashMap<>();
    plan.grants().forEach(id -> grants.put(id, outcome(grant.trim())));
    Map<String, ChildOutcome> revokes = new LinkedHashMap<>();
    plan.revokes().forEach(id -> revokes.put(id, outcome(revoke.trim())));
    ChildOutcome profileOutcome = plan.ensureProfile() ? outcome(profileCall) : null;

    ConfigConditions.Result result = ConfigConditions.decide("sim", children, observed, plan, grants, revokes,
        profileOutcome);

    assertThat(shown(result.registryAccess())).as("RegistryAccessReady").isEqualTo(registryAccess);
    assertThat(shown(result.autoscalerProfile())).as("AutoscalerProfileReady").isEqualTo(autoscalerProfile);
    assertThat(shown(result.ready())).as("Ready").isEqualTo(ready);
    assertThat(result.settled()).as("settled").isEqualTo(settled);
    assertThat(result.next().kind().name()).as("next").isEqualTo(next);
    assertThat(result.next().delay()).as("after").isEqualTo(after == null ? null : Duration.ofSeconds(after));
  }

  @Test
  void anAppliedProfileSaysWhatTheCloudReportsItsDefaultsIncluded() {
    AutoscalerProfile spec = TestProfiles.profile("least-waste");
    AutoscalerProfile reported = new AutoscalerProfile(true, false, true, AutoscalerProfile.Expander.LEAST_WASTE,
        null, 10, 600, "15m", null, null, null, "10s", "10m", null, null, "10m", null, "0.5", null, null);
    DesiredChildren children = new DesiredChildren(List.of(), spec);
    ObservedConfig observed = new ObservedConfig(Map.of(), new ObservedConfig.ProfileState(true, spec, null,
        reported));
    ConfigPlan plan = ConfigPlanner.plan(children, GrantRecord.EMPTY, observed, Set.of(), false);

    ConfigConditions.Result result = ConfigConditions.decide("azure", children, observed, plan, Map.of(), Map.of(),
        null);

    assertThat(plan.ensureProfile()).isFalse();
    assertThat(result.autoscalerProfile().message()).isEqualTo("autoscaler profile applied; the cloud reports "
        + "balanceSimilarNodeGroups=true, daemonsetEvictionForEmptyNodes=false, "
        + "daemonsetEvictionForOccupiedNodes=true, expander=least-waste, maxEmptyBulkDelete=10, "
        + "maxGracefulTerminationSec=600, maxNodeProvisionTime=15m, scanInterval=10s, scaleDownDelayAfterAdd=10m, "
        + "scaleDownUnneededTime=10m, scaleDownUtilizationThreshold=0.5");
  }

  @Test
  void messagesNameTheRegistryTheProviderAndTheCloudError() {
    DesiredChildren children = new DesiredChildren(split("a,b"), profile("random"));
    ObservedConfig observed = observed("a=T,b=F", "unsupported");
    ConfigPlan plan = ConfigPlanner.plan(children, GrantRecord.EMPTY, observed, Set.of(), false);

    ConfigConditions.Result result = ConfigConditions.decide("aws", children, observed, plan,
        Map.of("b", outcome("denied")), Map.of(), null);

    assertThat(result.registryAccess().message())
        .isEqualTo("granting pull access to b: AuthorizationFailed: no role (request req-4)");
    assertThat(result.autoscalerProfile().message())
        .isEqualTo("provider aws has no managed cluster autoscaler: spec.clusterAutoscaler is not applied");
    assertThat(result.ready().message()).isEqualTo("RegistryAccessReady: granting pull access to b: "
        + "AuthorizationFailed: no role (request req-4); AutoscalerProfileReady: provider aws has no managed "
        + "cluster autoscaler: spec.clusterAutoscaler is not applied");
    assertThat(result.ready().status()).isEqualTo(ConditionStatus.FALSE);
  }

  private static String shown(ConfigConditions.Value value) {
    return value.status().name() + " " + value.reason();
  }
}
