package io.spacetime.runbook.starter.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spacetime.runbook.core.InvalidInputException;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleFileTest {

  static final String GOOD = """
      schedules:
        - id: daily-health-check-production
          description: the operations runbook's morning check
          runbook: daily-health-check
          environment: production
          parameters: {errorWindowHours: "24"}
          cron: "0 7 * * *"
          timeZone: Europe/Berlin
          jitter: 2m
        - id: hourly-backup-production
          runbook: backup
          environment: production
          every: 1h
          offset: 5m
          overlap: buffer-one
          catchupWindow: 30m
          pauseOnFailure: true
      """;

  @TempDir Path dir;

  @Test
  void aGoodFileBecomesSchedulesThatStartTheDocumentOnItsEnvironment() throws Exception {
    ScheduleFile file = ScheduleFile.load(write(GOOD));

    Schedule daily = ScheduleDefinition.of(file.schedules().get(0), "runbooks",
        ScheduleDefinition.initialState(file.schedules().get(0), "test"));
    Schedule hourly = ScheduleDefinition.of(file.schedules().get(1), "runbooks",
        ScheduleDefinition.initialState(file.schedules().get(1), "test"));

    ScheduleActionStartWorkflow action = (ScheduleActionStartWorkflow) daily.getAction();
    assertThat(action.getWorkflowType()).isEqualTo("RunbookWorkflow");
    assertThat(action.getOptions().getWorkflowId()).isEqualTo("daily-health-check-production");
    assertThat(action.getOptions().getTaskQueue()).isEqualTo("runbooks");
    assertThat(daily.getSpec().getCronExpressions()).containsExactly("0 7 * * *");
    assertThat(daily.getSpec().getTimeZoneName()).isEqualTo("Europe/Berlin");
    assertThat(daily.getSpec().getJitter()).isEqualTo(Duration.ofMinutes(2));
    assertThat(daily.getPolicy().getOverlap().name()).isEqualTo("SCHEDULE_OVERLAP_POLICY_SKIP");
    assertThat(hourly.getSpec().getIntervals().get(0).getEvery()).isEqualTo(Duration.ofHours(1));
    assertThat(hourly.getSpec().getIntervals().get(0).getOffset()).isEqualTo(Duration.ofMinutes(5));
    assertThat(hourly.getPolicy().getOverlap().name()).isEqualTo("SCHEDULE_OVERLAP_POLICY_BUFFER_ONE");
    assertThat(hourly.getPolicy().getCatchupWindow()).isEqualTo(Duration.ofMinutes(30));
    assertThat(hourly.getPolicy().isPauseOnFailure()).isTrue();
    assertThat(ScheduleDefinition.when(file.schedules().get(1))).isEqualTo("every 1h +5m (UTC)");
  }

  @Test
  void theDefinitionHashChangesWithTheEntryAndOnlyWithIt() throws Exception {
    ScheduleEntry entry = ScheduleFile.load(write(GOOD)).schedules().get(0);
    ScheduleEntry same = ScheduleFile.load(write(GOOD)).schedules().get(0);
    ScheduleEntry later = ScheduleFile.load(write(GOOD.replace("0 7 * * *", "0 8 * * *"))).schedules().get(0);

    assertThat(ScheduleDefinition.hash(entry, "runbooks")).isEqualTo(ScheduleDefinition.hash(same, "runbooks"))
        .isNotEqualTo(ScheduleDefinition.hash(later, "runbooks"))
        .isNotEqualTo(ScheduleDefinition.hash(entry, "other-queue"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "cron: \"0 7 * * *\"                | cronn: \"0 7 * * *\"        | schedules[0]: unknown field 'cronn' (near line",
      "cron: \"0 7 * * *\"                | every: 1h\\n    cron: \"0 7 * * *\" | give exactly one of 'cron'",
      "cron: \"0 7 * * *\"                | cron: \"every morning\"     | field 'cron': \"every morning\" is not 5 fields",
      "jitter: 2m                       | jitter: 2 minutes          | field 'jitter': \"2 minutes\" is not a duration",
      "timeZone: Europe/Berlin          | timeZone: Mars/Olympus     | field 'timeZone': \"Mars/Olympus\" is not a time zone",
      "overlap: buffer-one              | overlap: queue             | field 'overlap': \"queue\" is not one of skip, buffer-one",
      "id: hourly-backup-production     | id: daily-health-check-production | \"daily-health-check-production\" is used twice",
      "runbook: backup                  | runbook: Backup!           | schedules[1] (hourly-backup-production): field 'runbook'",
      "pauseOnFailure: true             | pauseOnFailure: sometimes  | schedules[1].pauseOnFailure: Cannot deserialize"})
  void aBadEntryIsRefusedNamingTheFileTheEntryAndTheField(String good, String bad, String message) throws Exception {
    Path file = write(GOOD.replace(good, bad.replace("\\n", "\n")));

    assertThatThrownBy(() -> ScheduleFile.load(file)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining(message);
  }

  @Test
  void aFileWithoutSchedulesIsRefused() throws Exception {
    Path file = write("schedules: []\n");

    assertThatThrownBy(() -> ScheduleFile.load(file)).hasMessageContaining("lists no schedules");
  }

  @Test
  void parametersAreKeptAsTheDocumentTakesThem() throws Exception {
    ScheduleEntry entry = ScheduleFile.load(write(GOOD)).schedules().get(0);

    assertThat(entry.parameters()).isEqualTo(Map.of("errorWindowHours", "24"));
  }

  private Path write(String yaml) throws Exception {
    Path file = Files.createTempFile(dir, "schedules", ".yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
