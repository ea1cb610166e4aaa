package dev.slipway.controllers.additionalconfig;

import static dev.slipway.controllers.additionalconfig.Observations.observed;
import static dev.slipway.controllers.additionalconfig.Observations.profile;
import static dev.slipway.controllers.additionalconfig.Observations.split;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigPlannerTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                  | desired | profile     | recorded | managed | observed        | cloud profile | siblings | sibling profile | grants | revokes | ensure | ensure to   | record | record managed
      first pass grants everything            | a,b     | least-waste | -        | false   | a=F,b=F         | none          | -        | false           | a,b    | -       | true   | least-waste | a,b    | true
      settled: nothing to do                  | a,b     | least-waste | a,b      | true    | a=T,b=T         | least-waste   | -        | false           | -      | -       | false  | -           | a,b    | true
      a dropped registry is revoked           | a       | -           | a,b      | false   | a=T,b=T         | none          | -        | false           | -      | b       | false  | -           | a,b    | false
      a revoked registry is then forgotten    | a       | -           | a,b      | false   | a=T,b=F         | none          | -        | false           | -      | -       | false  | -           | a      | false
      an unknown dropped grant stays recorded | a       | -           | a,b      | false   | a=T,b=E         | none          | -        | false           | -      | -       | false  | -           | a,b    | false
      an unknown desired grant is not retried | a,b     | -           | a,b      | false   | a=E,b=F         | none          | -        | false           | b      | -       | false  | -           | a,b    | false
      a grant lost out of band comes back     | a,b     | -           | a,b      | false   | a=T,b=F         | none          | -        | false           | b      | -       | false  | -           | a,b    | false
      a sibling's registry is not revoked     | a       | -           | a,b      | false   | a=T,b=T         | none          | b        | false           | -      | -       | false  | -           | a      | false
      a changed profile is applied            | -       | random      | -        | true    | -               | least-waste   | -        | false           | -      | -       | true   | random      | -      | true
      a dropped profile is reset              | -       | -           | -        | true    | -               | least-waste   | -        | false           | -      | -       | true   | -           | -      | true
      a reset profile is then forgotten       | -       | -           | -        | true    | -               | none          | -        | false           | -      | -       | false  | -           | -      | false
      a sibling's profile is not reset        | -       | -           | -        | true    | -               | least-waste   | -        | true            | -      | -       | false  | -           | -      | false
      a profile never set here is left alone  | -       | -           | -        | false   | -               | least-waste   | -        | false           | -      | -       | false  | -           | -      | false
      an unreadable profile is not touched    | -       | random      | -        | false   | -               | error         | -        | false           | -      | -       | false  | -           | -      | true
      an unsupported profile is never set     | a       | random      | -        | false   | a=F             | unsupported   | -        | false           | a      | -       | false  | -           | a      | false
      deletion revokes and resets everything  | -       | -           | a,b      | true    | a=T,b=T         | random        | -        | false           | -      | a,b     | true   | -           | a,b    | true
      deletion completes when all is gone     | -       | -           | a,b      | true    | a=F,b=F         | none          | -        | false           | -      | -       | false  | -           | -      | false
      """)
  void plansFromDesiredRecordedAndObservedState(String name, String desired, String desiredProfile,
      String recorded, boolean managed, String observedRegistries, String cloudProfile, String siblings,
      boolean siblingProfile, String grants, String revokes, boolean ensure, String ensureTo, String record,
      boolean recordManaged) {
    ConfigPlan plan = ConfigPlanner.plan(new DesiredChildren(split(desired), profile(desiredProfile)),
        GrantRecord.of(split(recorded), managed), observed(observedRegistries, cloudProfile),
        new HashSet<>(split(siblings)), siblingProfile);

    assertThat(plan.grants()).as("grants").containsExactlyElementsOf(split(grants));
    assertThat(plan.revokes()).as("revokes").containsExactlyElementsOf(split(revokes));
    assertThat(plan.ensureProfile()).as("ensure profile").isEqualTo(ensure);
    assertThat(plan.profile()).as("profile to ensure").isEqualTo(profile(ensureTo));
    assertThat(plan.record()).as("record").isEqualTo(GrantRecord.of(split(record), recordManaged));
  }
}
