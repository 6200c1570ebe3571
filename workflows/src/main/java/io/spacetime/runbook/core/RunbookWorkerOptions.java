package io.spacetime.runbook.core;

import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.worker.WorkerFactoryOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The worker factory options every runbook worker runs with: the production worker, the embedded
 * one, the bench, every test environment and the replayer. They always carry the {@link InputGuard};
 * a process adds its own interceptors (the worker's activity keep-alive). Build worker factories
 * only from these, so no place can run the workflows without the guard.
 *
 * <p>The data converter is the other half of a worker's wiring; it comes from the client
 * ({@code TemporalConnection.dataConverter}).
 */
public final class RunbookWorkerOptions {

  private RunbookWorkerOptions() {}

  public static WorkerFactoryOptions factoryOptions(WorkerInterceptor... more) {
    List<WorkerInterceptor> interceptors = new ArrayList<>(List.of(new InputGuard()));
    interceptors.addAll(Arrays.asList(more));
    return WorkerFactoryOptions.newBuilder()
        .setWorkerInterceptors(interceptors.toArray(WorkerInterceptor[]::new))
        .build();
  }
}
