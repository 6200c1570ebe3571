package io.spacetime.runbook.starter.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens and settings are checked when the intake starts, with messages that never quote a token. */
class IntakeSettingsTest {

  @TempDir Path dir;

  @Test
  void tokensComeFromTheFileAndTheVariableTogether() throws Exception {
    Path file = Files.writeString(dir.resolve("tokens"), "# CI\nci-token-aaaaaaaaaaaaaaaa\n\nbot-token-bbbbbbbbbbbbbbbb\n");

    IntakeTokens tokens = IntakeTokens.load(file, "env-token-cccccccccccccccc, ");

    assertThat(tokens.count()).isEqualTo(3);
    assertThat(tokens.accepts("bot-token-bbbbbbbbbbbbbbbb")).isTrue();
    assertThat(tokens.accepts("env-token-cccccccccccccccc")).isTrue();
    assertThat(tokens.accepts("bot-token-bbbbbbbbbbbbbbb")).isFalse();
    assertThat(tokens.accepts(null)).isFalse();
    assertThat(tokens.toString()).doesNotContain("token-");
  }

  @Test
  void noTokenAtAllRefusesToStart() {
    assertThatThrownBy(() -> IntakeTokens.load(null, ""))
        .hasMessageContaining("--tokens-file").hasMessageContaining(IntakeTokens.ENV);
  }

  @Test
  void aShortTokenIsRefusedByPositionNotQuoted() {
    assertThatThrownBy(() -> IntakeTokens.of(List.of("ci-token-aaaaaaaaaaaaaaaa", "short")))
        .hasMessageContaining("token 2").hasMessageNotContaining("short");
  }

  @Test
  void aTypeMappingMustNameOneOfTheSeven() {
    IntakeSettings.Builder builder = IntakeSettings.newBuilder(IntakeTokens.of(List.of("ci-token-aaaaaaaaaaaaaaaa")));

    assertThatThrownBy(() -> builder.addTypeFor("HighCPU=cpu")).hasMessageContaining("api-unresponsive");
    assertThatThrownBy(() -> builder.addTypeFor("HighCPU")).hasMessageContaining("ALERTNAME=TYPE");
    assertThat(builder.addTypeFor("HighErrorRate=high-error-rate").build().typeForAlertname()).containsKey("HighErrorRate");
  }

  @Test
  void anEnvironmentThatIsNotANameIsRefused() {
    assertThatThrownBy(() -> IntakeSettings.newBuilder(IntakeTokens.of(List.of("ci-token-aaaaaaaaaaaaaaaa")))
        .setDefaultEnvironment("Prod;rm").build()).hasMessageContaining("--default-environment");
  }
}
